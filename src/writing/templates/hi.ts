import { counted, ender, joinList, latinLetter } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('।');
const quoted = (s: string) => `“${s}”`;
const list = (items: readonly string[], conjunction: 'and' | 'or') => joinList(items, ', ', conjunction === 'and' ? ' और ' : ' या ');
const number = counted(['शून्य', 'एक', 'दो', 'तीन', 'चार', 'पाँच', 'छह', 'सात', 'आठ', 'नौ', 'दस']);

/**
 * Hindi addressing the viewer as आप. Sentences end with the danda (।); questions keep "?", as Hindi writes them.
 * Past tenses use the ने construction and durations "का समय लगता है", which agree with no one's gender.
 */
export const hi: Phrases = {
  stop: '।',
  questionMark: '?',
  gap: ' ',
  explainsCode: false,
  letter: latinLetter,
  list,
  runCommands: (n) => `टर्मिनल में ${n === 1 ? 'यह कमांड' : `ये ${number(n)} कमांड`} चलाइए।`,
  cover: (items) => `हम ${list(items, 'and')} के बारे में जानेंगे।`,
  comparison: (before, after) => `बाईं ओर ${before ? quoted(before) : 'मूल संस्करण'} है, और दाईं ओर ${after ? quoted(after) : 'बेहतर संस्करण'}।`,
  quote: (who, saying) => `जैसा कि ${who} ने कहा है: ${saying}`,
  objectives: (title, objectives) => `${quoted(title)} पाठ में आप ये बातें सीखेंगे: ${list(objectives, 'and')}।`,
  problem: (n) => `प्रश्न ${n}: `,
  code: { solution: 'यह रहा कोड।', titled: 'आइए, कोड को देखें।', untitled: 'आइए, इस उदाहरण को देखें।' },
  checkpoint: (n) => (n ? `आइए, चेकपॉइंट ${n} पर थोड़ा रुकें।` : 'आइए, यहाँ थोड़ा रुककर दोहराएँ।'),
  covered: (items) => `अब तक हमने ${list(items, 'and')} के बारे में जाना।`,
  review: (items) => `थोड़ा समय निकालकर इन्हें दोहराइए: ${list(items, 'and')}।`,
  next: (items) => `आगे हम ${list(items, 'and')} के बारे में जानेंगे।`,
  quiz: 'अब एक छोटी-सी क्विज़।',
  choices: (options) => `सही उत्तर क्या है: ${list(options.map((o) => `${o.letter}, ${o.option}`), 'or')}?`,
  answer: (letter, option) => `सही उत्तर है ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `अब आपकी बारी: ${title} इसमें ${number(steps)} ${steps === 1 ? 'चरण है' : 'चरण हैं'}${time ? `, और इसे पूरा करने में लगभग ${time} का समय लगता है` : ''}। वीडियो रोकिए और ख़ुद करके देखिए।`,
};

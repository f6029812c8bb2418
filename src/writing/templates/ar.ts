import { ender, latinLetter } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
const quoted = (s: string) => `«${s}»`;
/** و joins the word after it; before a Latin name or code it stands apart, so the name is not read as one word with it. */
const wa = (next: string) => (/^\p{Script=Arabic}/u.test(next) ? `و${next}` : `و ${next}`);
/** 「A وB」, 「A، وB، وC」 (و repeated before each item, as Arabic lists are said); alternatives 「A أو B أو C」. */
function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  if (conjunction === 'or') return items.join(' أو ');
  const [first, ...rest] = items;
  return [first, ...rest.map(wa)].join(items.length === 2 ? ' ' : '، ');
}
/** The number after a definite plural noun it describes, masculine noun → number with ة: الأوامر الثلاثة. */
const DEFINITE_MASCULINE = ['', '', '', 'الثلاثة', 'الأربعة', 'الخمسة', 'الستة', 'السبعة', 'الثمانية', 'التسعة', 'العشرة'];
/** "… of N steps" (genitive after من): خطوة واحدة، خطوتين، ثلاث خطوات … عشر خطوات، 11 خطوة. */
const STEPS = ['', 'خطوة واحدة', 'خطوتين', 'ثلاث خطوات', 'أربع خطوات', 'خمس خطوات', 'ست خطوات', 'سبع خطوات', 'ثماني خطوات', 'تسع خطوات', 'عشر خطوات'];
const commands = (n: number) => (n === 1 ? 'هذا الأمر' : n === 2 ? 'هذين الأمرين' : n <= 10 ? `هذه الأوامر ${DEFINITE_MASCULINE[n]}` : 'هذه الأوامر');

/**
 * Modern Standard Arabic. The viewer is never addressed with a gendered verb: "we" forms (ننفّذ، لنراجع) and يمكنك,
 * which is written the same for a man and a woman. Quiz letters stay Latin because the quiz scene draws A, B, C and the
 * narrator names what is on screen. The code comparison names its panels without "left" and "right", because an Arabic
 * scene is mirrored (src/render/arrange.ts) and the sides swap.
 */
export const ar: Phrases = {
  stop: '.',
  questionMark: '؟',
  gap: ' ',
  explainsCode: false,
  letter: latinLetter,
  list,
  runCommands: (n) => `في الطرفية، ننفّذ ${commands(n)}.`,
  cover: (items) => `سنتناول ${list(items, 'and')}.`,
  comparison: (before, after) => `نقارن هنا بين ${before ? quoted(before) : 'النسخة الأصلية'} ${wa(after ? quoted(after) : 'النسخة المحسّنة')}.`,
  quote: (who, saying) => `على حدّ تعبير ${who}: ${saying}`,
  objectives: (title, objectives) => `في هذا الدرس، ${quoted(title)}، سنتعلّم ما يلي: ${list(objectives, 'and')}.`,
  problem: (n) => `المسألة ${n}: `,
  code: { solution: 'إليك الشيفرة البرمجية.', titled: 'لنلقِ نظرة على الشيفرة البرمجية.', untitled: 'لنلقِ نظرة على هذا المثال.' },
  checkpoint: (n) => (n ? `لنتوقف قليلًا عند نقطة المراجعة ${n}.` : 'لنتوقف قليلًا للمراجعة.'),
  covered: (items) => `تناولنا حتى الآن ${list(items, 'and')}.`,
  review: (items) => `لنراجع سريعًا: ${list(items, 'and')}.`,
  next: (items) => `بعد ذلك، سنتناول ${list(items, 'and')}.`,
  quiz: 'حان وقت الاختبار.',
  // أم, not أو, offers the alternatives of a question: هل الإجابة A، …، أم B، …؟
  choices: (options) => `هل الإجابة ${options.map((o) => `${o.letter}، ${o.option}`).join('، أم ')}؟`,
  answer: (letter, option) => `الإجابة الصحيحة هي ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `حان دورك: ${title} يتكوّن هذا التمرين من ${STEPS[steps] ?? `${steps} خطوة`}${time ? `، ويستغرق نحو ${time}` : ''}. يمكنك الآن إيقاف الفيديو مؤقتًا وتجربته بنفسك.`,
};

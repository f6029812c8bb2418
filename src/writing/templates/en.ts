import { counted, ender, joinList, latinLetter } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
const list = (items: readonly string[], conjunction: string) => joinList(items, ', ', ` ${conjunction} `, true);
const number = counted(['0', 'one', 'two', 'three', 'four', 'five']);

/** English: the templates' original wording (test/writing checks it byte for byte). */
export const en: Phrases = {
  stop: '.',
  // English narration has always closed a question written without its mark with a full stop.
  questionMark: '.',
  gap: ' ',
  explainsCode: true,
  letter: latinLetter,
  list,
  runCommands: (n) => `In the terminal, run ${n === 1 ? 'this command' : `these ${number(n)} commands`}.`,
  cover: (items) => `We'll cover ${list(items, 'and')}.`,
  comparison: (before, after) =>
    `On the left, ${(before ?? 'the original version').toLowerCase()}; on the right, ${(after ?? 'the improved version').toLowerCase()}.`,
  quote: (who, saying) => `As ${who} put it: ${saying}`,
  objectives: (title, objectives) => `In this lesson, ${title}, you will learn to ${list(objectives.map((o) => o.charAt(0).toLowerCase() + o.slice(1)), 'and')}.`,
  problem: (n) => `Problem ${n}: `,
  code: { solution: "Here's the code.", titled: "Let's read through the code.", untitled: "Let's read through this example." },
  checkpoint: (n) => `Let's pause for checkpoint${n ? ` ${n}` : ''}.`,
  covered: (items) => `So far we have covered ${list(items, 'and')}.`,
  review: (items) => `Take a moment to review: ${list(items, 'and')}.`,
  next: (items) => `Next, we will look at ${list(items, 'and')}.`,
  quiz: 'Quiz time.',
  choices: (options) => `Is it ${list(options.map((o) => `${o.letter}, ${o.option}`), 'or')}?`,
  answer: (letter, option) => `The answer is ${letter}: ${end(option)}`,
  exercise: (title, steps, time) =>
    `Your turn: ${title} There ${steps === 1 ? 'is one step' : `are ${number(steps)} steps`}${time ? `, and it takes about ${time}` : ''}. Pause the video and give it a try.`,
};

import { SPACED_SCRIPT, counted, ender } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('.');
const quoted = (s: string) => `‘${s}’`;
/**
 * Whether a word ends in a consonant (받침), which picks the particle after it (과, not 와). Known only for Hangul;
 * for a Latin name or code the reading is a guess, so callers fall back to a particle-free wording.
 */
function endsInConsonant(word: string): boolean | undefined {
  const code = word.trim().codePointAt(word.trim().length - 1) ?? 0;
  return code >= 0xac00 && code <= 0xd7a3 ? (code - 0xac00) % 28 !== 0 : undefined;
}
/** 「A와 B」「A, B과 C」 when the particle is certain, otherwise 「A, B 그리고 C」; alternatives 「A 또는 B」. */
function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  const head = items.slice(0, -1).join(', ');
  if (conjunction === 'or') return `${head} 또는 ${items.at(-1)}`;
  const consonant = endsInConsonant(items.at(-2)!);
  return consonant === undefined ? `${head} 그리고 ${items.at(-1)}` : `${head}${consonant ? '과' : '와'} ${items.at(-1)}`;
}
/** Native Korean numbers, the ones used with 개 and 단계; digits beyond ten. */
const number = counted(['영', '한', '두', '세', '네', '다섯', '여섯', '일곱', '여덟', '아홉', '열']);

/**
 * Korean in the formal polite style (합니다). Titles are followed only by particles that do not depend on their last
 * sound (에, 의, 입니다), since a Latin title's reading cannot be known.
 */
export const ko: Phrases = {
  ...SPACED_SCRIPT,
  list,
  runCommands: (n) => (n === 1 ? '터미널에서 이 명령어를 실행합니다.' : `터미널에서 다음 명령어 ${n <= 10 ? `${number(n)} 개` : `${n}개`}를 실행합니다.`),
  cover: (items) => `이번에는 ${list(items, 'and')}에 대해 알아보겠습니다.`,
  comparison: (before, after) => `왼쪽은 ${before ? quoted(before) : '원래 버전'}, 오른쪽은 ${after ? quoted(after) : '개선된 버전'}입니다.`,
  // The saying first, then whose it is: 「…. 아인슈타인의 말입니다.」
  quote: (who, saying) => `${saying} ${who}의 말입니다.`,
  objectives: (title, objectives) => `이번 강의 ${quoted(title)}에서는 다음을 배웁니다: ${objectives.join(', ')}.`,
  problem: (n) => `문제 ${n}: `,
  code: { solution: '코드는 다음과 같습니다.', titled: '코드를 살펴보겠습니다.', untitled: '이 예제를 살펴보겠습니다.' },
  checkpoint: (n) => (n ? `체크포인트 ${n}입니다. 잠시 멈추고 정리해 보겠습니다.` : '잠시 멈추고 정리해 보겠습니다.'),
  covered: (items) => `지금까지 ${list(items, 'and')}에 대해 배웠습니다.`,
  review: (items) => `잠시 시간을 내어 복습해 보세요: ${items.join(', ')}.`,
  next: (items) => `다음으로 ${list(items, 'and')}에 대해 알아보겠습니다.`,
  quiz: '퀴즈 시간입니다.',
  choices: (options) => `${options.map((o) => `${o.letter} ${o.option}`).join(', ')} 중 무엇이 정답일까요?`,
  answer: (letter, option) => `정답은 ${letter}입니다. ${end(option)}`,
  exercise: (title, steps, time) =>
    `이제 직접 해 볼 차례입니다. ${title} ${steps === 1 ? '한 단계로 되어 있' : `모두 ${steps <= 10 ? `${number(steps)} ` : steps}단계로 되어 있`}${time ? `고, 약 ${time} 정도 걸립니다` : '습니다'}. 영상을 잠시 멈추고 직접 해 보세요.`,
};

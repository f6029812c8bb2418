import { UNSPACED_CJK_SCRIPT, bare, counted } from './text.ts';
import type { Phrases } from './types.ts';

const bracket = (s: string) => `「${s}」`;
/**
 * Nouns: 「AとB」, 「A、B、C」; alternatives: 「AかB」, 「A、B、またはC」. Verb phrases (objectives, review questions)
 * are only ever joined with 、: と after a verb means "when".
 */
function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  if (conjunction === 'and') return items.length === 2 ? items.join('と') : items.join('、');
  return items.length === 2 ? items.join('か') : `${items.slice(0, -1).join('、')}、または${items.at(-1)}`;
}
/** Japanese counts things with the native つ numbers up to nine; 十 and beyond take 個. */
const number = counted(['零', '一つ', '二つ', '三つ', '四つ', '五つ', '六つ', '七つ', '八つ', '九つ']);
const pieces = (n: number) => (n < 10 ? number(n) : `${n}個`);

/** Japanese in the polite です・ます style of a tutorial. Sentences follow each other without spaces. */
export const ja: Phrases = {
  ...UNSPACED_CJK_SCRIPT,
  list,
  runCommands: (n) => (n === 1 ? 'ターミナルでこのコマンドを実行します。' : `ターミナルで次の${pieces(n)}のコマンドを実行します。`),
  cover: (items) => `ここでは、${list(items, 'and')}について説明します。`,
  comparison: (before, after) => `左が${before ? bracket(before) : '元のバージョン'}、右が${after ? bracket(after) : '改良したバージョン'}です。`,
  quote: (who, saying) => `${who}は、次のように述べています。${saying}`,
  objectives: (title, objectives) => `このレッスン${bracket(title)}では、次のことを学びます：${objectives.join('、')}。`,
  problem: (n) => `問題${n}：`,
  code: { solution: 'こちらがコードです。', titled: 'コードを見ていきましょう。', untitled: 'この例を見ていきましょう。' },
  checkpoint: (n) => `${n ? `チェックポイント${n}です。` : ''}ここで一度、振り返りましょう。`,
  covered: (items) => `ここまで、${list(items, 'and')}について学びました。`,
  review: (items) => `少し時間をとって、次の点を確認してください：${items.join('、')}。`,
  next: (items) => `次は、${list(items, 'and')}について見ていきます。`,
  quiz: 'クイズの時間です。',
  choices: (options) => `答えは${options.map((o) => `${o.letter}${bracket(o.option)}`).join('、')}の${options.length === 2 ? 'どちら' : 'どれ'}でしょうか？`,
  answer: (letter, option) => `正解は${letter}の${bracket(bare(option))}です。`,
  exercise: (title, steps, time) =>
    `今度はあなたの番です。${title}手順は${pieces(steps)}${time ? `で、かかる時間は${time}ほど` : ''}です。動画を一時停止して、やってみましょう。`,
};

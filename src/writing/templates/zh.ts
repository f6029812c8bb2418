import { UNSPACED_CJK_SCRIPT, counted, ender } from './text.ts';
import type { Phrases } from './types.ts';

const end = ender('。');
const quoted = (s: string) => `“${s}”`;
/** 「A和B」「A、B和C」; alternatives 「A或B」. Verb phrases (objectives, review questions) are joined with 、 only. */
function list(items: readonly string[], conjunction: 'and' | 'or'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join('、')}${conjunction === 'and' ? '和' : '或'}${items.at(-1)}`;
}
/** 两, not 二, counts things. */
const number = counted(['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十']);

/** Simplified Chinese, addressing the viewer as 你 as tutorials do. Sentences follow each other without spaces. */
export const zh: Phrases = {
  ...UNSPACED_CJK_SCRIPT,
  list,
  runCommands: (n) => (n === 1 ? '在终端中运行这条命令。' : `在终端中依次运行这${number(n)}条命令。`),
  cover: (items) => `我们将介绍${list(items, 'and')}。`,
  comparison: (before, after) => `左边是${before ? quoted(before) : '原始版本'}，右边是${after ? quoted(after) : '改进后的版本'}。`,
  quote: (who, saying) => `正如${who}所说：${saying}`,
  objectives: (title, objectives) => `在本课${quoted(title)}中，你将学习：${objectives.join('、')}。`,
  problem: (n) => `第${n}题：`,
  code: { solution: '代码如下。', titled: '我们来看看代码。', untitled: '我们来看看这个例子。' },
  checkpoint: (n) => (n ? `我们在第${n}个检查点停一下，回顾所学内容。` : '我们在这里停一下，回顾所学内容。'),
  covered: (items) => `到目前为止，我们已经学习了${list(items, 'and')}。`,
  review: (items) => `请花点时间复习：${items.join('、')}。`,
  next: (items) => `接下来，我们将学习${list(items, 'and')}。`,
  quiz: '来做个小测验。',
  // A choice question: 是A“…”、B“…”，还是C“…”？
  choices: (options) => {
    const said = options.map((o) => `${o.letter}${quoted(o.option)}`);
    return `是${said.slice(0, -1).join('、')}，还是${said.at(-1)}？`;
  },
  answer: (letter, option) => `正确答案是${letter}：${end(option)}`,
  exercise: (title, steps, time) =>
    `轮到你了：${title}${steps === 1 ? '这个练习只有一步' : `这个练习共有${number(steps)}步`}${time ? `，大约需要${time}` : ''}。暂停视频，动手试试吧。`,
};

import { describe, expect, it } from 'vitest';
import type { SceneInput } from '../../src/spec/index.ts';
import { polishNarration, sentenceTemplate, templateUses, undouble } from '../../src/writing/polish.ts';

const scenes = (...narrations: string[]): SceneInput[] => narrations.map((narration, i) => ({ kind: 'title', title: `Scene ${i}`, narration }));

describe('polishNarration', () => {
  it('uses no sentence template more than twice in a video', () => {
    const input = scenes(
      'You can add a command. It has a name.',
      'You can add an option. It has a flag.',
      'You can add a hook. It runs before the action.',
      'You can add help text. It is printed on demand.',
      'If you want to test it, call parse. If you want to ship it, publish it. If you want to log it, add a hook.',
    );
    const out = polishNarration(input).map((s) => s.narration!);
    const uses = templateUses(out);
    expect(Math.max(...uses.values())).toBeLessThanOrEqual(2);
    // Rewritten, not dropped: every scene still says what it added.
    expect(out[2]).toMatch(/hook/);
    expect(out[3]).toMatch(/help text/);
    expect(out.join(' ')).toContain('To log it, add a hook.');
  });

  it('varies a connective used by the sentence before', () => {
    const out = polishNarration(scenes('Then, define a job.', 'Then, enqueue it.', 'Then, start a worker.')).map((s) => s.narration);
    expect(out[0]).toBe('Then, define a job.');
    expect(out[1]).not.toMatch(/^Then,/);
    expect(new Set(out.map((n) => n!.split(',')[0])).size).toBe(3);
  });

  it('removes doubled words and speaks no URL', () => {
    expect(undouble('Then, then see the the docs.')).toBe('Then, see the docs.');
    const [scene] = polishNarration(scenes('Read the docs at https://zod.dev/api for more.'));
    expect(scene!.narration).toBe('Read the docs at zod.dev for more.');
  });

  it('is deterministic and leaves scenes without narration alone', () => {
    const input: SceneInput[] = [...scenes('You can do it.', 'You can do it.', 'You can do it.'), { kind: 'title', title: 'Silent' }];
    expect(polishNarration(input)).toEqual(polishNarration(input));
    expect(polishNarration(input)[3]).toBe(input[3]);
    expect(sentenceTemplate('Here is a TypeScript example.')).toBe(sentenceTemplate('Here is a shell example.'));
    expect(sentenceTemplate('Run these two commands.')).toBe(sentenceTemplate('Run these three commands.'));
  });
});

describe('polishNarration in Chinese and Arabic (narrations of /tmp/review/fuzz/cjk.md and rtl.md at d9cecc8)', () => {
  it('keeps no English stock sentence and no doubled full stop in a Chinese video', () => {
    const out = polishNarration(scenes('使用包管理器安装。.然后运行命令。.The link is in the description.', 'That covers 安装.Thanks for watching.'), 'zh');
    expect(out[0]!.narration).toBe('使用包管理器安装。然后运行命令。');
    // Everything the outro said was English: the scene stays on screen, silent.
    expect(out[1]!.narration).toBeUndefined();
    expect((out[1] as { title?: string }).title).toBe('Scene 1');
  });

  it('keeps the Arabic sentences and drops the English frames around them', () => {
    const out = polishNarration(scenes('هذا دليل قصير للأداة. يمكنك تثبيتها بسهولة.', 'Here are three points on التثبيت. They are الخطوة الأولى: تنزيل الحزمة, and الخطوة الثالثة.', 'That covers التثبيت. Thanks for watching.'), 'ar');
    expect(out[0]!.narration).toBe('هذا دليل قصير للأداة. يمكنك تثبيتها بسهولة.');
    expect(out[1]!.narration).toBeUndefined();
    expect(out[2]!.narration).toBeUndefined();
  });
});

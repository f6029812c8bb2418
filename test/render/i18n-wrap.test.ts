import { describe, expect, it } from 'vitest';
import { fitText, wrapText } from '../../src/render/text.ts';
import { nodeMeasurer } from '../../src/media/canvas.ts';
import { cssFont } from '../../src/render/fonts.ts';
import { textStyle } from '../../src/render/type-scale.ts';

const measurer = nodeMeasurer();
const css = cssFont({ role: 'sans', weight: 600, size: 40 });
const measure = (s: string) => measurer.width(s, css);

/** Offsets (in UTF-16 units) where Intl.Segmenter ends a word: the only places a CJK line may end. */
export function wordEnds(text: string, locale: string): Set<number> {
  const out = new Set<number>();
  for (const s of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) out.add(s.index + s.segment.length);
  return out;
}

/** Where each line but the last ends in `text` (lines are trimmed, so spaces between them are skipped). */
export function lineEnds(text: string, lines: readonly string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const line of lines.slice(0, -1)) {
    at = text.indexOf(line, at) + line.length;
    out.push(at);
  }
  return out;
}

/** Every line ends at a Segmenter word boundary, lines rejoin to the text, and each fits the width. */
function expectWordAware(text: string, lines: readonly string[], locale: string, width: number): void {
  expect(lines.join('')).toBe(text.replace(/\s+/g, ''));
  const ends = wordEnds(text, locale);
  for (const at of lineEnds(text, lines)) expect(ends.has(at), `line break inside a word: ${text.slice(at - 3, at)}|${text.slice(at, at + 3)} in ${lines.join(' | ')}`).toBe(true);
  for (const line of lines) {
    expect(measure(line)).toBeLessThanOrEqual(width + 0.5);
    // Kinsoku: no line starts with closing punctuation or ends with an opening bracket.
    expect(line).not.toMatch(/^[、。，．！？：；）」』】〉》”’]/);
    expect(line).not.toMatch(/[（「『【〈《“‘]$/);
  }
}

const ZH = [
  '异步编程让一个线程在等待网络请求的时候继续处理其他任务，例如渲染界面或者响应用户的点击。',
  '事件循环从任务队列中取出下一个回调函数并执行它，然后检查微任务队列（例如 Promise 的回调）是否为空。',
  '他说：“版本控制系统可以跟踪文件的每一次变化。”然后我们一起打开了终端。',
];
const JA = [
  'イベントループはキューから次のタスクを取り出して実行し、そのあとでマイクロタスクをすべて処理します。',
  '非同期関数は「待機」のたびに制御を返すので、ひとつのスレッドで多くのネットワーク要求を同時に扱えます。',
];

describe('wrapText breaks CJK between words (Intl.Segmenter), with kinsoku', () => {
  for (const width of [260, 330, 420]) {
    it(`Chinese at ${width} px`, () => {
      for (const text of ZH) expectWordAware(text.replace(/\s+/g, ''), wrapText(text.replace(/\s+/g, ''), width, measure, 'zh'), 'zh', width);
    });
    it(`Japanese (mixed kana and kanji) at ${width} px`, () => {
      for (const text of JA) expectWordAware(text, wrapText(text, width, measure, 'ja'), 'ja', width);
    });
  }

  it('keeps Latin words, versions and URLs inside Chinese text whole', () => {
    const text = '请访问https://example.com/docs下载v3.12版本的Python解释器并安装到你的电脑上。';
    const width = measure('https://example.com/docs') + 40;
    const lines = wrapText(text, width, measure, 'zh');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.some((l) => l.includes('https://example.com/docs'))).toBe(true);
    expect(lines.some((l) => l.includes('v3.12'))).toBe(true);
    expect(lines.some((l) => l.includes('Python'))).toBe(true);
  });

  it('breaks inside a word only when the word alone is wider than the line', () => {
    // 版本 is one word; a line narrower than it has to cut it, and the cut pieces still fit.
    const lines = wrapText('版本', measure('版') + 1, measure, 'zh');
    expect(lines).toEqual(['版', '本']);
    const long = wrapText('微服务架构', measure('微服务') + 1, measure, 'zh');
    for (const line of long) expect(measure(line)).toBeLessThanOrEqual(measure('微服务') + 1);
  });

  it('fitText uses the style language and keeps a long Chinese heading on word boundaries', () => {
    const heading = '为什么异步编程能够同时处理成千上万个网络连接';
    const fitted = fitText(heading, { x: 0, y: 0, w: 520, h: 400 }, { ...textStyle('heading', 1), lang: 'zh' }, measurer);
    expect(fitted.lines.length).toBeGreaterThan(1);
    expect(fitted.truncated).toBe(false);
    const ends = wordEnds(heading, 'zh');
    for (const at of lineEnds(heading, fitted.lines)) expect(ends.has(at), fitted.lines.join(' | ')).toBe(true);
  });
});

describe('wrapText in scripts written with spaces', () => {
  it('Korean breaks at spaces, never inside an eojeol', () => {
    const text = '이벤트 루프는 큐에서 다음 작업을 꺼내 실행하고 그다음 마이크로태스크를 모두 처리합니다.';
    const lines = wrapText(text, 300, measure, 'ko');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(text);
    const words = new Set(text.split(' '));
    for (const line of lines) for (const w of line.split(' ')) expect(words.has(w), line).toBe(true);
  });

  it('Arabic breaks at spaces and keeps ، and ؟ on the word before them', () => {
    const text = 'لماذا تتوقف الدالة غير المتزامنة عند كل انتظار، وكيف تختار حلقة الأحداث المهمة التالية؟ سنرى ذلك الآن.';
    const lines = wrapText(text, 280, measure, 'ar');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(text);
    for (const line of lines) {
      expect(line).not.toMatch(/^[،؟؛.]/);
      expect(measure(line)).toBeLessThanOrEqual(280.5);
    }
    const fitted = fitText(text, { x: 0, y: 0, w: 600, h: 300 }, { ...textStyle('body', 1), lang: 'ar' }, measurer);
    expect(fitted.rtl).toBe(true);
    expect(fitted.align).toBe('right');
  });
});

import { describe, expect, it } from 'vitest';
import { cueChunks, formatCueText, maxLineChars, planTimeline, SAMPLE_RATE, twoLines, type SentenceAudio } from '../../src/timeline/index.ts';
import { wordCues } from '../../src/timeline/word-cues.ts';

/**
 * No caption cue and no caption line may end inside a word of Chinese or Japanese, as Intl.Segmenter finds the words
 * of the whole sentence (a reader sees "版本控制" as one word; "版本控|制" is a broken word).
 */
const ZH = [
  '异步编程让一个线程在等待网络请求的时候继续处理其他任务，例如渲染界面、响应用户的点击或者读取本地文件。',
  '事件循环从任务队列中取出下一个回调函数并执行它，然后检查微任务队列是否为空，如果不为空就先把所有微任务执行完毕。',
  'Git 是一个分布式版本控制系统，它可以跟踪文件的每一次变化，并且让很多人同时在同一个项目上工作而不会互相覆盖。',
  '请访问https://example.com/a/very/long/path/that/keeps/going/and/going/index.html下载最新版本的安装程序。',
];
const JA = [
  'イベントループはキューから次のタスクを取り出して実行し、そのあとでマイクロタスクをすべて処理します。',
  '非同期関数は待機のたびに制御を返すので、ひとつのスレッドで多くのネットワーク要求を同時に扱うことができます。',
  '東京都庁の職員はプログラミング言語の勉強会を毎週木曜日の夜に開いていて、初心者でも気軽に参加できます。',
];

/** Offsets where the sentence's words end: the only places a cue or a line may end. */
function wordEnds(text: string, locale: string): Set<number> {
  const out = new Set<number>();
  for (const s of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) out.add(s.index + s.segment.length);
  return out;
}

/**
 * Where consecutive pieces meet in `text`, for pieces that are `text` cut in order (spaces between them dropped): the
 * offset after each piece but the last. Fails when the pieces do not rebuild the text.
 */
function joins(text: string, pieces: readonly string[]): number[] {
  const out: number[] = [];
  let at = 0;
  pieces.forEach((piece, i) => {
    while (text[at] === ' ') at++;
    expect(text.startsWith(piece, at), `piece ${i} "${piece}" is not at ${at} of "${text}"`).toBe(true);
    at += piece.length;
    if (i < pieces.length - 1) out.push(at);
  });
  expect(text.slice(at).trim()).toBe('');
  return out;
}

/** Every cue and every line inside it ends at a word end of the whole sentence. */
function expectWordBreaks(sentence: string, cues: readonly string[], locale: string): void {
  const ends = wordEnds(sentence, locale);
  const lines = cues.flatMap((c) => c.split('\n'));
  const show = (at: number) => `${sentence.slice(Math.max(0, at - 4), at)}|${sentence.slice(at, at + 4)}`;
  for (const at of joins(sentence, lines)) expect(ends.has(at), `break inside a word: ${show(at)} in ${lines.join(' / ')}`).toBe(true);
  for (const line of lines) expect(line, 'no line starts with closing punctuation').not.toMatch(/^[，。、！？：；）」』]/);
}

/** Sentences spoken at 5 CJK characters a second, with word times from the segmenter (as an aligner gives them). */
function spoken(text: string, locale: string): SentenceAudio {
  const words: { text: string; start: number; end: number }[] = [];
  let chars = 0;
  for (const s of new Intl.Segmenter(locale, { granularity: 'word' }).segment(text)) {
    const n = [...s.segment].length;
    if (s.isWordLike) words.push({ text: s.segment, start: Math.round((chars / 5) * SAMPLE_RATE), end: Math.round(((chars + n) / 5) * SAMPLE_RATE) });
    chars += n;
  }
  return { text, samples: Math.round((chars / 5 + 0.2) * SAMPLE_RATE), words };
}

describe('CJK captions never split a word', () => {
  for (const [locale, sentences] of [['zh', ZH], ['ja', JA]] as const) {
    it(`cueChunks + formatCueText (${locale})`, () => {
      for (const sentence of sentences) {
        const chunks = cueChunks(sentence);
        expect(chunks.length, sentence).toBeGreaterThan(1);
        const cues = chunks.map(formatCueText);
        expectWordBreaks(sentence, cues, locale);
        for (const cue of cues) {
          const lines = cue.split('\n');
          expect(lines.length).toBeLessThanOrEqual(2);
          for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(maxLineChars(sentence));
        }
      }
    });

    it(`planTimeline cues and word-by-word cues (${locale})`, () => {
      const narration = [sentences.map((s) => spoken(s, locale)), [spoken(sentences[0]!, locale)]];
      const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 1 }, { id: 'b', minDuration: 1 }], narration });
      // Cues follow the sentences in order; gather each sentence's cues by rebuilding it from their text.
      const texts = narration.flat().map((s) => s.text);
      let cue = 0;
      for (const sentence of texts) {
        const mine: string[] = [];
        let rebuilt = '';
        while (rebuilt.length < sentence.replace(/ /g, '').length && cue < plan.cues.length) {
          const text = plan.cues[cue++]!.text;
          mine.push(text);
          rebuilt += text.replace(/[\n ]/g, '');
        }
        expect(rebuilt, 'the cues of a sentence are exactly its text').toBe(sentence.replace(/ /g, ''));
        expectWordBreaks(sentence, mine, locale);
      }
      expect(cue).toBe(plan.cues.length);
      // Word-by-word captions (Shorts) cut the same sentences into groups of whole words.
      const words = wordCues(plan.cues);
      expect(words.length).toBeGreaterThan(plan.cues.length);
      // Their display drops the space a CJK sentence has around a Latin word ("Git 是" shows as "Git是").
      const unspaced = texts.map((t) => t.replace(/ /g, ''));
      const flat = unspaced.join('');
      expect(words.map((w) => w.text.replace(/\n/g, '')).join('')).toBe(flat);
      const ends = new Set<number>();
      let base = 0;
      for (const s of unspaced) {
        for (const e of wordEnds(s, locale)) ends.add(base + e);
        base += s.length;
      }
      let at = 0;
      for (const w of words) {
        for (const line of w.text.split('\n')) {
          at += line.length;
          expect(ends.has(at), `word cue line ends inside a word: ${flat.slice(at - 3, at)}|${flat.slice(at, at + 3)}`).toBe(true);
        }
      }
    });
  }

  it('a URL longer than two lines is cut, but the Chinese words around it stay whole', () => {
    const sentence = ZH[3]!;
    const chunks = cueChunks(sentence);
    expect(chunks.length).toBeGreaterThan(1);
    const ends = wordEnds(sentence, 'zh');
    const firstUrl = sentence.indexOf('https');
    const afterUrl = sentence.indexOf('下载');
    for (const at of joins(sentence, chunks.flatMap((c) => twoLines(c) ?? [c]))) if (at <= firstUrl || at >= afterUrl) expect(ends.has(at)).toBe(true);
  });

  it('Korean keeps its spaces in word-by-word cues and breaks only at them', () => {
    const text = '이벤트 루프는 큐에서 다음 작업을 꺼내 실행하고 그다음 마이크로태스크를 모두 처리합니다.';
    const cues = wordCues([{ index: 1, scene: 0, start: 0, end: 6, text }]);
    expect(cues.map((c) => c.text.replace(/\n/g, ' ')).join(' ')).toBe(text);
    for (const c of cues) for (const w of c.text.split(/[\n ]/)) expect(text.split(' ')).toContain(w);
  });
});

describe('Arabic, Persian, Urdu and Hindi punctuation are break points', () => {
  it('twoLines breaks after the Arabic comma ، rather than mid-clause', () => {
    const lines = twoLines('تنتظر الدالة غير المتزامنة الرد، ثم تعود حلقة الأحداث إلى المهام')!;
    expect(lines[0]).toMatch(/،$/);
  });

  it('cueChunks cut after ؟ and ؛ (Arabic), ۔ (Urdu) and । (Hindi)', () => {
    const ar = 'لماذا تتوقف الدالة غير المتزامنة عند كل انتظار في البرنامج؟ لأن حلقة الأحداث تحتاج إلى وقت لتشغيل المهام الأخرى؛ وهكذا يعمل البرنامج بسرعة';
    const arChunks = cueChunks(ar);
    expect(arChunks.length).toBeGreaterThan(1);
    expect(arChunks.slice(0, -1).every((c) => /[؟؛،]$/.test(c)), arChunks.join(' | ')).toBe(true);
    const ur = 'ایونٹ لوپ قطار سے اگلا کام نکالتا ہے اور اسے چلاتا ہے۔ پھر وہ تمام چھوٹے کام مکمل کرتا ہے جو انتظار میں تھے';
    expect(cueChunks(ur)[0]).toMatch(/۔$/);
    const hi = 'इवेंट लूप कतार से अगला काम निकालता है और उसे चलाता है। फिर वह सभी छोटे काम पूरे करता है जो प्रतीक्षा में थे';
    const hiChunks = cueChunks(hi);
    expect(hiChunks[0]).toMatch(/।$/);
    // A Hindi postposition stays with its noun: no line or cue starts with में, से, का…
    for (const c of hiChunks) for (const line of twoLines(c)!) expect(line).not.toMatch(/^(?:में|से|का|की|के|को|पर) /);
  });

  it('word-by-word cues end a group at ، and ؟', () => {
    const text = 'أولاً، ننتظر الرد؟ ثم نكمل العمل بسرعة كبيرة جداً';
    const cues = wordCues([{ index: 1, scene: 0, start: 0, end: 5, text }]);
    const groups = cues.map((c) => c.text.replace(/\n/g, ' '));
    expect(groups[0]).toBe('أولاً،');
    expect(groups[1]).toBe('ننتظر الرد؟');
  });
});

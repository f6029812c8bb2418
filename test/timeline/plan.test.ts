import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameToSample, locateFrame, planTimeline, SAMPLE_RATE, type SentenceAudio } from '../../src/timeline/index.ts';
import { lintCues } from '../../src/writing/caption-lint.ts';

const sentence = (seconds: number, text = 'A short sentence.'): SentenceAudio => ({ text, samples: Math.round(seconds * SAMPLE_RATE) });

describe('planTimeline (ARCHITECTURE §5)', () => {
  it('sizes scenes from narration: lead-in + narration + tail, in whole frames', () => {
    const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 1 }, { id: 'b', minDuration: 1 }], narration: [[sentence(2)], [sentence(1), sentence(1)]] });
    // 0.3 + 2 + 0.7 = 3.0 s = 90 frames; 0.3 + 1 + 0.25 + 1 + 0.7 = 3.25 s → 98 frames (ceil)
    expect(plan.scenes.map((s) => s.frames)).toEqual([90, 98]);
    expect(plan.totalFrames).toBe(188);
    expect(plan.scenes[1]!.startFrame).toBe(90);
    expect(plan.totalSamples).toBe(frameToSample(188, 30, SAMPLE_RATE));
  });

  it('honours minDuration and never cuts narration for maxDuration', () => {
    const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 5 }, { id: 'b', minDuration: 1, maxDuration: 1 }], narration: [[], [sentence(3)]] });
    expect(plan.scenes[0]!.frames).toBe(150);
    expect(plan.scenes[1]!.frames).toBe(120);
  });

  it('places narration L after the scene start at exact sample offsets; transitions sit inside the outgoing scene', () => {
    const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 3, transition: 'slide' }, { id: 'b', minDuration: 3 }], narration: [[sentence(1)], [sentence(1)]] });
    expect(plan.clips[1]!.offset).toBe(frameToSample(plan.scenes[1]!.startFrame + 9, 30, SAMPLE_RATE));
    expect(plan.scenes[0]!.transition).toEqual({ kind: 'slide', frames: 15 });
    expect(plan.scenes[1]!.transition).toEqual({ kind: 'none', frames: 0 });
    // Narration of scene a ends before its transition starts.
    const a = plan.clips[0]!;
    expect(a.offset + a.length).toBeLessThanOrEqual(frameToSample(plan.scenes[0]!.endFrame - 15, 30, SAMPLE_RATE));
  });

  it('has no cumulative drift for any number of scenes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 9, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.constantFrom(24, 25, 30, 60), (lengths, fps) => {
        const plan = planTimeline({ fps, scenes: lengths.map((_, i) => ({ id: `s${i}`, minDuration: 1 })), narration: lengths.map((l) => (l > 0.05 ? [sentence(l)] : [])) });
        expect(plan.totalFrames).toBe(plan.scenes.reduce((n, s) => n + s.frames, 0));
        for (const clip of plan.clips) {
          const scene = plan.scenes[clip.scene]!;
          const planned = (scene.startFrame / fps + 0.3) * SAMPLE_RATE;
          expect(Math.abs(clip.offset - planned)).toBeLessThanOrEqual(SAMPLE_RATE / fps);
          expect(clip.offset + clip.length).toBeLessThanOrEqual(frameToSample(scene.endFrame - scene.transition.frames, fps, SAMPLE_RATE));
        }
      }),
    );
  });

  it('locates frames, including transition progress', () => {
    const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 3 }, { id: 'b', minDuration: 3 }], narration: [[], []] });
    expect(locateFrame(plan, 0)).toEqual({ scene: 0, t: 0, localFrame: 0 });
    expect(locateFrame(plan, 75)).toEqual({ scene: 0, t: 2.5, localFrame: 75, transition: { to: 1, kind: 'fade', progress: 1 / 16 } });
    expect(locateFrame(plan, 89)!.transition!.progress).toBeCloseTo(15 / 16);
    expect(locateFrame(plan, 90)).toEqual({ scene: 1, t: 0, localFrame: 0 });
  });
});

describe('caption cues', () => {
  it('one cue per sentence, starting at its clip, ≤ 2 lines of ≤ 42 characters', () => {
    const long = 'The event loop picks the next task from the queue, runs it to completion, and then drains every microtask before it renders the page again.';
    const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 1 }], narration: [[sentence(1.5, 'Hello there.'), sentence(8, long)]] });
    expect(plan.cues[0]).toMatchObject({ start: plan.clips[0]!.offset / SAMPLE_RATE, text: 'Hello there.' });
    expect(plan.cues[1]!.start).toBeCloseTo(plan.clips[1]!.offset / SAMPLE_RATE, 6);
    expect(plan.cues.length).toBeGreaterThan(2);
    for (const cue of plan.cues) {
      const lines = cue.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const line of lines) expect(line.length).toBeLessThanOrEqual(42);
      expect(cue.end).toBeGreaterThan(cue.start);
    }
    for (let i = 1; i < plan.cues.length; i++) expect(plan.cues[i]!.start - plan.cues[i - 1]!.end).toBeGreaterThanOrEqual(2 / 30 - 1e-9);
  });

  it('uses word boundaries when the voice provides them', () => {
    const words = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen'.split(' ');
    const text = words.join(' ');
    const s: SentenceAudio = { text, samples: 17 * SAMPLE_RATE, words: words.map((w, i) => ({ text: w, start: i * SAMPLE_RATE, end: i * SAMPLE_RATE + SAMPLE_RATE * 0.8 })) };
    const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 1 }], narration: [[s]] });
    expect(plan.cues.length).toBe(2);
    const firstWordsOfSecond = plan.cues[1]!.text.split(/\s/)[0]!;
    const idx = words.indexOf(firstWordsOfSecond);
    expect(plan.cues[1]!.start).toBeCloseTo(plan.clips[0]!.offset / SAMPLE_RATE + idx, 6);
  });
});

/** A sentence spoken at `cps` characters a second (espeak at 165 wpm reads about 17.5). */
const spokenAt = (text: string, cps: number, withWords = false): SentenceAudio => {
  const samples = Math.round((text.length / cps) * SAMPLE_RATE);
  if (!withWords) return { text, samples };
  // Word boundaries as a voice reports them: each word in proportion to its length, with a little silence after it.
  let at = 0;
  const words = text.split(' ').map((w) => {
    const start = at;
    at += ((w.length + 1) / (text.length + 1)) * samples;
    return { text: w, start: Math.round(start), end: Math.round(at - 200) };
  });
  return { text, samples, words };
};

const SENTENCES = [
  'Callbacks wait in one of two queues.',
  'Timers and I/O are macrotasks.',
  'Promise callbacks are microtasks, and they all run before the next macrotask.',
  'Yes.',
  'So, in what order are the letters printed?',
  'When the call stack is empty, the event loop takes the oldest task from the macrotask queue, runs it to the end, and then drains every microtask that the task queued before the browser paints again.',
  'Thank you.',
  'Git 是一个分布式版本控制系统，它可以跟踪文件的每一次变化，并且让很多人同时在同一个项目上工作而不会互相覆盖。',
  'A dragon.',
  'The synchronous logs run first, then the promise callback, and the timer comes last.',
];

describe('readable caption cues (QUALITY "Captions")', () => {
  it('lines chunks up with the voice’s words by their letters, even when it reports no word for a dash or no spaces', () => {
    for (const text of [
      'Microtasks run first — then the browser renders the page again, and after that the timers that were waiting in the macrotask queue finally get their turn.',
      'Git 是一个分布式版本控制系统，它可以跟踪文件的每一次变化，并且让很多人同时在同一个项目上工作而不会互相覆盖。',
    ]) {
      const spoken = !/[\u4e00-\u9fff]/.test(text) ? text.split(' ').filter((w) => w !== '—') : [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)].filter((w) => w.isWordLike).map((w) => w.segment);
      // One second a word: a chunk's cue must start on the exact second its first word does.
      const s: SentenceAudio = { text, samples: spoken.length * SAMPLE_RATE, words: spoken.map((w, i) => ({ text: w, start: i * SAMPLE_RATE, end: i * SAMPLE_RATE + 0.8 * SAMPLE_RATE })) };
      const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 1 }], narration: [[s]] });
      expect(plan.cues.length).toBeGreaterThan(1);
      const onset = plan.clips[0]!.offset / SAMPLE_RATE;
      for (const cue of plan.cues.slice(1)) {
        const t = cue.start - onset;
        expect(Math.abs(t - Math.round(t)), cue.text).toBeLessThan(1e-6);
        expect(cue.text.replace(/\s/g, '').startsWith(spoken[Math.round(t)]!), cue.text).toBe(true);
      }
      expect(lintCues(plan.cues)).toEqual([]);
    }
  });

  it('dense speech: cues reach into the pause after a sentence, and the pause grows when they still do not fit', () => {
    const dense = [spokenAt(SENTENCES[2]!, 24), spokenAt(SENTENCES[0]!, 24)];
    const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 1 }, { id: 'b', minDuration: 1 }], narration: [dense, [spokenAt(SENTENCES[1]!, 24)]] });
    expect(lintCues(plan.cues, { fps: 30 })).toEqual([]);
    // The second sentence waits until the first one's captions have been on screen long enough to read.
    const [first, second] = plan.clips;
    const firstCues = plan.cues.filter((c) => c.start < second!.offset / SAMPLE_RATE);
    const chars = firstCues.reduce((n, c) => n + c.text.replace('\n', ' ').length, 0);
    expect(second!.offset - (first!.offset + first!.length)).toBeGreaterThan(0.25 * SAMPLE_RATE);
    expect((second!.offset - first!.offset) / SAMPLE_RATE).toBeGreaterThanOrEqual(chars / 17);
    // Every sentence's first cue still starts with its clip; each scene's narration starts L after the scene.
    for (const clip of plan.clips) expect(plan.cues.some((c) => Math.abs(c.start - clip.offset / SAMPLE_RATE) < 1e-9)).toBe(true);
    for (const scene of plan.scenes) expect(scene.narrationStartFrame - scene.startFrame).toBe(9);
  });

  it('speech at a readable pace keeps the usual pauses (nothing stretches)', () => {
    const calm = SENTENCES.slice(0, 3).map((t) => spokenAt(t, 14));
    const plan = planTimeline({ fps: 30, scenes: [{ id: 'a', minDuration: 1 }], narration: [calm] });
    for (let i = 1; i < plan.clips.length; i++) expect(plan.clips[i]!.offset - plan.clips[i - 1]!.offset - plan.clips[i - 1]!.length).toBe(0.25 * SAMPLE_RATE);
    expect(lintCues(plan.cues)).toEqual([]);
  });

  it('a cue under a second merges with its neighbour in the same scene, never across scenes', () => {
    const plan = planTimeline({
      fps: 25,
      scenes: [{ id: 'a', minDuration: 1 }, { id: 'b', minDuration: 1 }],
      narration: [[spokenAt('Thank you.', 17), spokenAt('So...', 17), spokenAt('What brings you to the land of the gatekeepers?', 17)], [spokenAt('A dragon.', 17)]],
    });
    expect(plan.cues.map((c) => c.text.replace('\n', ' '))).toEqual(['Thank you. So...', 'What brings you to the land of the gatekeepers?', 'A dragon.']);
    expect(plan.cues[2]!.scene).toBe(1);
    expect(lintCues(plan.cues, { fps: 25 })).toEqual([]);
  });

  it('any narration at any speed: 0 lint violations, onsets on plan, no drift (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.record({ text: fc.constantFrom(...SENTENCES), cps: fc.double({ min: 6, max: 30, noNaN: true }), words: fc.boolean() }), { maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(24, 25, 30, 60),
        (scenes, fps) => {
          const narration = scenes.map((sentences) => sentences.map((s) => spokenAt(s.text, s.cps, s.words)));
          const plan = planTimeline({ fps, scenes: scenes.map((_, i) => ({ id: `s${i}`, minDuration: 1, transition: i % 2 ? 'slide' : 'fade' })), narration });
          expect(lintCues(plan.cues, { fps })).toEqual([]);
          expect(lintCues(plan.cues)).toEqual([]);
          expect(plan.totalFrames).toBe(plan.scenes.reduce((n, s) => n + s.frames, 0));
          for (const scene of plan.scenes) {
            const first = plan.clips.find((c) => c.scene === scene.index);
            if (first) expect(Math.abs(first.offset - (scene.startFrame / fps + 0.3) * SAMPLE_RATE)).toBeLessThanOrEqual(SAMPLE_RATE / fps);
          }
          for (const clip of plan.clips) expect(clip.offset + clip.length).toBeLessThanOrEqual(frameToSample(plan.scenes[clip.scene]!.endFrame - plan.scenes[clip.scene]!.transition.frames, fps, SAMPLE_RATE));
        },
      ),
      { numRuns: 120 },
    );
  });
});

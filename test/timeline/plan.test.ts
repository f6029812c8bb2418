import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { frameToSample, locateFrame, planTimeline, SAMPLE_RATE, type SentenceAudio } from '../../src/timeline/index.ts';

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

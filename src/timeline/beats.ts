import type { Scene } from '../spec/index.ts';
import { narrationFor } from '../writing/templates.ts';
import { splitSentences } from '../writing/sentences.ts';
import { LEAD_IN_SECONDS, SENTENCE_PAUSE_SECONDS } from './constants.ts';
import type { SentenceAudio, TimelinePlan } from './plan.ts';

/** One narration sentence of a scene, in scene seconds (0 = the scene's first frame). */
export interface Beat {
  text: string;
  start: number;
  end: number;
  /** Word onsets in scene seconds, when the voice reported word boundaries; in the order they are spoken. */
  words?: { text: string; start: number }[];
}

/** What the voice says in one scene and when: the moments the picture may follow. */
export interface SceneBeats {
  sentences: Beat[];
  /** Scene seconds at which the last sentence ends (0 for a silent scene). */
  narrationEnd: number;
  /** True when times come from synthesised audio; false for the text-length estimate of the preview. */
  measured: boolean;
}

/** Per scene, its sentence onsets from the planned clips (plan.clips carry absolute sample offsets). */
export function beatsFromPlan(plan: TimelinePlan, narration: readonly (readonly SentenceAudio[])[]): SceneBeats[] {
  const out: SceneBeats[] = plan.scenes.map(() => ({ sentences: [], narrationEnd: 0, measured: true }));
  for (const clip of plan.clips) {
    const scene = plan.scenes[clip.scene];
    const audio = narration[clip.scene]?.[clip.sentence];
    if (!scene || !audio) continue;
    const sceneStart = scene.startFrame / plan.fps;
    const start = clip.offset / plan.sampleRate - sceneStart;
    const end = (clip.offset + clip.length) / plan.sampleRate - sceneStart;
    const beat: Beat = { text: audio.text, start, end };
    if (audio.words?.length) beat.words = audio.words.map((w) => ({ text: w.text, start: start + w.start / plan.sampleRate }));
    const beats = out[clip.scene]!;
    beats.sentences.push(beat);
    beats.narrationEnd = Math.max(beats.narrationEnd, end);
  }
  return out;
}

/**
 * Speaking rate of the estimate, characters per second. espeak-ng at its default rate (175 words/min) speaks English
 * prose at about 14–15 characters a second; neural voices are close to it. Only previews use the estimate: a render
 * always times reveals from the real audio.
 */
export const ESTIMATED_CHARS_PER_SECOND = 14.5;

/**
 * Beats for a scene before any audio exists (the studio preview and `preview` command), from text length, laid out
 * the way planTimeline lays out clips (lead-in, then sentences separated by the sentence pause), so a preview
 * reveals items at about the moments the render will.
 */
export function estimateBeats(scene: Scene, language = 'en'): SceneBeats {
  const sentences: Beat[] = [];
  let t = LEAD_IN_SECONDS;
  for (const text of splitSentences(narrationFor(scene, language), language)) {
    const seconds = Math.max(0.6, [...text].length / ESTIMATED_CHARS_PER_SECOND);
    sentences.push({ text, start: t, end: t + seconds });
    t += seconds + SENTENCE_PAUSE_SECONDS;
  }
  return { sentences, narrationEnd: sentences.at(-1)?.end ?? 0, measured: false };
}

/**
 * Scene seconds at which the voice reaches character `index` of a beat's text: the onset of the word containing it
 * when word timings exist, else in proportion to the characters before it (speech rate is roughly even within a
 * sentence).
 */
export function beatTimeAt(beat: Beat, index: number): number {
  const share = beat.text.length ? Math.min(1, Math.max(0, index / beat.text.length)) : 0;
  if (beat.words?.length) {
    // The n-th word of the text is the n-th reported boundary (voices report words in order, one per word).
    const wordIndex = beat.text.slice(0, index).split(/\s+/).filter(Boolean).length - (/\S$/.test(beat.text.slice(0, index)) ? 1 : 0);
    const word = beat.words[Math.min(beat.words.length - 1, Math.max(0, wordIndex))];
    if (word) return word.start;
  }
  return beat.start + share * (beat.end - beat.start);
}

import type { Scene, SceneInput } from '../../../spec/index.ts';
import { LEAD_IN_SECONDS, SENTENCE_PAUSE_SECONDS, TAIL_SECONDS, TRANSITION_SECONDS } from '../../../timeline/constants.ts';
import { narrationFor } from '../../../writing/templates.ts';
import { splitSentences } from '../../../writing/sentences.ts';

/**
 * How long a scene will last before anything is synthesised, mirroring planTimeline: lead-in + spoken sentences +
 * the pauses between them + tail (at least the transition), never under the scene's minDuration.
 */

/**
 * Spoken words per second of the default voice (espeak-ng, English, 165 wpm), silence trimmed as the pipeline trims
 * it. Measured once through the pipeline (narrateVideo with the system espeak-ng, 2026-12-01): the narration of the
 * six real corpus documents (test/fixtures/real), 10 095 words in 3 996.8 s over 718 sentences = 2.53 words/s. Pauses
 * inside sentences (commas, colons) are in that figure; the 0.25 s between sentences is added separately.
 */
export const WORDS_PER_SECOND = 2.53;

/** The spec's default `minDuration` (src/spec/scenes.ts), for drafts that do not set one yet. */
const DEFAULT_MIN_SECONDS = 3;

/** Words as the voice speaks them: whitespace-separated for most scripts, ICU word segments for CJK and Thai. */
export function spokenWords(text: string, language = 'en'): number {
  if (!/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/.test(text)) return text.split(/\s+/).filter(Boolean).length;
  let n = 0;
  for (const s of new Intl.Segmenter(language, { granularity: 'word' }).segment(text)) if (s.isWordLike) n++;
  return n;
}

/** Seconds of speech for `text`, pauses between sentences included (no lead-in or tail). */
export function speechSeconds(text: string, language = 'en'): number {
  const sentences = splitSentences(text, language);
  if (!sentences.length) return 0;
  return spokenWords(text, language) / WORDS_PER_SECOND + (sentences.length - 1) * SENTENCE_PAUSE_SECONDS;
}

/** A scene's estimated length in seconds; `last` scenes have no transition (planTimeline's rule). */
export function estimateSceneSeconds(scene: SceneInput, language = 'en', last = false): number {
  const text = scene.narration ?? narrationFor(scene as Scene, language);
  const tail = last ? TAIL_SECONDS : Math.max(TAIL_SECONDS, TRANSITION_SECONDS);
  const needed = LEAD_IN_SECONDS + speechSeconds(text, language) + tail;
  return Math.max(scene.minDuration ?? DEFAULT_MIN_SECONDS, needed);
}

/** A whole video's estimated length in seconds. */
export function estimateVideoSeconds(scenes: readonly SceneInput[], language = 'en'): number {
  return scenes.reduce((sum, scene, i) => sum + estimateSceneSeconds(scene, language, i === scenes.length - 1), 0);
}

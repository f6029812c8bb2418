import type { CaptionMode } from '../spec/index.ts';
import type { CaptionCue } from './cues.ts';
import type { TimelinePlan } from './plan.ts';
import { karaokeCues, wordCues } from './word-cues.ts';

/**
 * The cues drawn into the picture for a caption mode. Soft tracks (SRT/VTT, mov_text) always use the sentence cues
 * (`plan.cues`); `words` draws short groups of 2–4 words with the spoken one highlighted, `karaoke` the sentence cue
 * filling in as it is said.
 */
export function burnInCues(plan: TimelinePlan, mode: CaptionMode): CaptionCue[] {
  if (mode === 'words') return wordCues(plan.cues);
  if (mode === 'karaoke') return karaokeCues(plan.cues);
  return plan.cues;
}

import type { CaptionMode } from '../spec/index.ts';
import type { CaptionCue } from './cues.ts';
import type { TimelinePlan } from './plan.ts';

/**
 * The cues drawn into the picture for a caption mode. Soft tracks (SRT/VTT, mov_text) always use the sentence cues
 * (`plan.cues`). Placeholder until word cues land: every mode draws the sentence cues.
 */
export function burnInCues(plan: TimelinePlan, _mode: CaptionMode): CaptionCue[] {
  return plan.cues;
}

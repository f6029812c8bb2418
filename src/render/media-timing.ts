import type { SceneBeats } from '../timeline/beats.ts';
import type { LaidOutScene } from './compose.ts';
import { elementsSettleAt } from './draw.ts';
import type { Element } from './elements.ts';
import type { MediaClip } from './media.ts';

/**
 * Clip start times from the narration: clip k shows from the onset of its sentence; the first clip from the scene's
 * first frame, whatever sentence it names. A clip whose sentence the narration does not have (a shorter voice-over
 * than the b-roll plan expected) is dropped with a warning rather than stacked onto another clip's moment; onsets never
 * run backwards, so clips always play in narration order.
 */
function timeClips(clips: readonly MediaClip[], beats: SceneBeats, warn: (m: string) => void): MediaClip[] {
  const out: MediaClip[] = [];
  clips.forEach((clip, k) => {
    if (k === 0) {
      out.push({ ...clip, at: 0 });
      return;
    }
    const onset = beats.sentences[clip.sentence]?.start;
    if (onset === undefined) {
      warn(`media clip ${k + 1} is timed to sentence ${clip.sentence + 1}, but the narration has ${beats.sentences.length}; the clip is left out`);
      return;
    }
    out.push({ ...clip, at: Math.max(onset, out.at(-1)!.at) });
  });
  return out;
}

function timeElements(elements: readonly Element[], beats: SceneBeats, warn: (m: string) => void): Element[] {
  return elements.map((el) => {
    if (el.type === 'media') return { ...el, clips: timeClips(el.clips, beats, warn) };
    if (el.type === 'group') return { ...el, children: timeElements(el.children, beats, warn) };
    return el;
  });
}

/** Places a scene's media clips on its timeline (a new layout; the input is not changed). Idempotent. */
export function applyMediaTiming(laid: LaidOutScene, beats: SceneBeats): LaidOutScene {
  const warnings = [...laid.warnings];
  const label = laid.scene.id ?? `scenes[${laid.index}]`;
  const elements = timeElements(laid.elements, beats, (m) => warnings.includes(`${label}: ${m}`) || warnings.push(`${label}: ${m}`));
  return { ...laid, elements, settlesAt: elementsSettleAt(elements), warnings };
}

import type { LaidOutScene } from './compose.ts';
import type { Element, MediaElement } from './elements.ts';
import { GRADIENT_REF, type MediaNeed } from './media.ts';
import { activeClips } from './media-clips.ts';

/** Every media element of a layout, at any depth, in drawing order. */
export function mediaElements(elements: readonly Element[], out: MediaElement[] = []): MediaElement[] {
  for (const el of elements) {
    if (el.type === 'media') out.push(el);
    else if (el.type === 'group') mediaElements(el.children, out);
  }
  return out;
}

/**
 * The asset frames a draw of `laid` at scene time `t` will ask `MediaFrames.frameAt` for: both clips during a
 * cross-fade, none for the drawn gradient. Decoding is asynchronous and drawing is not, so a feeder calls this, decodes
 * what is listed, then draws. Seconds are quantised to 1 ms, exactly as the draw asks for them; duplicates are removed.
 */
export function mediaNeeds(laid: Pick<LaidOutScene, 'elements'>, t: number): MediaNeed[] {
  const seen = new Set<string>();
  const needs: MediaNeed[] = [];
  for (const el of mediaElements(laid.elements)) {
    for (const active of activeClips(el, t)) {
      if (active.clip.ref === GRADIENT_REF) continue;
      const key = `${active.clip.ref}@${active.seconds}`;
      if (seen.has(key)) continue;
      seen.add(key);
      needs.push({ ref: active.clip.ref, seconds: active.seconds });
    }
  }
  return needs;
}

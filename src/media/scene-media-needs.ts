import type { LaidOutScene } from '../render/compose.ts';
import type { Element, MediaElement } from '../render/elements.ts';
import { GRADIENT_REF, type MediaClip, type MediaNeed } from '../render/media.ts';

/**
 * Stand-in for render/media-needs.ts (H1) until it lands: which asset frames a draw of `laid` at scene time `t` asks
 * for, so the feeder can decode them first. Mirrors the clip rules of render/media-clips.ts: the current clip and,
 * while it dissolves in, the one before; loops wrap, held clips stop on their last frame.
 */
const FADE_SECONDS = 0.4;

function sourceSeconds(clip: MediaClip, local: number): number {
  if (clip.kind === 'image' || clip.ref === GRADIENT_REF) return 0;
  const elapsed = Math.max(0, local);
  const round = (s: number) => Math.round(s * 1000) / 1000;
  if (clip.sourceEnd === undefined) return round(clip.sourceStart + elapsed);
  const length = clip.sourceEnd - clip.sourceStart;
  if (length <= 0.001) return round(clip.sourceStart);
  return round(clip.sourceStart + (clip.loop ? elapsed % length : Math.min(elapsed, length - 0.001)));
}

function elementNeeds(el: MediaElement, t: number, out: MediaNeed[]): void {
  const time = Number.isFinite(t) ? Math.max(0, t) : (el.clips.at(-1)?.at ?? 0) + 2;
  let k = 0;
  for (let i = 1; i < el.clips.length; i++) if (time >= el.clips[i]!.at) k = i;
  const shown = k > 0 && time - el.clips[k]!.at < FADE_SECONDS ? [k - 1, k] : [k];
  for (const i of shown) {
    const clip = el.clips[i];
    if (clip && clip.ref !== GRADIENT_REF) out.push({ ref: clip.ref, seconds: sourceSeconds(clip, time - clip.at) });
  }
}

export function sceneMediaNeeds(laid: LaidOutScene, t: number): MediaNeed[] {
  const out: MediaNeed[] = [];
  const walk = (elements: readonly Element[]) => {
    for (const el of elements) {
      if (el.type === 'media') elementNeeds(el, t, out);
      else if (el.type === 'group') walk(el.children);
    }
  };
  walk(laid.elements);
  return out;
}

/** Whether any media element of the scene changes over time (footage, motion, cuts, the gradient). */
export function sceneHasMovingMedia(laid: LaidOutScene): boolean {
  let moving = false;
  const walk = (elements: readonly Element[]) => {
    for (const el of elements) {
      if (el.type === 'media' && (el.motion === 'kenburns' || el.clips.length > 1 || el.clips.some((c) => c.ref === GRADIENT_REF || c.kind !== 'image'))) moving = true;
      else if (el.type === 'group') walk(el.children);
    }
  };
  walk(laid.elements);
  return moving;
}

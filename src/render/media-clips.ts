import type { MediaElement } from './elements.ts';
import { GRADIENT_REF, type MediaClip } from './media.ts';
import { clamp01 } from './motion.ts';

/** Seconds over which one clip dissolves into the next: long enough to read as a cut on purpose, short enough to keep pace. */
export const CLIP_FADE = 0.4;

/**
 * A held clip asks for this much before its end: `end` itself is one past the last frame, so a feeder rounding down
 * to a frame index gets the last real frame.
 */
const HOLD_BEFORE_END = 0.001;

/** One clip as a draw at some scene time shows it. */
export interface ActiveClip {
  clip: MediaClip;
  index: number;
  /** Opacity over what is under it: 1, or the cross-fade level while it dissolves in over the previous clip. */
  alpha: number;
  /** Seconds since the clip started showing (drives the Ken Burns motion). */
  local: number;
  /** Seconds into the asset (0 for stills and the gradient). */
  seconds: number;
}

/** Millisecond precision: what feeders cache frames by and signatures compare, so float noise never causes a redraw. */
export const quantiseSeconds = (s: number): number => Math.round(s * 1000) / 1000;

/** Where in its asset a clip is `local` seconds after it started showing: looped, or held on its last frame. */
export function sourceSeconds(clip: MediaClip, local: number): number {
  if (clip.kind === 'image' || clip.ref === GRADIENT_REF) return 0;
  const start = clip.sourceStart;
  const elapsed = Math.max(0, local);
  if (clip.sourceEnd === undefined) return quantiseSeconds(start + elapsed);
  const length = clip.sourceEnd - start;
  if (length <= HOLD_BEFORE_END) return quantiseSeconds(start);
  const into = clip.loop ? elapsed % length : Math.min(elapsed, length - HOLD_BEFORE_END);
  return quantiseSeconds(start + into);
}

/**
 * A time a draw can use: previews and thumbnails draw "the settled picture" at settlesAt, which is Infinity for
 * moving media; they get the picture a little after the last clip came in (its fade done), not NaN.
 */
function drawableTime(el: MediaElement, t: number): number {
  if (Number.isFinite(t)) return Math.max(0, t);
  return (el.clips.at(-1)?.at ?? 0) + 2;
}

/**
 * The clips visible at scene time `t`, bottom first: the current one, and during the first CLIP_FADE seconds of a
 * clip also the one it dissolves from (still playing on underneath).
 */
export function activeClips(el: MediaElement, t: number): ActiveClip[] {
  const time = drawableTime(el, t);
  let k = 0;
  for (let i = 1; i < el.clips.length; i++) if (time >= el.clips[i]!.at) k = i;
  const current = el.clips[k];
  if (!current) return [];
  const at = (index: number, alpha: number): ActiveClip => {
    const clip = el.clips[index]!;
    const local = Math.max(0, time - clip.at);
    return { clip, index, alpha, local, seconds: sourceSeconds(clip, local) };
  };
  const fade = k > 0 ? clamp01((time - current.at) / CLIP_FADE) : 1;
  if (fade >= 1) return [at(k, 1)];
  // Smoothstep: the dissolve starts and ends gently, so the cut never pops.
  return [at(k - 1, 1), at(k, fade * fade * (3 - 2 * fade))];
}

/** The still or footage a clip shows is footage, or the clip is the gradient fallback: its picture changes with time. */
export function clipMoves(clip: MediaClip): boolean {
  return clip.ref === GRADIENT_REF || clip.kind !== 'image';
}

/** The Ken Burns push applies to stills (and the gradient ignores it); footage moves by itself and is drawn as is. */
export function clipPushes(el: MediaElement, clip: MediaClip): boolean {
  return el.motion === 'kenburns' && clip.kind === 'image';
}

/** Whether the element's picture keeps changing: motion, footage or the gradient (cuts between stills end). */
export function mediaAnimates(el: MediaElement): boolean {
  return el.clips.some((c) => clipMoves(c) || clipPushes(el, c));
}

/** Scene time after which the element's picture is fixed: never while it animates, else after its last dissolve. */
export function mediaSettlesAt(el: MediaElement): number {
  if (mediaAnimates(el)) return Infinity;
  return el.clips.length > 1 ? el.clips.at(-1)!.at + CLIP_FADE : 0;
}

/**
 * A key that changes exactly when the element's picture does: which clips show, how far each has faded in, where
 * their footage is, how far the Ken Burns push has gone, and the gradient's phase.
 */
export function mediaSignature(el: MediaElement, t: number): string {
  return activeClips(el, t)
    .map((a) => {
      const parts = [`m${a.index}`, a.alpha.toFixed(4)];
      if (a.clip.ref === GRADIENT_REF) parts.push(`g${quantiseSeconds(t)}`);
      else if (a.clip.kind !== 'image') parts.push(`s${a.seconds}`);
      if (clipPushes(el, a.clip)) parts.push(`k${quantiseSeconds(a.local)}`);
      return parts.join(':');
    })
    .join('|');
}

/** Entrance timing, in seconds from the start of the scene. QUALITY: 300–600 ms ease-out, 80–150 ms stagger. */
export interface Enter {
  delay: number;
  duration: number;
  from: 'up' | 'left' | 'right' | 'fade' | 'scale';
  /**
   * The element is the n-th content step of its scene (a list item, objective, quiz option, instruction). The reveal
   * pass (after the narration is timed) moves such an entrance to the moment the voice reaches that step; layouts only
   * tag, they never need the timing.
   */
  step?: number;
}

export const ENTER_DURATION = 0.45;
export const STAGGER = 0.1;
/** The first element waits a moment so a transition into the scene is not fighting the entrance. */
export const FIRST_DELAY = 0.1;

export function easeOutCubic(p: number): number {
  return 1 - (1 - p) ** 3;
}

export function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/**
 * An entrance this close to its end is drawn as finished. Ease-out cubic spends its last fifth of the time on the last
 * 1 % of the way: at 1080p that is under 0.3 px of travel (TRAVEL 28 px) or 0.1 % of scale, at full opacity — frames
 * nobody can tell from the settled picture, which then become part of the hold instead of being drawn and encoded
 * (deck-12: ~3 frames per entrance, ~20 % of the animated frames).
 */
const SETTLED_WITHIN = 0.01;

/** Eased progress 0..1 of an entrance at scene time `t`. Exactly 1 once the entrance is over (or within 1 % of it). */
export function enterProgress(enter: Enter | undefined, t: number): number {
  if (!enter) return 1;
  if (t >= enter.delay + enter.duration) return 1;
  const eased = easeOutCubic(clamp01((t - enter.delay) / enter.duration));
  return eased > 1 - SETTLED_WITHIN ? 1 : eased;
}

/** The n-th element of a staggered sequence. */
export function stagger(index: number, from: Enter['from'] = 'up', start = FIRST_DELAY): Enter {
  return { delay: start + index * STAGGER, duration: ENTER_DURATION, from };
}

/** A staggered entrance tagged as content step `step` (see Enter.step). */
export function stepEnter(step: number, index: number, from: Enter['from'] = 'up', start = FIRST_DELAY): Enter {
  return { ...stagger(index, from, start), step };
}

export function enterEnd(enter: Enter | undefined): number {
  return enter ? enter.delay + enter.duration : 0;
}

/** Seconds an emphasis takes to fade in and to fade out: a soft change, never a flash (WCAG 2.3.1). */
export const FOCUS_FADE = 0.25;

/** Emphasis level 0..1 of a time window at scene time `t`: eased in from `start`, out after `end`, 0 outside. */
export function focusLevel(w: { start: number; end: number }, t: number): number {
  if (t <= w.start || t >= w.end + FOCUS_FADE) return 0;
  const rise = easeOutCubic(clamp01((t - w.start) / FOCUS_FADE));
  const fall = t <= w.end ? 1 : 1 - easeOutCubic(clamp01((t - w.end) / FOCUS_FADE));
  return Math.min(rise, fall);
}

/** The strongest emphasis of several windows at `t` (0 when there are none). */
export function windowsLevel(windows: readonly { start: number; end: number }[] | undefined, t: number): number {
  let level = 0;
  for (const w of windows ?? []) level = Math.max(level, focusLevel(w, t));
  return level;
}

/** Scene time after which a window's emphasis has faded out. */
export function focusEnd(w: { end: number }): number {
  return w.end + FOCUS_FADE;
}

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

/** Eased progress 0..1 of an entrance at scene time `t`. Exactly 1 once the entrance is over. */
export function enterProgress(enter: Enter | undefined, t: number): number {
  if (!enter) return 1;
  if (t >= enter.delay + enter.duration) return 1;
  return easeOutCubic(clamp01((t - enter.delay) / enter.duration));
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

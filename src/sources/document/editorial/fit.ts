import type { Level } from './condense.ts';

/**
 * Chooses how much of each section a video keeps so that it fits its budget. First the most important sections, in
 * rank order, each in essence, until BREADTH of the budget is used (so the top of the ranking is always in); then a
 * greedy knapsack over "add this section in essence" and "tell more of this section" steps, taking at each turn the
 * step that buys the most value per second. A section's value is its rank squared (so that rank, not cheapness, decides) times how much of it is told
 * (essence 60 %, condensed 85 %, whole 100 %): the budget first covers the most important sections briefly, then
 * deepens the ones that matter most.
 */

export interface FitCandidate {
  /** Estimated seconds at levels 0 (whole), 1 (condensed) and 2 (essence). */
  seconds: readonly [number, number, number];
  rank: number;
}

/** The level chosen for each section, or undefined for a section left out. */
export type Fit = (Level | undefined)[];

const COVERAGE: Record<Level, number> = { 0: 1, 1: 0.85, 2: 0.6 };
const SWITCH_SECONDS = 8;
const BREADTH = 0.6;

export function fitToBudget(candidates: readonly FitCandidate[], budget: number): Fit {
  const whole = candidates.reduce((n, c) => n + c.seconds[0], 0);
  if (whole <= budget) return candidates.map(() => 0);
  const fit: Fit = candidates.map(() => undefined);
  let used = 0;
  const byRank = candidates.map((c, i) => ({ c, i })).sort((a, b) => b.c.rank - a.c.rank);
  for (const { c, i } of byRank) {
    if (used + c.seconds[2] > budget * BREADTH) continue;
    fit[i] = 2;
    used += c.seconds[2];
  }
  for (;;) {
    let bestStep: { index: number; level: Level; cost: number; ratio: number } | undefined;
    candidates.forEach((c, index) => {
      const now = fit[index];
      if (now === 0) return;
      const next: Level = now === undefined ? 2 : now === 2 ? 1 : 0;
      const cost = c.seconds[next] - (now === undefined ? 0 : c.seconds[now]);
      if (used + cost > budget) return;
      const gain = c.rank ** 2 * (COVERAGE[next] - (now === undefined ? 0 : COVERAGE[now]));
      // Every step also costs the viewer a change of screen (SWITCH seconds), so cheap one-liners do not crowd out the
      // sections that matter; steps that cost nothing (a section that does not shrink when condensed) come first.
      const ratio = gain / (Math.max(cost, 0) + (now === undefined ? SWITCH_SECONDS : 0.01));
      if (!bestStep || ratio > bestStep.ratio) bestStep = { index, level: next, cost, ratio };
    });
    if (!bestStep) return fit;
    fit[bestStep.index] = bestStep.level;
    used += bestStep.cost;
  }
}

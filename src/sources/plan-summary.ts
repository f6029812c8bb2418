import type { VideoSpec } from '../spec/index.ts';
import { estimateSceneSeconds } from './document/editorial/estimate.ts';

/**
 * What `videogen create` is about to make, before anything is rendered: each video with its scene count and
 * estimated length (the same estimate the editorial pass budgets with), printed to the terminal and, with
 * `--spec-only`, written as plan.json next to the specs with the per-scene figures.
 */

export interface PlannedSceneEstimate {
  id?: string;
  kind: string;
  title?: string;
  seconds: number;
}

export interface PlannedVideoEstimate {
  id: string;
  title: string;
  scenes: number;
  seconds: number;
  minutes: number;
  perScene: PlannedSceneEstimate[];
}

export interface VideoPlanSummary {
  videos: PlannedVideoEstimate[];
  scenes: number;
  seconds: number;
  minutes: number;
  /** The per-video target the plan was made for, when there was one. */
  budgetSeconds?: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function planSummary(specs: readonly VideoSpec[], budgetSeconds?: number): VideoPlanSummary {
  const videos = specs.map((spec): PlannedVideoEstimate => {
    const raw = spec.scenes.map((scene, i) => estimateSceneSeconds(scene, spec.language, i === spec.scenes.length - 1));
    const perScene = spec.scenes.map((scene, i): PlannedSceneEstimate => ({
      ...(scene.id ? { id: scene.id } : {}),
      kind: scene.kind,
      ...('title' in scene && typeof scene.title === 'string' ? { title: scene.title } : {}),
      seconds: round1(raw[i]!),
    }));
    // Summed before rounding, so the total is the estimate the budget was checked against.
    const seconds = round1(raw.reduce((n, s) => n + s, 0));
    return { id: spec.id, title: spec.title, scenes: spec.scenes.length, seconds, minutes: round1(seconds / 60), perScene };
  });
  const seconds = round1(videos.reduce((n, v) => n + v.seconds, 0));
  return { videos, scenes: videos.reduce((n, v) => n + v.scenes, 0), seconds, minutes: round1(seconds / 60), ...(budgetSeconds ? { budgetSeconds } : {}) };
}

const clock = (seconds: number) => {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** The plan as lines for a terminal: one per video, then the total. */
export function formatPlan(plan: VideoPlanSummary): string {
  const budget = plan.budgetSeconds ? ` (target ${clock(plan.budgetSeconds)}${plan.videos.length > 1 ? ' each' : ''})` : '';
  const lines = plan.videos.map((v, i) => `  ${plan.videos.length > 1 ? `${i + 1}. ` : ''}${v.title}: ${v.scenes} scenes, about ${v.minutes.toFixed(1)} min (${clock(v.seconds)})`);
  const total = plan.videos.length > 1 ? [`  total: ${plan.videos.length} videos, ${plan.scenes} scenes, about ${plan.minutes.toFixed(1)} min`] : [];
  return [`plan${budget}:`, ...lines, ...total].join('\n');
}

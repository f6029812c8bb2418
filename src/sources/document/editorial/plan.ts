import type { DocSection } from '../model.ts';
import { splitSections } from '../split.ts';
import { withoutBoilerplate, type Skipped } from './boilerplate.ts';
import { condenseSection, type Level } from './condense.ts';
import { fitToBudget, type Fit, type FitCandidate } from './fit.ts';
import { rankSections } from './rank.ts';

/**
 * The editorial pass between a document's section model and its specs: skips boilerplate, decides how many videos
 * the document becomes, splits it into a balanced set when asked, and keeps and condenses what fits each video's
 * budget. Lengths come from `measure` (estimated seconds of the scenes a section becomes), so the decisions are made
 * on the same scenes that are finally built.
 */

export interface EditorialOptions {
  /** Seconds each video may last, title and outro included. */
  budget: number;
  /** Estimated seconds of one video's title and outro scenes. */
  overhead: number;
  /** undefined: one video; a number: that many; 'auto': as many as the document needs at the budget (≤ MAX_VIDEOS). */
  videos?: number | 'auto';
  /**
   * Per video (by index), at most this many seconds of sections: set by the caller when a built video came out
   * longer than its estimate (its final narration is polished as a whole), so that one video is planned tighter.
   */
  caps?: readonly (number | undefined)[];
}

export interface EditedVideo {
  /** The sections kept, each at its chosen length, in reading order. */
  sections: DocSection[];
  /** Rank of each kept section (same order), for choosing what a video's title names. */
  ranks: number[];
  /** Estimated seconds of the kept sections (without title and outro). */
  seconds: number;
  /** Headings of the sections left out, most important first. */
  dropped: string[];
  condensed: string[];
}

export interface EditorialPlan {
  videos: EditedVideo[];
  skipped: Skipped[];
  /** How many videos `--videos auto` would make (reported when a single video had to leave things out). */
  autoVideos: number;
}

/** The server's and the CLI's upper bound on a set. */
export const MAX_VIDEOS = 10;
/** Videos of one set stay within this ratio of each other (issue 11: ±30 %); the plan aims a little inside it. */
export const BALANCE = 1.3;
const BALANCE_AIM = 1.22;

interface Unit {
  section: DocSection;
  rank: number;
  candidate: FitCandidate;
}

function chosen(units: readonly Unit[], fit: Fit): EditedVideo {
  const video: EditedVideo = { sections: [], ranks: [], seconds: 0, dropped: [], condensed: [] };
  const dropped: Unit[] = [];
  units.forEach((unit, i) => {
    const level = fit[i];
    if (level === undefined) {
      if (unit.section.blocks.length) dropped.push(unit);
      return;
    }
    video.sections.push(condenseSection(unit.section, level));
    video.ranks.push(unit.rank);
    video.seconds += unit.candidate.seconds[level];
    if (level > 0 && unit.candidate.seconds[level] < unit.candidate.seconds[0]) video.condensed.push(unit.section.heading);
  });
  video.dropped = dropped.sort((a, b) => b.rank - a.rank).map((u) => u.section.heading);
  return video;
}

/** Seconds of the shortest section with content in its essence: what a video needs to keep anything at all. */
function leastEssence(units: readonly Unit[]): number {
  const essences = units.filter((u) => u.section.blocks.length).map((u) => u.candidate.seconds[2]);
  return essences.length ? Math.min(...essences) : 0;
}

const fitUnits = (units: readonly Unit[], budget: number) => chosen(units, fitToBudget(units.map((u) => u.candidate), budget));

export function planDocument(sections: readonly DocSection[], title: string, measure: (section: DocSection) => number, options: EditorialOptions): EditorialPlan {
  const { sections: content, skipped } = withoutBoilerplate(sections, title);
  const ranks = rankSections(content);
  const units: Unit[] = content.map((section, i) => ({
    section,
    rank: ranks[i]!,
    candidate: { rank: ranks[i]!, seconds: ([0, 1, 2] as Level[]).map((level) => measure(condenseSection(section, level))) as unknown as [number, number, number] },
  }));
  // A video always has room for some content, however short the budget or long the intro.
  const usable = Math.max(20, options.budget - options.overhead);
  const total = (level: Level) => units.reduce((n, u) => n + u.candidate.seconds[level], 0);
  const withContent = units.filter((u) => u.section.blocks.length).length;
  const autoVideos = total(0) <= usable ? 1 : Math.min(MAX_VIDEOS, Math.max(1, withContent), Math.max(1, Math.ceil(total(1) / usable)));
  const asked = options.videos === 'auto' ? autoVideos : Math.max(1, Math.floor(options.videos ?? 1));
  const n = Math.min(asked, Math.max(1, withContent));
  // A cap (the built video ran long) tightens a video but never empties it: it keeps at least its shortest section
  // in essence, and runs over the budget (reported) rather than vanish from the set.
  const room = (i: number, group: readonly Unit[]) => Math.max(leastEssence(group), Math.min(usable, options.caps?.[i] ?? Infinity));
  if (n <= 1) return { videos: [fitUnits(units, room(0, units))], skipped, autoVideos };

  // Split on the lengths the videos will roughly have: whole sections when the set has room for them, else condensed.
  const level: Level = total(0) <= n * usable ? 0 : 1;
  const groups = splitSections(
    units.map((u) => u.section),
    units.map((u) => u.candidate.seconds[level]),
    n,
  );
  let start = 0;
  const unitGroups = groups.map((g) => {
    const slice = units.slice(start, start + g.length);
    start += g.length;
    return slice;
  });
  const videos = unitGroups.map((g, i) => fitUnits(g, room(i, g)));
  // Balance: the longest videos are condensed towards the shortest until all are within the ratio.
  for (let round = 0; round < 4; round++) {
    const lengths = videos.map((v) => v.seconds + options.overhead);
    const shortest = Math.min(...lengths);
    if (Math.max(...lengths) <= shortest * BALANCE_AIM) break;
    const target = shortest * BALANCE_AIM - options.overhead;
    videos.forEach((v, i) => {
      // Never below the group's shortest essence: balance condenses a video, it never empties one (an empty video is
      // dropped, and its sections would be reported as left out of a set that had room for them).
      if (lengths[i]! > shortest * BALANCE_AIM) videos[i] = fitUnits(unitGroups[i]!, Math.min(room(i, unitGroups[i]!), Math.max(target, 10, leastEssence(unitGroups[i]!))));
    });
  }
  return { videos, skipped, autoVideos };
}

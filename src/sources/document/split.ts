import type { DocSection } from './model.ts';

/**
 * Splits a document's sections into `n` contiguous videos of about equal length. `seconds` is each section's
 * estimated length; the split minimises the squared difference of every video from the mean, and cutting inside a
 * chapter (before a subsection rather than a top-level heading) costs extra, so whole chapters stay together when the
 * balance allows. A heading with nothing under it is never left at the end of a video (it belongs to what follows).
 */
export function splitSections(sections: readonly DocSection[], seconds: readonly number[], n: number): DocSection[][] {
  const count = sections.length;
  if (n <= 1 || count <= 1) return [sections.slice()];
  n = Math.min(n, count);
  const top = Math.min(...sections.map((s) => s.depth));
  const prefix = [0];
  for (const s of seconds) prefix.push(prefix.at(-1)! + s);
  const mean = prefix[count]! / n;
  // cost of a cut before section i (i = 1..count-1)
  const cutCost = (i: number) => {
    if (!sections[i - 1]!.blocks.length) return Infinity;
    return sections[i]!.depth === top ? 0 : (0.2 * mean) ** 2;
  };
  const groupCost = (from: number, to: number) => {
    const w = prefix[to]! - prefix[from]!;
    return w <= 0 ? Infinity : (w - mean) ** 2;
  };
  // best[k][i]: least cost of the first i sections in k videos; from[k][i]: where the k-th video starts.
  const best = Array.from({ length: n + 1 }, () => new Array<number>(count + 1).fill(Infinity));
  const from = Array.from({ length: n + 1 }, () => new Array<number>(count + 1).fill(0));
  best[0]![0] = 0;
  for (let k = 1; k <= n; k++) {
    for (let i = k; i <= count - (n - k); i++) {
      for (let j = k - 1; j < i; j++) {
        const previous = best[k - 1]![j]!;
        if (previous === Infinity) continue;
        const cost = previous + groupCost(j, i) + (j > 0 ? cutCost(j) : 0);
        if (cost < best[k]![i]!) {
          best[k]![i] = cost;
          from[k]![i] = j;
        }
      }
    }
  }
  if (best[n]![count] === Infinity) return [sections.slice()];
  const groups: DocSection[][] = [];
  for (let k = n, i = count; k > 0; k--) {
    const j = from[k]![i]!;
    groups.unshift(sections.slice(j, i));
    i = j;
  }
  return groups;
}

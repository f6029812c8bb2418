import type { DocBlock, DocSection } from './model.ts';

/**
 * Splits a document's sections into `n` videos: by top-level headings when there are at least `n` of them (each
 * video keeps whole chapters), else at any heading, balancing the amount of text per video.
 */

const blockWeight = (b: DocBlock): number => {
  switch (b.type) {
    case 'paragraph':
    case 'quote':
      return b.text.length;
    case 'code':
      return b.code.length;
    case 'list':
      return b.items.reduce((n, i) => n + i.text.length, 0);
    case 'table':
      return b.rows.flat().join(' ').length;
  }
};

const weight = (units: readonly DocSection[][]) => (unit: number) => units[unit]!.reduce((n, s) => n + 40 + s.blocks.reduce((m, b) => m + blockWeight(b), 0), 0);

/** Contiguous groups of units with about equal weight; never an empty group. */
function partition(units: DocSection[][], n: number): DocSection[][] {
  const w = weight(units);
  const total = units.reduce((sum, _, i) => sum + w(i), 0);
  const groups: DocSection[][] = [];
  let current: DocSection[] = [];
  let done = 0;
  units.forEach((unit, i) => {
    current.push(...unit);
    done += w(i);
    const groupsLeft = n - groups.length - 1;
    const unitsLeft = units.length - i - 1;
    if (groupsLeft > 0 && (done >= (total * (groups.length + 1)) / n || unitsLeft === groupsLeft)) {
      groups.push(current);
      current = [];
    }
  });
  if (current.length) groups.push(current);
  return groups;
}

export function splitSections(sections: readonly DocSection[], n: number, warnings: string[]): DocSection[][] {
  if (n <= 1 || !sections.length) return [sections.slice()];
  const top = Math.min(...sections.map((s) => s.depth));
  const chapters: DocSection[][] = [];
  for (const section of sections) {
    if (section.depth === top || !chapters.length) chapters.push([section]);
    else chapters.at(-1)!.push(section);
  }
  if (chapters.length >= n) return partition(chapters, n);
  const single = sections.filter((s) => s.blocks.length).map((s) => [s]);
  if (single.length >= n) return partition(single, n);
  warnings.push(`asked for ${n} videos but the document has only ${single.length} section(s) with content; made ${Math.max(1, single.length)}`);
  return single.length ? single.map((g) => g) : [sections.slice()];
}

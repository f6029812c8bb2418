import type { DocSection } from '../model.ts';
import { stripNumbering } from '../phrase.ts';

/**
 * How much a section is worth a viewer's time, from what a reader sees first: where it sits (earlier sections frame
 * the rest), how deep its heading is, how much it says (a little only: a long section already costs more of the
 * budget), whether it shows code, lists or tables, and what its heading promises (getting started beats running the
 * tests). Scores are relative: only their order and ratios matter.
 */

const CORE = /\b(?:install(?:ation|ing)?|getting started|get started|quick ?start|usage|basic|introduction|overview|what is|how it works|example|tutorial|first steps|concepts?|features?|why)\b/i;
const PERIPHERAL = /\b(?:running tests?|tests?|testing|benchmarks?|debug(?:ging)?|faq|migrat(?:e|ing|ion)|upgrad(?:e|ing)|versions?|compatibility|troubleshoot(?:ing)?|legacy|deprecat(?:ed|ion)|special note|notes?|appendix|internals?|building from source)\b/i;

const contentChars = (s: DocSection) =>
  s.blocks.reduce((n, b) => n + (b.type === 'paragraph' || b.type === 'quote' ? b.text.length : b.type === 'code' ? b.code.length : b.type === 'list' ? b.items.reduce((m, i) => m + i.text.length, 0) : b.rows.flat().join(' ').length), 0);

/** One score per section, in the same order; 0 for sections with nothing to show. */
export function rankSections(sections: readonly DocSection[]): number[] {
  if (!sections.length) return [];
  // The chapter level is the depth most sections with content have (## in most READMEs, whose # is the title or a
  // wrapper like "Quick Start"); deeper sections are details of a chapter and count less per level.
  const depths = new Map<number, number>();
  for (const s of sections) if (s.blocks.length) depths.set(s.depth, (depths.get(s.depth) ?? 0) + 1);
  const chapter = [...depths].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
  return sections.map((section, index) => {
    if (!section.blocks.length) return 0;
    const heading = stripNumbering(section.heading);
    const position = 1 - index / sections.length;
    const length = Math.min(1, contentChars(section) / 1500);
    const has = (type: string) => section.blocks.some((b) => b.type === type);
    let score = 0.4 * position + 0.1 * length;
    if (has('code')) score += 0.2;
    if (has('list') || has('table')) score += 0.1;
    if (CORE.test(heading)) score += 0.3;
    if (PERIPHERAL.test(heading)) score -= 0.3;
    return Math.max(0.05, score * 0.7 ** Math.max(0, section.depth - chapter));
  });
}

import type { DocBlock, DocSection } from '../model.ts';
import { stripNumbering } from '../phrase.ts';

/**
 * Sections a viewer does not watch a video for: licence, copyright, contributors, sponsors, badges, tables of
 * contents, navigation, changelog, contributing, support. They are skipped (with their subsections) unless they are
 * the whole document, and tables of contents inside other sections are dropped.
 */

/** Heading patterns per kind, matched against the whole heading (numbering, emoji and punctuation removed). */
const HEADINGS: [kind: string, pattern: RegExp][] = [
  ['licence', /^(?:the\s+)?(?:licen[cs]e[sd]?|licen[cs]ing|copying|copyright(?:\s+(?:and|&)\s+licen[cs]e)?|licen[cs]e\s+(?:and|&)\s+copyright|legal(?:\s+notices?)?|terms of use)$/],
  ['contributors', /^(?:(?:the\s+)?(?:contributors?|authors?|maintainers?|credits?|(?:core\s+)?team|people|thanks to)|authors?\s+(?:and|&)\s+contributors?|contributors?\s+(?:and|&)\s+maintainers?)$/],
  ['acknowledgements', /^(?:acknowledge?ments?|special thanks|thanks)$/],
  ['sponsors', /^(?:sponsors?|sponsorship|backers?|(?:sponsors?|backers?)\s+(?:and|&)\s+(?:sponsors?|backers?)|supporters?|donat(?:e|ions?)|funding|[\w.-]+\s+for\s+enterprise|enterprise support)$/],
  ['badges', /^(?:badges?|build status)$/],
  ['table of contents', /^(?:table\s+of\s+contents?|contents?|toc|index|in this (?:document|guide|readme))$/],
  ['navigation', /^(?:links?|useful links|navigation|see also|references|bibliography|further reading|related(?:\s+projects)?)$/],
  ['changelog', /^(?:change\s*log|changes|history|release\s+(?:notes|history)|version\s+history|news)$/],
  ['contributing', /^(?:contribut(?:ing|e|ions?)|how to contribute|join in|get involved|development\s+(?:and|&)\s+contributing|code of conduct)$/],
  ['support', /^(?:support|help\s+(?:and|&)\s+support|community|contact(?:\s+us)?|security\s+polic(?:y|ies)|reporting (?:bugs|issues))$/],
];

/** Prose that is licence or copyright text, whatever the heading says. */
const LEGAL = /\bcopyright\b|\(c\)|©|\ball rights reserved\b|\blicen[cs]ed under\b|\bpermission is (?:hereby )?granted\b|\bwithout (?:any )?warranty\b|\bgeneral public licen[cs]e\b|\bmit licen[cs]e\b|\bapache licen[cs]e\b|\bcreative commons\b/i;

const normalise = (heading: string) =>
  stripNumbering(heading)
    .replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu, '')
    .replace(/[!?.:]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

const textOf = (b: DocBlock) => (b.type === 'paragraph' || b.type === 'quote' ? b.text : b.type === 'list' ? b.items.map((i) => i.text).join(' ') : '');

/** Why `section` is boilerplate ("licence", "contributors", …), or undefined when it is content. */
export function boilerplateKind(section: DocSection): string | undefined {
  const heading = normalise(section.heading);
  for (const [kind, pattern] of HEADINGS) if (pattern.test(heading)) return kind;
  const prose = section.blocks.filter((b) => b.type === 'paragraph' || b.type === 'quote');
  // Most of the section's prose is legal text and it shows nothing else (no code, no table).
  if (prose.length && prose.length === section.blocks.length && prose.filter((b) => LEGAL.test(textOf(b))).length / prose.length >= 0.6) return 'licence';
  return undefined;
}

const key = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** A list whose items are (nearly all) the document's own headings: a table of contents. */
export function isTocList(block: DocBlock, headings: ReadonlySet<string>): boolean {
  if (block.type !== 'list' || block.items.length < 3) return false;
  const hits = block.items.filter((i) => headings.has(key(i.text))).length;
  return hits / block.items.length >= 0.7;
}

export interface Skipped {
  heading: string;
  kind: string;
}

/**
 * Sections without boilerplate (a skipped section takes its subsections with it) and tables of contents removed from
 * the rest. When everything would go, the document is its boilerplate (a LICENSE file): it is kept whole.
 */
export function withoutBoilerplate(sections: readonly DocSection[], title = ''): { sections: DocSection[]; skipped: Skipped[] } {
  const headings = new Set([title, ...sections.map((s) => s.heading)].map(key).filter(Boolean));
  const kept: DocSection[] = [];
  const skipped: Skipped[] = [];
  let skipBelow: number | undefined;
  for (const section of sections) {
    if (skipBelow !== undefined && section.depth > skipBelow) continue;
    skipBelow = undefined;
    const kind = boilerplateKind(section);
    if (kind) {
      skipped.push({ heading: section.heading, kind });
      skipBelow = section.depth;
      continue;
    }
    const blocks = section.blocks.filter((b) => !isTocList(b, headings));
    if (blocks.length < section.blocks.length) skipped.push({ heading: `${section.heading} (its table of contents)`, kind: 'table of contents' });
    kept.push(blocks.length < section.blocks.length ? { ...section, blocks } : section);
  }
  if (!kept.some((s) => s.blocks.length)) return { sections: sections.slice(), skipped: [] };
  return { sections: kept, skipped };
}

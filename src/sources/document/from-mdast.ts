import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { Blockquote, List, Nodes, Root, RootContent, Table } from 'mdast';
import { htmlText, markdownTitle, splitFrontMatter } from './clean/markdown-title.ts';
import { repairText } from './clean/repair-text.ts';
import { listItem, span, type DocBlock, type DocModel, type DocSection, type Span } from './model.ts';

/** Markdown (CommonMark + GFM) → section model. `lineMap` maps parsed lines back to the original file (RST, text). */

export function inlineText(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'image':
    case 'imageReference':
    case 'html':
    case 'footnoteReference':
      return '';
    case 'break':
      return ' ';
    default:
      return 'children' in node ? (node.children as Nodes[]).map(inlineText).join('') : '';
  }
}

const clean = (s: string) => repairText(s).replace(/\s+/g, ' ').trim();

function lines(node: { position?: { start: { line: number }; end: { line: number } } | undefined }, map: (n: number) => number): Span {
  const p = node.position;
  return p ? span(map(p.start.line), map(p.end.line)) : span(1);
}

/** A list of in-page anchor links ("- [Installation](#installation)") is the document's table of contents. */
function isTableOfContents(node: List): boolean {
  return node.children.every((li) => {
    const first = li.children[0];
    if (first?.type !== 'paragraph') return false;
    const parts = first.children.filter((c) => !(c.type === 'text' && !c.value.trim()));
    return parts.length === 1 && parts[0]!.type === 'link' && parts[0]!.url.startsWith('#');
  });
}

/** "Read this in other languages: English | 简体中文" and the like: navigation, not content. */
const LANGUAGE_LINKS = /^(?:read (?:this|it|the \w+) in (?:other languages|another language)|(?:other )?languages?:|translations?:|this (?:document|readme) in other languages)/i;

function listBlock(node: List, map: (n: number) => number): DocBlock | undefined {
  if (isTableOfContents(node)) return undefined;
  const items = node.children
    .map((li) => {
      const first = li.children.find((c) => c.type === 'paragraph');
      if (!first) return undefined;
      const lead = first.children[0];
      const bold = lead && lead.type === 'strong' ? clean(inlineText(lead)) : undefined;
      const text = clean(inlineText(first));
      if (!text) return undefined;
      const item = listItem(text, bold);
      return li.checked === true ? { ...item, text: `✓ ${item.text}` } : item;
    })
    .filter((i) => i !== undefined);
  return items.length ? { type: 'list', ordered: node.ordered === true, items, lines: lines(node, map) } : undefined;
}

function tableBlock(node: Table, map: (n: number) => number): DocBlock | undefined {
  const rows = node.children.map((row) => row.children.map((cell) => clean(inlineText(cell))));
  const [header, ...body] = rows;
  if (!header || !body.length) return undefined;
  return { type: 'table', header, rows: body, lines: lines(node, map) };
}

/** A trailing "— Name" / "-- Name" paragraph (or line) of a block quote is its attribution. */
/** GitHub alert markers ("> [!WARNING]", also written "[! WARNING]"): a label for the card, never text to read. */
const ALERT = /^\s*\[!\s*(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\s*\]\s*/i;

/** The older form, "> **Warning**" on its own line (or leading the paragraph), read the same way. */
function boldAlert(first: RootContent | undefined): [string, string] | undefined {
  const lead = first?.type === 'paragraph' ? first.children[0] : undefined;
  const word = lead?.type === 'strong' ? inlineText(lead).trim() : '';
  return /^(?:note|tip|important|warning|caution)$/i.test(word) ? [word, word] : undefined;
}

const alertLabel = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1).toLowerCase();

function quoteBlock(node: Blockquote, map: (n: number) => number): DocBlock | undefined {
  const paragraphs = node.children.filter((c) => c.type === 'paragraph').map((p) => inlineText(p).trim());
  let attribution: string | undefined;
  const alert = ALERT.exec(paragraphs[0] ?? '') ?? boldAlert(node.children[0]);
  if (alert) {
    attribution = alertLabel(alert[1]!);
    paragraphs[0] = paragraphs[0]!.slice(alert[0].length).trim();
  }
  const last = paragraphs.at(-1);
  if (last && !alert) {
    const m = /(?:^|\n)\s*(?:—|–|--|-)\s*([^\n]+)$/.exec(last);
    if (m?.[1]) {
      attribution = clean(m[1]);
      paragraphs[paragraphs.length - 1] = last.slice(0, m.index).trim();
    }
  }
  const text = clean(paragraphs.filter(Boolean).join(' ')).replace(/^["“]|["”]$/g, '');
  if (!text) return undefined;
  return attribution ? { type: 'quote', text, attribution, lines: lines(node, map) } : { type: 'quote', text, lines: lines(node, map) };
}

function toBlock(node: RootContent, map: (n: number) => number): DocBlock | undefined {
  switch (node.type) {
    case 'paragraph': {
      const text = clean(inlineText(node));
      // Badge rows and image-only paragraphs leave no text; "*Generated: …*" stamps are not content.
      if (!text || /^generated:/i.test(text) || LANGUAGE_LINKS.test(text)) return undefined;
      const lead = node.children[0];
      const bold = lead?.type === 'strong' ? clean(inlineText(lead)) : '';
      // "**Warning** This feature won't apply to…" is an alert written as a paragraph: a labelled quote card.
      if (/^(?:note|tip|important|warning|caution):?$/i.test(bold) && text.length > bold.length + 2) return { type: 'quote', text: text.slice(bold.length).replace(/^[\s:]+/, ''), attribution: alertLabel(bold.replace(/:$/, '')), lines: lines(node, map) };
      if (bold.split(' ').length >= 2 && text.length > bold.length + 2) return { type: 'list', ordered: false, items: [listItem(text, bold)], lines: lines(node, map), terms: true };
      return { type: 'paragraph', text, lines: lines(node, map) };
    }
    case 'html': {
      // READMEs open with centred HTML paragraphs ("<p align=center>Property based testing framework…</p>").
      const text = /^<p\b/i.test(node.value) && !/<img\b/i.test(node.value) ? htmlText(node.value) : '';
      return /\p{L}{3}/u.test(text) ? { type: 'paragraph', text: repairText(text), lines: lines(node, map) } : undefined;
    }
    case 'code':
      return node.value.trim() ? { type: 'code', code: node.value.replace(/^\s*\n/, '').replace(/\s+$/, ''), ...(node.lang ? { language: node.lang.toLowerCase() } : {}), lines: lines(node, map) } : undefined;
    case 'list':
      return listBlock(node, map);
    case 'table':
      return tableBlock(node, map);
    case 'blockquote':
      return quoteBlock(node, map);
    default:
      return undefined;
  }
}

export function parseMarkdownTree(text: string): Root {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/**
 * Builds the model. The title comes from front matter, a top or only level-1 heading, a top HTML `<h1>` or logo
 * (clean/markdown-title.ts), else the first heading when it is the only one at its level, else `fallbackTitle`.
 */
export function modelFromMarkdown(source: string, document: string, fallbackTitle: string, lineMap?: readonly number[]): DocModel {
  const map = (n: number) => lineMap?.[n - 1] ?? n;
  const { title: frontTitle, body: text } = splitFrontMatter(source);
  const tree = parseMarkdownTree(text);
  const headings = tree.children.filter((c) => c.type === 'heading');
  const chosen = markdownTitle(tree, inlineText);
  const firstHeading = headings.length > 1 && headings[0] && headings.filter((h) => h.depth === headings[0]!.depth).length === 1 ? headings[0] : undefined;
  const titleNode = chosen.node ?? (chosen.title || frontTitle ? undefined : firstHeading);
  const title = clean(frontTitle ?? chosen.title ?? (titleNode ? inlineText(titleNode) : fallbackTitle));
  const intro: DocBlock[] = [];
  const sections: DocSection[] = [];
  for (const node of tree.children) {
    if (node === titleNode) continue;
    if (node.type === 'heading') {
      const heading = clean(inlineText(node));
      if (heading) sections.push({ heading, depth: node.depth, lines: lines(node, map), blocks: [] });
      continue;
    }
    const block = toBlock(node, map);
    if (!block) continue;
    const current = sections.at(-1);
    const previous = (current?.blocks ?? intro).at(-1);
    if (block.type === 'list' && block.terms && previous?.type === 'list' && previous.terms) {
      previous.items.push(...block.items);
      previous.lines = span(previous.lines.start, block.lines.end);
      if (current) current.lines = span(current.lines.start, block.lines.end);
      continue;
    }
    if (current) {
      current.blocks.push(block);
      current.lines = span(current.lines.start, block.lines.end);
    } else intro.push(block);
  }
  return { document, title: title || fallbackTitle, intro, sections };
}

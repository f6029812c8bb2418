import type { PdfLine } from './pdf-lines.ts';

/**
 * The title of a PDF: its metadata Title when that is a real title, else the largest text on the first page (lines
 * of that size joined, so a title set on two lines, or one ending in a URL, is read whole). The lines of the title
 * page that come before the body — the title itself, authors, affiliations, e-mail addresses, dates — are returned
 * as `titlePage` so they do not become sections of their own.
 */

/** Metadata titles that name a file or a template rather than the document. */
const NOT_A_TITLE = /^(?:untitled|document\d*|title|microsoft word\b.*|slide \d+|presentation\d*|unknown|none|no title)$|\.(?:pdf|docx?|odt|tex|dvi|ps|rtf|txt|md|indd|qxd|pages)$|^[\w.-]+\.\w{2,4}$/i;

export function realMetadataTitle(title: string | undefined): string | undefined {
  const t = title?.replace(/\s+/g, ' ').trim();
  if (!t || t.length < 3 || t.length > 200 || NOT_A_TITLE.test(t) || !/\p{L}{2}/u.test(t)) return undefined;
  return t;
}

/** Joins wrapped lines: no space after a break inside a URL or path ("https://exa-" / "mple.org/"). */
export function joinWrapped(parts: readonly string[]): string {
  return parts.reduce((text, part) => {
    if (!text) return part;
    if (/(?:https?:\/\/|www\.)\S*[/.\-_#?=&]$/.test(text)) return text + part;
    if (/\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(part)) return text.slice(0, -1) + part;
    return `${text} ${part}`;
  }, '');
}

export interface PdfTitle {
  title?: string;
  /** First-page lines that belong to the title block, not to the content. */
  titlePage: Set<PdfLine>;
}

/** `isContent` says where the body starts: a numbered heading or a line of body text. */
export function pdfTitle(first: readonly PdfLine[], metadataTitle: string | undefined, isContent: (line: PdfLine) => boolean): PdfTitle {
  const titlePage = new Set<PdfLine>();
  // The largest of the opening lines is the title even when body text follows it at once.
  const opening = first.slice(0, 10);
  const titleLine = opening.length ? opening.reduce((a, b) => (b.size > a.size ? b : a)) : undefined;
  const start = first.findIndex((l) => l !== titleLine && isContent(l));
  const block = first.slice(0, start === -1 ? Math.min(first.length, 8) : start);
  let title = realMetadataTitle(metadataTitle);
  if (block.length) {
    const largest = Math.max(...block.map((l) => l.size));
    const at = block.findIndex((l) => l.size === largest);
    const parts: PdfLine[] = [];
    for (let i = at; i < block.length && block[i]!.size === largest && (i === at || block[i]!.gap < 2.2); i++) parts.push(block[i]!);
    title ??= joinWrapped(parts.map((l) => l.text));
    block.forEach((l) => titlePage.add(l));
  }
  return title ? { title, titlePage } : { titlePage };
}

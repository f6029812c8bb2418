/**
 * The intermediate section model every document format converts to (Markdown, text, RST, PDF, DOCX, HTML), so the
 * scene choice and the narration are written once. `lines` are 1-based source lines for text formats, and block
 * numbers (paragraphs, list and tables counted in reading order) for DOCX and HTML, which have no stable lines.
 */
export interface Span {
  start: number;
  end: number;
}

/** A list item; "**Bold**: rest" items carry the bold part as `title` and the rest as `description`. */
export interface DocListItem {
  text: string;
  title?: string;
  description?: string;
}

export type DocBlock =
  | { type: 'paragraph'; text: string; lines: Span }
  | { type: 'code'; code: string; language?: string; lines: Span }
  /** `terms`: built from paragraphs that open with a bold lead ("**Question?** Answer."), merged while consecutive. */
  | { type: 'list'; ordered: boolean; items: DocListItem[]; lines: Span; terms?: boolean }
  | { type: 'table'; header: string[]; rows: string[][]; lines: Span }
  | { type: 'quote'; text: string; attribution?: string; lines: Span };

export interface DocSection {
  heading: string;
  /** Heading level, 1 = top. */
  depth: number;
  lines: Span;
  blocks: DocBlock[];
}

export interface DocModel {
  /** File name or URL, cited in every scene's `source.document`. */
  document: string;
  title: string;
  /** Blocks between the title and the first section; the first paragraph becomes the subtitle. */
  intro: DocBlock[];
  sections: DocSection[];
  /** What the reader calls this document in the outro ("guide", "article", "document"). */
  noun?: string;
}

export const span = (start: number, end = start): Span => ({ start, end: Math.max(start, end) });

export function blocksSpan(blocks: readonly DocBlock[], fallback: Span): Span {
  if (!blocks.length) return fallback;
  return span(Math.min(...blocks.map((b) => b.lines.start)), Math.max(...blocks.map((b) => b.lines.end)));
}

/** Splits "Bold: rest" / "Bold — rest" / "Bold - rest" items whose lead was bold in the source. */
export function listItem(text: string, boldLead?: string): DocListItem {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (boldLead) {
    const lead = boldLead.replace(/\s+/g, ' ').trim();
    if (clean.startsWith(lead)) {
      const rest = clean
        .slice(lead.length)
        .replace(/^\s*[:—–-]\s*/, '')
        .trim();
      const title = lead.replace(/[:.]$/, '').trim();
      if (title) return rest ? { text: clean, title, description: rest } : { text: clean, title };
    }
  }
  return { text: clean };
}

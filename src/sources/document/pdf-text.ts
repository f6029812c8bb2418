import { VideogenError } from '../../errors.ts';
import { analyse, layoutMarkdown } from './clean/pdf-layout.ts';
import { extractPdfText, type PdfLine } from './clean/pdf-lines.ts';
import { dropRunningText } from './clean/pdf-running.ts';
import { pdfTitle } from './clean/pdf-title.ts';

/**
 * PDF → Markdown: pdf.js text runs become lines (clean/pdf-lines.ts), running headers, footers and page numbers are
 * dropped (clean/pdf-running.ts), the title comes from the metadata or the largest first-page text and the rest of
 * the title page (authors, e-mail addresses) is left out (clean/pdf-title.ts), and the remaining lines are reflowed
 * into headings, paragraphs, lists and code blocks (clean/pdf-layout.ts). The title is the Markdown's only `#`.
 */
export async function pdfToMarkdown(data: Uint8Array): Promise<string> {
  // pdf.js refuses Buffer (a Uint8Array subclass) and detaches what it is given, so it gets its own copy.
  const { pages: raw, metadataTitle } = await extractPdfText(new Uint8Array(data));
  const pages = dropRunningText(raw);
  const all = pages.flat();
  if (!all.length) throw new VideogenError('SOURCE_UNREADABLE', 'the PDF has no text layer (is it a scan?); videogen reads PDFs with selectable text only');
  const layout = analyse(all);
  const first = pages[0] ?? [];
  const bodySized = (l: PdfLine) => Math.abs(l.size - layout.body) <= layout.body * 0.1 && !/@|\bat\b.*\.\w+$/.test(l.text);
  // Body text starts the content: a long body-size line, or the first of several in a paragraph (narrow columns).
  const position = new Map(first.map((l, i) => [l, i]));
  const isContent = (l: PdfLine) => {
    const next = first[(position.get(l) ?? first.length) + 1];
    const inParagraph = l.text.length > 30 && !!next && bodySized(next) && next.column === l.column && next.gap > 0 && next.gap <= 1.6;
    const prose = (x: PdfLine | undefined) => !!x && bodySized(x) && !layout.isHeading(x) && x.text.length > 50;
    // A heading with body text right under it starts a section; the title page's lines (authors) have none.
    return layout.isCode(l) || (layout.isHeading(l) && (/^\d/.test(l.text) || prose(next))) || (bodySized(l) && !layout.isHeading(l) && (l.text.length > 50 || inParagraph));
  };
  const { title, titlePage } = pdfTitle(first, metadataTitle, isContent);
  const markdown = layoutMarkdown(all.filter((l) => !titlePage.has(l)), layout);
  return title ? `# ${title.replace(/([\\`*_[\]<>])/g, '\\$1')}\n\n${markdown}` : markdown;
}

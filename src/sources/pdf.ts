import { basename } from 'node:path';
import { buildFromModel } from './document/build.ts';
import { modelFromMarkdown } from './document/from-mdast.ts';
import { pdfToMarkdown } from './document/pdf-text.ts';
import { isUrl, readDocumentFile } from './document/read.ts';
import type { DocumentOptions } from './markdown.ts';
import type { SourceAdapter, SourceResult } from './types.ts';

/** PDF documents → videos, through the same section model as Markdown (`lines` are lines of the extracted text). */
export async function fromPdf(data: Uint8Array, options: DocumentOptions = {}): Promise<SourceResult> {
  const document = options.document ?? 'document.pdf';
  const markdown = await pdfToMarkdown(data);
  const model = modelFromMarkdown(markdown, document, basename(document).replace(/\.pdf$/i, ''));
  return buildFromModel(model, options);
}

export const pdfSource: SourceAdapter = {
  id: 'pdf',
  detect: (input) => !isUrl(input) && /\.pdf$/i.test(input),
  async load(input, options) {
    return fromPdf(await readDocumentFile(input), { ...options, document: input });
  },
};

import { buildFromModel } from './document/build.ts';
import { parseInWorker } from './document/parse-in-worker.ts';
import { isUrl, readDocumentFile } from './document/read.ts';
import type { DocumentOptions } from './markdown.ts';
import type { SourceAdapter, SourceResult } from './types.ts';

/**
 * PDF documents → videos, through the same section model as Markdown (`lines` are lines of the extracted text);
 * pdf.js runs in a worker thread with memory and time limits.
 */
export async function fromPdf(data: Uint8Array, options: DocumentOptions = {}): Promise<SourceResult> {
  const document = options.document ?? 'document.pdf';
  const { model, warnings } = await parseInWorker({ kind: 'pdf', data, document });
  return buildFromModel(model, options, warnings);
}

export const pdfSource: SourceAdapter = {
  id: 'pdf',
  detect: (input) => !isUrl(input) && /\.pdf$/i.test(input),
  async load(input, options) {
    return fromPdf(await readDocumentFile(input), { ...options, document: input });
  },
};

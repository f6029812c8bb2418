import { buildFromModel } from './document/build.ts';
import { parseInWorker } from './document/parse-in-worker.ts';
import { isUrl, readDocumentFile } from './document/read.ts';
import type { DocumentOptions } from './markdown.ts';
import type { SourceAdapter, SourceResult } from './types.ts';

/**
 * Word documents → videos: the archive is checked against zip-bomb limits, mammoth maps styles to HTML (headings,
 * lists, tables), then the HTML section model; all of it in a worker thread with memory and time limits.
 */
export async function fromDocx(data: Uint8Array, options: DocumentOptions = {}): Promise<SourceResult> {
  const document = options.document ?? 'document.docx';
  const { model, warnings } = await parseInWorker({ kind: 'docx', data, document });
  return buildFromModel(model, options, warnings);
}

export const docxSource: SourceAdapter = {
  id: 'docx',
  detect: (input) => !isUrl(input) && /\.docx$/i.test(input),
  async load(input, options) {
    return fromDocx(await readDocumentFile(input), { ...options, document: input });
  },
};

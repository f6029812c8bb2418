import { basename } from 'node:path';
import mammoth from 'mammoth';
import { VideogenError } from '../errors.ts';
import { buildFromModel } from './document/build.ts';
import { modelFromHtml } from './document/from-html.ts';
import { isUrl, readDocumentFile } from './document/read.ts';
import type { DocumentOptions } from './markdown.ts';
import type { SourceAdapter, SourceResult } from './types.ts';

/** Word documents → videos: mammoth maps styles to HTML (headings, lists, tables), then the HTML section model. */
export async function fromDocx(data: Uint8Array, options: DocumentOptions = {}): Promise<SourceResult> {
  const document = options.document ?? 'document.docx';
  let html: string;
  const warnings: string[] = [];
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(data) });
    html = result.value;
    // Mammoth reports every unmapped style; those are cosmetic, so only real errors are passed on.
    warnings.push(...result.messages.filter((m) => m.type === 'error').map((m) => `docx: ${m.message}`));
  } catch (error) {
    throw new VideogenError('SOURCE_UNREADABLE', `cannot read ${document} as a Word document: ${(error as Error).message}`, { document }, { cause: error });
  }
  const model = modelFromHtml(html, document, basename(document).replace(/\.docx$/i, ''));
  return buildFromModel(model, options, warnings);
}

export const docxSource: SourceAdapter = {
  id: 'docx',
  detect: (input) => !isUrl(input) && /\.docx$/i.test(input),
  async load(input, options) {
    return fromDocx(await readDocumentFile(input), { ...options, document: input });
  },
};

import { extname } from 'node:path';
import { buildFromModel } from './document/build.ts';
import { markdownModel, rstModel, textModel } from './document/models.ts';
import { parseInWorker } from './document/parse-in-worker.ts';
import { decodeText, isUrl, readDocumentFile } from './document/read.ts';
import type { SourceAdapter, SourceOptions, SourceResult } from './types.ts';

/**
 * Markdown, plain text and reStructuredText documents → videos. All three become the same section model
 * (document/model.ts), so scene choice and narration are shared with PDF, DOCX and HTML. The synchronous functions
 * parse in-process (library use on trusted text); files, uploads and URLs go through `parseDocumentText`, which
 * parses in a worker thread with memory and time limits.
 */

export interface DocumentOptions extends SourceOptions {
  /** Name cited in `source.document` and the outro (a file name or URL). */
  document?: string;
}

export function fromMarkdown(text: string, options: DocumentOptions = {}): SourceResult {
  return buildFromModel(markdownModel(text, options.document ?? 'document.md'), options);
}

/** Plain text: the first line is the title; short lines standing alone are headings. */
export function fromText(text: string, options: DocumentOptions = {}): SourceResult {
  return buildFromModel(textModel(text, options.document ?? 'document.txt'), options);
}

export function fromRst(text: string, options: DocumentOptions = {}): SourceResult {
  return buildFromModel(rstModel(text, options.document ?? 'document.rst'), options);
}

const EXTENSIONS = /\.(md|markdown|mdown|mkd|txt|text|rst|rest)$/i;

function textKind(name: string): 'markdown' | 'text' | 'rst' {
  const ext = extname(name.replace(/[?#].*$/, '')).toLowerCase();
  if (ext === '.rst' || ext === '.rest') return 'rst';
  if (ext === '.txt' || ext === '.text') return 'text';
  return 'markdown';
}

/** Markdown by content type or extension; text/plain with a .md path is Markdown too (raw GitHub files). In-process. */
export function fromDocumentText(text: string, name: string, options: DocumentOptions): SourceResult {
  const named = { ...options, document: options.document ?? name };
  const kind = textKind(name);
  return kind === 'rst' ? fromRst(text, named) : kind === 'text' ? fromText(text, named) : fromMarkdown(text, named);
}

/** The same as fromDocumentText, parsed in a worker thread (for files, uploads and fetched pages). */
export async function parseDocumentText(text: string, name: string, options: DocumentOptions): Promise<SourceResult> {
  const document = options.document ?? name;
  const { model, warnings } = await parseInWorker({ kind: textKind(name), text, document });
  return buildFromModel(model, options, warnings);
}

export const markdownSource: SourceAdapter = {
  id: 'markdown',
  detect: (input) => !isUrl(input) && EXTENSIONS.test(input),
  async load(input, options) {
    const text = decodeText(await readDocumentFile(input), input);
    return parseDocumentText(text, input, options);
  },
};

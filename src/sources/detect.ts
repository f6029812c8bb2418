import { existsSync } from 'node:fs';
import { VideogenError } from '../errors.ts';
import { safeToShow } from '../spec/index.ts';
import type { SourceAdapter } from './types.ts';
import { yamlAdapter } from './yaml.ts';
import { subtitleSource } from './subtitles.ts';
import { pdfSource } from './pdf.ts';
import { docxSource } from './docx.ts';
import { htmlSource, urlSource } from './html.ts';
import { markdownSource } from './markdown.ts';
import { youtubeSource } from './youtube.ts';

/**
 * Adapters in the order they are asked. Files are matched by extension first, so a local file whose name happens to
 * look like a YouTube id is read as a file; URLs go to YouTube when they are YouTube's, else to the web fetcher.
 */
export const SOURCE_ADAPTERS: readonly SourceAdapter[] = [yamlAdapter, subtitleSource, pdfSource, docxSource, htmlSource, markdownSource, youtubeSource, urlSource];

export async function detectSource(input: string): Promise<SourceAdapter> {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
  for (const adapter of SOURCE_ADAPTERS) {
    if (!isUrl && existsSync(input) && (adapter.id === 'youtube' || adapter.id === 'url')) continue;
    if (await adapter.detect(input)) return adapter;
  }
  if (!isUrl && !existsSync(input)) throw new VideogenError('SOURCE_UNREADABLE', `no such file: ${safeToShow(input, 200)}`);
  throw new VideogenError(
    'SOURCE_UNREADABLE',
    `cannot tell what kind of source ${safeToShow(input, 200)} is; use a .md, .txt, .rst, .pdf, .docx, .html, .srt, .vtt, .yaml or .json file, an http(s) URL, a YouTube URL or id, or --topic "…"`,
  );
}

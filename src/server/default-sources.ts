import { extname } from 'node:path';
import { VideogenError } from '../errors.ts';
import { safeToShow } from '../spec/index.ts';
import type { SourceResult } from '../sources/types.ts';
import { findYoutubeId } from '../sources/youtube/url.ts';
import type { ServerSources } from './sources.ts';

/**
 * Production wiring of the document and YouTube adapters (src/sources). Imported lazily so the server starts fast and
 * heavy parsers (pdf.js, mammoth) load on first use. Uploads are read from their bytes, never from a path: documents
 * are parsed in a worker thread with memory and time limits, and YAML/JSON specs load with NO_FILES, so a set or a
 * template instance in an upload can name no file on the server (only built-in templates by name).
 */
export function defaultSources(): ServerSources {
  return {
    async document(input, options): Promise<SourceResult> {
      const ext = extname(input.filename).toLowerCase();
      const { decodeText } = await import('../sources/document/read.ts');
      const text = () => decodeText(input.data, input.filename);
      switch (ext) {
        case '.md':
        case '.markdown':
        case '.txt':
        case '.rst':
          return (await import('../sources/markdown.ts')).parseDocumentText(text(), input.filename, options);
        case '.pdf':
          return (await import('../sources/pdf.ts')).fromPdf(input.data, { ...options, document: input.filename });
        case '.docx':
          return (await import('../sources/docx.ts')).fromDocx(input.data, { ...options, document: input.filename });
        case '.html':
        case '.htm':
          return (await import('../sources/html.ts')).parseHtml(text(), { ...options, document: input.filename });
        case '.srt':
        case '.vtt':
          return (await import('../sources/subtitles.ts')).fromSubtitleText(text(), input.filename, options);
        case '.yaml':
        case '.yml':
        case '.json': {
          const { format: _format, ...result } = await (await import('../sources/yaml.ts')).loadUploadedSpec(text(), input.filename, options);
          return result;
        }
        default:
          throw new VideogenError('UNSUPPORTED_MEDIA_TYPE', `no adapter for ${ext ? safeToShow(ext, 20) : 'files without an extension'}`);
      }
    },
    async url(url, options) {
      return (await import('../sources/html.ts')).fromUrl(url, options);
    },
    youtube: {
      findId: (input) => findIdSync(input),
      async info(id, opts) {
        const { fetchYoutubeTranscript } = await import('../sources/youtube.ts');
        const t = await fetchYoutubeTranscript(id, { ...(opts.language ? { lang: opts.language } : {}), ...(opts.signal ? { signal: opts.signal } : {}) });
        return { id, title: t.title, author: t.author, language: t.language, durationSeconds: t.cues.at(-1)?.end ?? 0, cues: t.cues };
      },
      async toSpec(id, options) {
        return (await import('../sources/youtube.ts')).fromYoutube(id, options);
      },
    },
  };
}

// The URL parser is tiny and synchronous; validation routes need it without awaiting an import.
const findIdSync = (input: string) => findYoutubeId(input);

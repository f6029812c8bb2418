import { extname } from 'node:path';
import { VideogenError } from '../errors.ts';
import type { SourceResult } from '../sources/types.ts';
import { findYoutubeId } from '../sources/youtube/url.ts';
import type { ServerSources } from './sources.ts';

/**
 * Production wiring of the document and YouTube adapters (src/sources). Imported lazily so the server starts fast and
 * heavy parsers (pdf.js, mammoth) load on first use.
 */
export function defaultSources(): ServerSources {
  return {
    async document(input, options): Promise<SourceResult> {
      const ext = extname(input.filename).toLowerCase();
      switch (ext) {
        case '.md':
        case '.markdown':
        case '.txt':
        case '.rst': {
          const { fromDocumentText } = await import('../sources/markdown.ts');
          return fromDocumentText(new TextDecoder('utf-8').decode(input.data), input.filename, options);
        }
        case '.pdf':
          return (await import('../sources/pdf.ts')).fromPdf(input.data, { ...options, document: input.filename });
        case '.docx':
          return (await import('../sources/docx.ts')).fromDocx(input.data, { ...options, document: input.filename });
        case '.html':
        case '.htm':
          return (await import('../sources/html.ts')).fromHtml(new TextDecoder('utf-8').decode(input.data), { ...options, document: input.filename });
        case '.srt':
        case '.vtt':
        case '.yaml':
        case '.yml':
        case '.json': {
          if (!input.path) throw new VideogenError('SOURCE_UNREADABLE', `${input.filename}: upload the file first`);
          const path = await withExtension(input.path, ext);
          if (ext === '.srt' || ext === '.vtt') return (await import('../sources/subtitles.ts')).fromSubtitles(path, options);
          const { format: _format, ...result } = await (await import('../sources/yaml.ts')).loadYamlSource(path, options);
          return result;
        }
        default:
          throw new VideogenError('UNSUPPORTED_MEDIA_TYPE', `no adapter for ${ext || 'files without an extension'}`);
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

/** Path-based adapters choose the format by extension; uploads are stored by id, so link them under a named path. */
async function withExtension(path: string, ext: string): Promise<string> {
  const { link, stat } = await import('node:fs/promises');
  const named = `${path}${ext}`;
  try {
    await stat(named);
  } catch {
    await link(path, named).catch(async () => (await import('node:fs/promises')).copyFile(path, named));
  }
  return named;
}

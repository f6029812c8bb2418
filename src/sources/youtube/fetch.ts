import { fetchTranscript as libraryFetchTranscript } from 'youtube-transcript-plus';
import { VideogenError } from '../../errors.ts';
import type { TranscriptCue } from './transcript.ts';

/*
 * The package's .d.ts files import './types' without an extension, which NodeNext resolution cannot follow, so the
 * types it exports arrive as `any`. These mirror the parts we use (dist/types.d.ts, v2.0.1); errors are told apart by
 * their `name`.
 */
interface FetchParams {
  url: string;
  lang?: string;
  userAgent?: string;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}
interface LibraryResult {
  videoDetails: { title: string; author: string };
  segments: { text: string; duration: number; offset: number; lang: string }[];
}
type LibraryFetch = (id: string, config: Record<string, unknown>) => Promise<LibraryResult>;
const fetchTranscript = libraryFetchTranscript as unknown as LibraryFetch;

export interface YoutubeFetchOptions {
  /** BCP-47 caption language; the first track when absent. */
  lang?: string | undefined;
  /** Injected fetch (tests, proxies). */
  fetch?: typeof fetch | undefined;
  /**
   * Replaces https://www.youtube.com in every request, so tests can replay recorded pages from 127.0.0.1. Production
   * leaves it unset.
   */
  origin?: string | undefined;
  signal?: AbortSignal | undefined;
  retries?: number;
}

export interface YoutubeTranscript {
  id: string;
  title?: string;
  author?: string;
  language: string;
  cues: TranscriptCue[];
}

/** Caption text arrives XML-escaped once by the library and often twice by YouTube ("&amp;#39;"). */
function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Wraps the library's request hooks around our fetch, rewriting the YouTube origin when one is given. */
function hook(options: YoutubeFetchOptions) {
  const doFetch = options.fetch ?? fetch;
  return (params: FetchParams): Promise<Response> => {
    const url = options.origin ? params.url.replace(/^https?:\/\/(?:www\.)?youtube\.com/, options.origin.replace(/\/+$/, '')) : params.url;
    const headers: Record<string, string> = { 'user-agent': params.userAgent ?? 'Mozilla/5.0', ...(params.lang ? { 'accept-language': params.lang } : {}), ...params.headers };
    return doFetch(url, { method: params.method ?? 'GET', headers, ...(params.body && params.method === 'POST' ? { body: params.body } : {}), ...(params.signal ? { signal: params.signal } : {}) });
  };
}

/** Fetches a video's captions and, from the player response, its title and channel. */
export async function fetchYoutubeTranscript(id: string, options: YoutubeFetchOptions = {}): Promise<YoutubeTranscript> {
  const request = hook(options);
  try {
    const result = await fetchTranscript(id, {
      videoDetails: true,
      ...(options.lang ? { lang: options.lang } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      retries: options.retries ?? 2,
      retryDelay: 500,
      videoFetch: request,
      playerFetch: request,
      transcriptFetch: request,
    });
    const cues = result.segments.map((s) => ({ start: s.offset, end: s.offset + s.duration, text: decodeEntities(s.text) })).filter((c) => c.text.trim());
    return {
      id,
      ...(result.videoDetails.title ? { title: decodeEntities(result.videoDetails.title) } : {}),
      ...(result.videoDetails.author ? { author: result.videoDetails.author } : {}),
      language: result.segments[0]?.lang ?? options.lang ?? 'en',
      cues,
    };
  } catch (error) {
    throw toVideogenError(id, error, options.signal);
  }
}

function toVideogenError(id: string, error: unknown, signal?: AbortSignal): VideogenError {
  if (error instanceof VideogenError) return error;
  if (signal?.aborted) return new VideogenError('CANCELLED', 'cancelled while fetching the YouTube transcript', undefined, { cause: error });
  const details = { videoId: id };
  const say = (message: string) => new VideogenError('SOURCE_UNREADABLE', message, details, { cause: error });
  const e = error as Error & { lang?: string; availableLangs?: string[] };
  const is = (name: string) => e?.name === `YoutubeTranscript${name}Error`;
  if (is('NotAvailableLanguage')) return say(`video ${id} has no captions in "${e.lang}"; available: ${e.availableLangs?.join(', ') || 'none'}. Pass --language with one of those`);
  if (is('InvalidLang')) return new VideogenError('USAGE', `"${e.lang}" is not a language code; use one such as en, fr or pt-BR`, details);
  if (is('Disabled')) return say(`video ${id} has captions turned off, so there is no transcript to summarise; download its subtitles as .srt/.vtt if you have them`);
  if (is('NotAvailable')) return say(`video ${id} has no transcript YouTube will share (no captions, or the page changed)`);
  if (is('VideoUnavailable')) return say(`video ${id} is unavailable (private, removed or region-blocked)`);
  if (is('TooManyRequest')) return say('YouTube is rate-limiting this machine; wait a while and try again');
  return say(`cannot fetch the transcript of video ${id}: ${(error as Error).message}`);
}

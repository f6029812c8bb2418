import type { SourceAdapter, SourceOptions, SourceResult } from './types.ts';
import { fetchYoutubeTranscript, type YoutubeFetchOptions } from './youtube/fetch.ts';
import { transcriptToSpec } from './youtube/scenes.ts';
import { findYoutubeId, looksLikeYoutube, parseYoutubeId } from './youtube/url.ts';

export { findYoutubeId, parseYoutubeId } from './youtube/url.ts';
export { fetchYoutubeTranscript, type YoutubeTranscript } from './youtube/fetch.ts';
export { transcriptToSpec } from './youtube/scenes.ts';
export type { TranscriptCue, TranscriptMeta } from './youtube/transcript.ts';

export interface YoutubeOptions extends SourceOptions {
  /** Replaces https://www.youtube.com (tests replay recorded pages from 127.0.0.1). */
  youtubeOrigin?: string;
  /** Caption language to fetch when it differs from the narration language. */
  captionLanguage?: string;
}

/** A YouTube video (any link form, or its id) → a summary video of its transcript. */
export async function fromYoutube(input: string, options: YoutubeOptions = {}): Promise<SourceResult> {
  const id = parseYoutubeId(input);
  const fetchOptions: YoutubeFetchOptions = { lang: options.captionLanguage ?? options.language, fetch: options.fetch, origin: options.youtubeOrigin, signal: options.signal };
  const transcript = await fetchYoutubeTranscript(id, fetchOptions);
  const url = `https://www.youtube.com/watch?v=${id}`;
  return transcriptToSpec(
    transcript.cues,
    { id: `youtube-${id}`, title: transcript.title, author: transcript.author, document: url, url, language: transcript.language },
    options,
  );
}

export const youtubeSource: SourceAdapter = {
  id: 'youtube',
  // Links with no usable id still belong here, so the user gets "no video id in this YouTube link", not "no such file".
  detect: (input) => Boolean(findYoutubeId(input)) || looksLikeYoutube(input),
  load: (input, options) => fromYoutube(input, options),
};

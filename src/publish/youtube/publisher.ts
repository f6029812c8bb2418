import type { AccessTokens, Publisher } from '../types.ts';
import type { YouTubeSettings } from './oauth.ts';

/** OWNER: helper h1. Options mainly for tests: smaller chunks, faster backoff. */
export interface YouTubePublisherOptions {
  /** Bytes per upload request, a multiple of 256 KiB (default 8 MiB). */
  chunkBytes?: number;
  /** Backoff for 5xx/429/dropped connections: base delay and attempts per request. */
  retry?: { baseMs?: number; maxAttempts?: number };
}

/** The YouTube Data API v3 Publisher: resumable upload, captions, thumbnail, playlist, statistics. */
export function createYouTubePublisher(cfg: YouTubeSettings, tokens: AccessTokens, opts: YouTubePublisherOptions = {}): Publisher {
  void cfg;
  void tokens;
  void opts;
  throw new Error('not implemented (h1)');
}

import type { Privacy, PublicationMetadata, PublicationSteps, VideoStats } from '../store/publish-types.ts';

/**
 * The contract between videogen and a video platform. YouTube is the first implementation (src/publish/youtube/);
 * another platform implements the same three things: publish a video (resumably), report statistics, and say who the
 * credentials belong to. Everything durable (checkpoint, quota) goes through the context, so a Publisher keeps no
 * state of its own and any process can continue another's work.
 */

/** What is published: the files of one render's output directory and the choices the user made. */
export interface PublishItem {
  videoPath: string;
  bytes: number;
  sha256: string;
  /** Sent as the video's snippet/status (title, description with chapters and credits, tags, category, language…). */
  metadata: Required<Pick<PublicationMetadata, 'title' | 'description'>> & PublicationMetadata;
  privacy: Privacy;
  /** Scheduled release: the video is uploaded private and the platform publishes it then. */
  publishAt?: Date;
  /** One entry per caption file and language. */
  captions: { language: string; path: string; name?: string }[];
  thumbnailPath?: string;
  playlistId?: string;
}

/** How far a publication got; saved after every step so a resumed job skips what is done. */
export interface PublishCheckpoint {
  /** Resumable upload session and the bytes the platform confirmed. */
  uploadUri?: string;
  offset: number;
  videoId?: string;
  steps: PublicationSteps;
}

/** API methods as the quota table names them (src/publish/quota.ts). */
export type QuotaMethod = 'videos.insert' | 'videos.list' | 'videos.update' | 'captions.insert' | 'captions.list' | 'thumbnails.set' | 'playlistItems.insert' | 'channels.list';

export interface PublishProgress {
  step: 'upload' | 'captions' | 'thumbnail' | 'playlist';
  bytesSent: number;
  bytesTotal: number;
}

export interface PublishContext {
  signal: AbortSignal;
  /** Where the previous attempt stopped (empty on the first). */
  checkpoint: PublishCheckpoint;
  /** Persists the checkpoint; awaited before the next request is sent, so a crash loses at most one chunk. */
  save(checkpoint: PublishCheckpoint): Promise<void>;
  /** Reserves the call's units in the ledger before it is made; throws QuotaDeferral when the day is spent. */
  spend(method: QuotaMethod): Promise<void>;
  /** The platform said the project's quota is spent (YouTube 403 quotaExceeded): records it and defers the job. */
  quotaExhausted(): Promise<never>;
  /** Bytes sent so far (and which step runs), for the job's progress over SSE. */
  onProgress(progress: PublishProgress): void;
  /** A warning the user should see (e.g. a thumbnail the channel may not set); the job still succeeds. */
  warn(message: string): void;
}

export interface PublishResult {
  videoId: string;
  url: string;
}

/** An access token source for one channel: refreshes before expiry, and once more after a 401. */
export interface AccessTokens {
  get(): Promise<string>;
  /** The token was refused (401): the next get() refreshes. */
  invalidate(): void;
}

export interface Publisher {
  readonly kind: 'youtube';
  publish(item: PublishItem, ctx: PublishContext): Promise<PublishResult>;
  /** Statistics of published videos by id (at most 50 per call on YouTube). */
  statistics(videoIds: string[], ctx: Pick<PublishContext, 'signal' | 'spend' | 'quotaExhausted'>): Promise<Record<string, VideoStats>>;
  /** The channel the credentials belong to. */
  whoAmI(ctx: Pick<PublishContext, 'signal' | 'spend' | 'quotaExhausted'>): Promise<{ externalId: string; title: string; stats: { subscribers?: number; views?: number; videos?: number } }>;
}

import type { VideoStats } from '../../store/publish-types.ts';
import type { AccessTokens, PublishContext, Publisher, PublishItem, PublishResult } from '../types.ts';
import { attachCaptions, attachThumbnail, insertIntoPlaylist } from './attachments.ts';
import { rejected } from './errors.ts';
import { apiJson, type RetryPolicy } from './http.ts';
import type { YouTubeSettings } from './oauth.ts';
import { uploadVideo } from './resumable.ts';

/** Options mainly for tests: smaller chunks, faster backoff. */
export interface YouTubePublisherOptions {
  /** Bytes per upload request, a multiple of 256 KiB (default 8 MiB). */
  chunkBytes?: number;
  /** Backoff for 5xx/429/dropped connections: base delay and attempts per request. */
  retry?: { baseMs?: number; maxAttempts?: number };
}

export const UPLOAD_QUANTUM = 256 * 1024;
export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;
/** videos.list takes at most 50 ids. */
const STATS_BATCH = 50;

export const watchUrl = (videoId: string): string => `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`;

type StatsCtx = Pick<PublishContext, 'signal' | 'spend' | 'quotaExhausted'>;

/** The YouTube Data API v3 Publisher: resumable upload, captions, thumbnail, playlist, statistics. */
export function createYouTubePublisher(cfg: YouTubeSettings, tokens: AccessTokens, opts: YouTubePublisherOptions = {}): Publisher {
  const chunkBytes = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (chunkBytes <= 0 || chunkBytes % UPLOAD_QUANTUM !== 0) throw new RangeError(`chunkBytes must be a positive multiple of ${UPLOAD_QUANTUM} (YouTube's resumable protocol), got ${chunkBytes}`);
  const retry: RetryPolicy = { baseMs: opts.retry?.baseMs ?? 1000, maxAttempts: opts.retry?.maxAttempts ?? 8 };
  const api = { cfg, tokens, retry, chunkBytes };

  return {
    kind: 'youtube',

    async publish(item: PublishItem, ctx: PublishContext): Promise<PublishResult> {
      const checkpoint = { ...ctx.checkpoint, steps: { ...ctx.checkpoint.steps } };
      const videoId = checkpoint.videoId ?? (await uploadVideo(api, item, ctx, checkpoint));
      await attachCaptions(api, item, ctx, checkpoint, videoId);
      await attachThumbnail(api, item, ctx, checkpoint, videoId);
      await insertIntoPlaylist(api, item, ctx, checkpoint, videoId);
      return { videoId, url: watchUrl(videoId) };
    },

    async statistics(videoIds: string[], ctx: StatsCtx): Promise<Record<string, VideoStats>> {
      const out: Record<string, VideoStats> = {};
      for (let i = 0; i < videoIds.length; i += STATS_BATCH) {
        const batch = videoIds.slice(i, i + STATS_BATCH);
        await ctx.spend('videos.list');
        const url = new URL(`${cfg.apiBase}/videos`);
        url.searchParams.set('part', 'statistics');
        url.searchParams.set('id', batch.join(','));
        url.searchParams.set('maxResults', String(STATS_BATCH));
        const body = await apiJson<{ items?: { id: string; statistics?: { viewCount?: string; likeCount?: string; commentCount?: string } }[] }>(tokens, retry, 'videos.list', { method: 'GET', url: url.toString() }, ctx);
        for (const v of body.items ?? []) {
          // Counts arrive as strings; a hidden count (likes disabled, comments off) is absent, not zero.
          out[v.id] = {
            ...(v.statistics?.viewCount !== undefined ? { views: Number(v.statistics.viewCount) } : {}),
            ...(v.statistics?.likeCount !== undefined ? { likes: Number(v.statistics.likeCount) } : {}),
            ...(v.statistics?.commentCount !== undefined ? { comments: Number(v.statistics.commentCount) } : {}),
          };
        }
      }
      return out;
    },

    async whoAmI(ctx: StatsCtx) {
      await ctx.spend('channels.list');
      const url = `${cfg.apiBase}/channels?part=snippet,statistics&mine=true`;
      const body = await apiJson<{ items?: { id: string; snippet?: { title?: string }; statistics?: { subscriberCount?: string; viewCount?: string; videoCount?: string; hiddenSubscriberCount?: boolean } }[] }>(tokens, retry, 'channels.list', { method: 'GET', url }, ctx);
      const me = body.items?.[0];
      if (!me) throw rejected('to name the channel', { status: 200, reason: 'noChannel', domain: 'youtube.channel', message: 'this Google account has no YouTube channel; create one at https://www.youtube.com/create_channel' });
      const s = me.statistics ?? {};
      return {
        externalId: me.id,
        title: me.snippet?.title ?? me.id,
        stats: {
          ...(s.subscriberCount !== undefined && !s.hiddenSubscriberCount ? { subscribers: Number(s.subscriberCount) } : {}),
          ...(s.viewCount !== undefined ? { views: Number(s.viewCount) } : {}),
          ...(s.videoCount !== undefined ? { videos: Number(s.videoCount) } : {}),
        },
      };
    },
  };
}

export type YouTubeApi = { cfg: YouTubeSettings; tokens: AccessTokens; retry: RetryPolicy; chunkBytes: number };

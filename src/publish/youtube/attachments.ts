import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { VideogenError } from '../../errors.ts';
import type { PublishCheckpoint, PublishContext, PublishItem } from '../types.ts';
import { apiCall } from './http.ts';
import { captionType } from './metadata.ts';
import { thumbnailForUpload } from '../thumbnail-fit.ts';
import type { YouTubeApi } from './publisher.ts';

/** captions.insert (multipart/related: the snippet as JSON, then the file) for each language not yet inserted. */
export async function attachCaptions(api: YouTubeApi, item: PublishItem, ctx: PublishContext, checkpoint: PublishCheckpoint, videoId: string): Promise<void> {
  for (const caption of item.captions) {
    const done = checkpoint.steps.captions ?? [];
    if (done.includes(caption.language)) continue;
    ctx.onProgress({ step: 'captions', bytesSent: item.bytes, bytesTotal: item.bytes });
    const file = await readFile(caption.path);
    const boundary = `videogen_${randomBytes(12).toString('hex')}`;
    const meta = JSON.stringify({ snippet: { videoId, language: caption.language, name: caption.name ?? basename(caption.path).replace(/\.[^.]+$/, ''), isDraft: false } });
    const body = new Uint8Array(Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${meta}\r\n--${boundary}\r\nContent-Type: ${captionType(caption.path)}\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]));
    await ctx.spend('captions.insert');
    await apiCall(api.tokens, api.retry, `captions.insert (${caption.language})`, {
      method: 'POST',
      url: `${api.cfg.uploadBase}/captions?uploadType=multipart&part=snippet`,
      headers: { 'content-type': `multipart/related; boundary=${boundary}` },
      body: () => body,
    }, ctx);
    checkpoint.steps = { ...checkpoint.steps, captions: [...done, caption.language] };
    await ctx.save({ ...checkpoint });
  }
}

/** thumbnails.set. A channel without custom thumbnails (unverified) answers 403 forbidden: a warning, not a failure. */
export async function attachThumbnail(api: YouTubeApi, item: PublishItem, ctx: PublishContext, checkpoint: PublishCheckpoint, videoId: string): Promise<void> {
  if (!item.thumbnailPath || checkpoint.steps.thumbnail) return;
  ctx.onProgress({ step: 'thumbnail', bytesSent: item.bytes, bytesTotal: item.bytes });
  const { bytes: image, type } = await thumbnailForUpload(item.thumbnailPath);
  await ctx.spend('thumbnails.set');
  try {
    await apiCall(api.tokens, api.retry, 'thumbnails.set', {
      method: 'POST',
      url: `${api.cfg.uploadBase}/thumbnails/set?videoId=${encodeURIComponent(videoId)}&uploadType=media`,
      headers: { 'content-type': type },
      body: () => image,
    }, ctx);
  } catch (error) {
    if (error instanceof VideogenError && error.code === 'PUBLISH_REJECTED' && error.details?.status === 403) {
      ctx.warn(`the thumbnail was not set: ${error.message}. Custom thumbnails need a verified channel (https://www.youtube.com/verify)`);
      return;
    }
    throw error;
  }
  checkpoint.steps = { ...checkpoint.steps, thumbnail: true };
  await ctx.save({ ...checkpoint });
}

/** playlistItems.insert at the end of the playlist. */
export async function insertIntoPlaylist(api: YouTubeApi, item: PublishItem, ctx: PublishContext, checkpoint: PublishCheckpoint, videoId: string): Promise<void> {
  if (!item.playlistId || checkpoint.steps.playlist) return;
  ctx.onProgress({ step: 'playlist', bytesSent: item.bytes, bytesTotal: item.bytes });
  await ctx.spend('playlistItems.insert');
  const resource = JSON.stringify({ snippet: { playlistId: item.playlistId, resourceId: { kind: 'youtube#video', videoId } } });
  await apiCall(api.tokens, api.retry, 'playlistItems.insert', {
    method: 'POST',
    url: `${api.cfg.apiBase}/playlistItems?part=snippet`,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
    body: () => resource,
  }, ctx);
  checkpoint.steps = { ...checkpoint.steps, playlist: true };
  await ctx.save({ ...checkpoint });
}

import type { VideogenConfig } from '../config.ts';
import { costOf } from './quota.ts';

/** What one publication will call, for the quota estimate before it starts. */
export interface PublishCalls {
  /** Caption tracks: one captions.insert each (a multilingual video has one per language). */
  captions: number;
  thumbnail: boolean;
  playlist: boolean;
}

/**
 * Quota units a publication spends: the upload, every captions.insert (400 units each by default — with five
 * languages the captions cost more than the upload), the thumbnail and the playlist insert. The ledger reserves the
 * same calls one by one as they are made (src/publish/youtube/attachments.ts), so this is what it will have counted.
 */
export function publishUnits(config: VideogenConfig, calls: PublishCalls): number {
  return (
    costOf(config, 'videos.insert') +
    calls.captions * costOf(config, 'captions.insert') +
    (calls.thumbnail ? costOf(config, 'thumbnails.set') : 0) +
    (calls.playlist ? costOf(config, 'playlistItems.insert') : 0)
  );
}

/** "1600 videos.insert + 3 × 400 captions.insert + 50 thumbnails.set": how an estimate adds up. */
export function publishUnitsText(config: VideogenConfig, calls: PublishCalls): string {
  const parts = [`${costOf(config, 'videos.insert')} videos.insert`];
  if (calls.captions) parts.push(`${calls.captions > 1 ? `${calls.captions} × ` : ''}${costOf(config, 'captions.insert')} captions.insert`);
  if (calls.thumbnail) parts.push(`${costOf(config, 'thumbnails.set')} thumbnails.set`);
  if (calls.playlist) parts.push(`${costOf(config, 'playlistItems.insert')} playlistItems.insert`);
  return parts.join(' + ');
}

import { VideogenError } from '../../errors.ts';
import type { PublishItem } from '../types.ts';

/** The videos.insert resource: snippet, status and (when given) localizations, as the Data API v3 names them. */
export function videoResource(item: PublishItem): { parts: string[]; body: Record<string, unknown> } {
  const m = item.metadata;
  const snippet: Record<string, unknown> = { title: m.title, description: m.description };
  if (m.tags?.length) snippet.tags = m.tags;
  if (m.categoryId) snippet.categoryId = m.categoryId;
  if (m.language) {
    snippet.defaultLanguage = m.language;
    snippet.defaultAudioLanguage = m.language;
  }
  // YouTube accepts publishAt only on a private video: it flips it public at that time.
  const status: Record<string, unknown> = { privacyStatus: item.publishAt ? 'private' : item.privacy };
  if (item.publishAt) status.publishAt = item.publishAt.toISOString();
  if (m.madeForKids !== undefined) status.selfDeclaredMadeForKids = m.madeForKids;
  if (m.containsSyntheticMedia !== undefined) status.containsSyntheticMedia = m.containsSyntheticMedia;
  const body: Record<string, unknown> = { snippet, status };
  const parts = ['snippet', 'status'];
  if (m.localizations && Object.keys(m.localizations).length > 0) {
    // YouTube refuses localized titles without the language of the default ones (400 defaultLanguageNotSet).
    if (!m.language) throw new VideogenError('USAGE', `the video has titles in ${Object.keys(m.localizations).join(', ')} but no language of its own: give metadata.language (the language of its default title)`);
    body.localizations = m.localizations;
    parts.push('localizations');
  }
  return { parts, body };
}

const VIDEO_TYPES: Record<string, string> = { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska' };

const ext = (path: string): string => /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
export const videoType = (path: string): string => VIDEO_TYPES[ext(path)] ?? 'application/octet-stream';
export const captionType = (path: string): string => (ext(path) === 'vtt' ? 'text/vtt' : ext(path) === 'srt' ? 'application/x-subrip' : 'application/octet-stream');

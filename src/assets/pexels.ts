import { ApiMediaProvider } from './api-provider.ts';
import type { ApiProviderOptions } from './api-provider.ts';
import { bestRendition, upscaleToCover } from './renditions.ts';
import type { Credit, MediaCandidate, MediaQuery } from './types.ts';

/**
 * Pexels (https://www.pexels.com/api/documentation/): GET /videos/search and /v1/search with the key in the
 * `Authorization` header. Videos list `video_files` at several sizes; photos have an `original` that resizes on
 * request (`?auto=compress&cs=tinysrgb&w=…`), so neither needs more than the frame size.
 */
export const PEXELS_DEFAULT_BASE = 'https://api.pexels.com';
const LICENSE = { license: 'Pexels License', licenseUrl: 'https://www.pexels.com/license/' };
const PER_PAGE = 15;

interface PexelsVideo {
  id: number;
  width: number;
  height: number;
  url: string;
  duration: number;
  user?: { name?: string; url?: string };
  video_files?: { quality?: string | null; file_type?: string; width?: number | null; height?: number | null; link?: string }[];
}

interface PexelsPhoto {
  id: number;
  width: number;
  height: number;
  url: string;
  alt?: string;
  photographer?: string;
  photographer_url?: string;
  src?: { original?: string };
}

export class PexelsProvider extends ApiMediaProvider {
  readonly id = 'pexels';
  readonly label = 'Pexels';
  readonly keyVariable = 'PEXELS_API_KEY';

  constructor(apiKey: string | undefined, baseUrl: string | undefined, options: ApiProviderOptions) {
    super(apiKey, baseUrl ?? PEXELS_DEFAULT_BASE, options);
  }

  async search(query: MediaQuery): Promise<MediaCandidate[]> {
    const common = { query: query.terms, orientation: query.orientation, per_page: PER_PAGE, page: 1, locale: pexelsLocale(query.language) };
    const headers = { authorization: this.apiKey ?? '' };
    if (query.kind === 'image') {
      const body = (await this.getJson(this.endpoint('/v1/search', common), { headers }, query.signal)) as { photos?: PexelsPhoto[] };
      if (!Array.isArray(body?.photos)) throw this.badResponse('a photos list');
      return body.photos.flatMap((photo) => this.photoCandidate(photo, query));
    }
    const long = Math.max(query.width, query.height);
    // `size` is the minimum size Pexels returns: large = 4K, medium = Full HD, small = HD.
    const size = long > 1920 ? 'large' : long > 1280 ? 'medium' : 'small';
    const body = (await this.getJson(this.endpoint('/videos/search', { ...common, size }), { headers }, query.signal)) as { videos?: PexelsVideo[] };
    if (!Array.isArray(body?.videos)) throw this.badResponse('a videos list');
    return body.videos.flatMap((video) => this.videoCandidate(video, query));
  }

  private videoCandidate(video: PexelsVideo, query: MediaQuery): MediaCandidate[] {
    const files = (video.video_files ?? [])
      .filter((f) => f.link && (!f.file_type || f.file_type === 'video/mp4') && f.quality !== 'hls')
      .map((f) => ({ url: f.link!, width: f.width ?? 0, height: f.height ?? 0 }));
    const file = bestRendition(files, query);
    if (!file) return [];
    return [{ provider: this.id, id: String(video.id), kind: 'video', width: file.width, height: file.height, duration: video.duration, url: file.url, credit: { ...this.credit(video.url, video.user?.name, video.user?.url), kind: 'video' } }];
  }

  private photoCandidate(photo: PexelsPhoto, query: MediaQuery): MediaCandidate[] {
    const original = photo.src?.original;
    if (!original || !(photo.width > 0 && photo.height > 0)) return [];
    // Ask Pexels' image CDN for just enough pixels to cover the frame (never more than the original).
    const scale = Math.min(1, upscaleToCover(photo, query));
    const width = Math.ceil(photo.width * scale);
    const height = Math.ceil(photo.height * scale);
    const url = new URL(original);
    if (scale < 1) {
      url.searchParams.set('auto', 'compress');
      url.searchParams.set('cs', 'tinysrgb');
      url.searchParams.set('w', String(width));
    }
    return [{ provider: this.id, id: `photo-${photo.id}`, kind: 'image', width, height, url: url.href, credit: { ...this.credit(photo.url, photo.photographer, photo.photographer_url, photo.alt), kind: 'image' } }];
  }

  private credit(pageUrl: string, author: string | undefined, authorUrl: string | undefined, alt?: string): Credit {
    const title = alt?.trim() || titleFromSlug(pageUrl);
    return { provider: this.id, ...(title ? { title } : {}), ...(author ? { author } : {}), ...(authorUrl ? { authorUrl } : {}), sourceUrl: pageUrl, ...LICENSE };
  }
}

/** "https://www.pexels.com/video/seal-on-the-beach-1526909/" → "Seal on the beach". */
export function titleFromSlug(pageUrl: string): string | undefined {
  let path: string;
  try {
    path = new URL(pageUrl).pathname;
  } catch {
    return undefined;
  }
  const slug = path.split('/').filter(Boolean).pop() ?? '';
  const words = slug.replace(/-?\d+$/, '').split('-').filter(Boolean);
  if (!words.length || (words.length === 1 && words[0] === 'id')) return undefined;
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Pexels' `locale` values (its documentation lists them); English needs none. */
const PEXELS_LOCALES = 'pt-BR es-ES ca-ES de-DE it-IT fr-FR sv-SE id-ID pl-PL ja-JP zh-TW zh-CN ko-KR th-TH nl-NL hu-HU vi-VN cs-CZ da-DK fi-FI uk-UA el-GR ro-RO nb-NO sk-SK tr-TR ru-RU'.split(' ');

export function pexelsLocale(language: string | undefined): string | undefined {
  if (!language) return undefined;
  const lower = language.toLowerCase();
  if (lower.startsWith('en')) return undefined;
  const exact = PEXELS_LOCALES.find((l) => l.toLowerCase() === lower);
  if (exact) return exact;
  const base = lower === 'no' || lower === 'nn' ? 'nb' : lower.split('-')[0]!;
  return PEXELS_LOCALES.find((l) => l.toLowerCase().startsWith(`${base}-`));
}

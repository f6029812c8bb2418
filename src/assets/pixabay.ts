import { ApiMediaProvider } from './api-provider.ts';
import type { ApiProviderOptions } from './api-provider.ts';
import { titleFromSlug } from './pexels.ts';
import { bestRendition, orientationOf } from './renditions.ts';
import type { Rendition } from './renditions.ts';
import type { Credit, MediaCandidate, MediaQuery } from './types.ts';

/**
 * Pixabay (https://pixabay.com/api/docs/): GET /api/ (pictures) and /api/videos/ with the key as the `key` query
 * parameter. Videos come as large/medium/small/tiny renditions (an unavailable one has an empty url); pictures as
 * webformat (640 px), large (1280 px) and, with full API access, fullHD (1920 px) on the long side.
 */
export const PIXABAY_DEFAULT_BASE = 'https://pixabay.com';
const LICENSE = { license: 'Pixabay Content License', licenseUrl: 'https://pixabay.com/service/license-summary/' };
const PER_PAGE = 20;
/** Pixabay refuses `q` longer than 100 characters. */
const MAX_QUERY = 100;

interface PixabayVideoHit {
  id: number;
  pageURL: string;
  tags?: string;
  duration?: number;
  user?: string;
  user_id?: number;
  videos?: Record<string, { url?: string; width?: number; height?: number } | undefined>;
}

interface PixabayImageHit {
  id: number;
  pageURL: string;
  tags?: string;
  user?: string;
  user_id?: number;
  imageWidth?: number;
  imageHeight?: number;
  webformatURL?: string;
  largeImageURL?: string;
  fullHDURL?: string;
}

export class PixabayProvider extends ApiMediaProvider {
  readonly id = 'pixabay';
  readonly label = 'Pixabay';
  readonly keyVariable = 'PIXABAY_API_KEY';

  constructor(apiKey: string | undefined, baseUrl: string | undefined, options: ApiProviderOptions) {
    super(apiKey, baseUrl ?? PIXABAY_DEFAULT_BASE, options);
  }

  protected override isKeyRejection(status: number | undefined, message: string): boolean {
    // Pixabay answers a wrong key with "[ERROR 400] Invalid or missing API key".
    return status === 400 && /api key/i.test(message);
  }

  async search(query: MediaQuery): Promise<MediaCandidate[]> {
    const q = query.terms.slice(0, MAX_QUERY);
    const auth = { keyParam: 'key' };
    const lang = pixabayLanguage(query.language);
    if (query.kind === 'image') {
      const orientation = query.orientation === 'landscape' ? 'horizontal' : query.orientation === 'portrait' ? 'vertical' : undefined;
      const url = this.endpoint('/api/', { key: this.apiKey, q, image_type: 'photo', orientation, lang, per_page: PER_PAGE, safesearch: 'true' });
      const body = (await this.getJson(url, auth, query.signal)) as { hits?: PixabayImageHit[] };
      if (!Array.isArray(body?.hits)) throw this.badResponse('a hits list');
      return body.hits.flatMap((hit) => this.imageCandidate(hit, query));
    }
    const url = this.endpoint('/api/videos/', { key: this.apiKey, q, lang, per_page: PER_PAGE, safesearch: 'true' });
    const body = (await this.getJson(url, auth, query.signal)) as { hits?: PixabayVideoHit[] };
    if (!Array.isArray(body?.hits)) throw this.badResponse('a hits list');
    // The video search has no orientation filter: keep the clips shaped like the frame first.
    const wanted = query.orientation;
    const candidates = body.hits.flatMap((hit) => this.videoCandidate(hit, query));
    return [...candidates.filter((c) => orientationOf(c) === wanted), ...candidates.filter((c) => orientationOf(c) !== wanted)];
  }

  private videoCandidate(hit: PixabayVideoHit, query: MediaQuery): MediaCandidate[] {
    const renditions: Rendition[] = Object.values(hit.videos ?? {}).flatMap((v) => (v?.url ? [{ url: v.url, width: v.width ?? 0, height: v.height ?? 0 }] : []));
    const file = bestRendition(renditions, query);
    if (!file) return [];
    return [{ provider: this.id, id: String(hit.id), kind: 'video', width: file.width, height: file.height, ...(hit.duration ? { duration: hit.duration } : {}), url: file.url, credit: { ...this.credit(hit), kind: 'video' }, ...tagsOf(hit.tags) }];
  }

  private imageCandidate(hit: PixabayImageHit, query: MediaQuery): MediaCandidate[] {
    const w = hit.imageWidth ?? 0;
    const h = hit.imageHeight ?? 0;
    if (!(w > 0 && h > 0)) return [];
    // The sized URLs are the original scaled to a long side of 640/1280/1920 px.
    const scaled = (long: number, url: string | undefined): Rendition[] => {
      if (!url) return [];
      const s = Math.min(1, long / Math.max(w, h));
      return [{ url, width: Math.round(w * s), height: Math.round(h * s) }];
    };
    const file = bestRendition([...scaled(640, hit.webformatURL), ...scaled(1280, hit.largeImageURL), ...scaled(1920, hit.fullHDURL)], query);
    if (!file) return [];
    return [{ provider: this.id, id: `photo-${hit.id}`, kind: 'image', width: file.width, height: file.height, url: file.url, credit: { ...this.credit(hit), kind: 'image' }, ...tagsOf(hit.tags) }];
  }

  private credit(hit: { pageURL: string; tags?: string; user?: string; user_id?: number }): Credit {
    const title = titleFromSlug(hit.pageURL) ?? capitalise(hit.tags?.split(',')[0]?.trim());
    const authorUrl = hit.user && hit.user_id ? `https://pixabay.com/users/${hit.user}-${hit.user_id}/` : undefined;
    return { provider: this.id, ...(title ? { title } : {}), ...(hit.user ? { author: hit.user } : {}), ...(authorUrl ? { authorUrl } : {}), sourceUrl: hit.pageURL, ...LICENSE };
  }
}

function tagsOf(tags: string | undefined): { tags?: string[] } {
  const list = (tags ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  return list.length ? { tags: list } : {};
}

function capitalise(text: string | undefined): string | undefined {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : undefined;
}

/** Languages Pixabay searches in (`lang`, its documentation's list); English is the default and is not sent. */
const PIXABAY_LANGUAGES = new Set('cs da de es fr id it hu nl no pl pt ro sk fi sv tr vi th bg ru el ja ko zh'.split(' '));

export function pixabayLanguage(language: string | undefined): string | undefined {
  const base = language?.toLowerCase().split('-')[0];
  const code = base === 'nb' || base === 'nn' ? 'no' : base;
  return code && PIXABAY_LANGUAGES.has(code) ? code : undefined;
}

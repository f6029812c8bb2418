import { matchesQuery, startFakeStockServer } from './fake-stock-server.ts';
import type { FakeFiles } from './fake-stock-server.ts';

/**
 * A local server that speaks the Pexels API (https://www.pexels.com/api/documentation/): GET /videos/search and
 * /v1/search with `query`, `orientation`, `size`, `per_page`, `page`, the key in `Authorization`, 401 for a wrong key,
 * and the documented response shapes (video_files with width/height/link/quality/file_type; photos with src.original).
 */
export interface FakePexelsVideo {
  id: number;
  /** Words of the page URL slug, e.g. "fishing-boats-in-harbour". */
  slug: string;
  orientation: 'landscape' | 'portrait';
  duration: number;
  author?: string;
  /** Where its files are linked instead of this server (an SSRF probe: a private address). */
  linkBase?: string;
}

export interface FakePexelsPhoto {
  id: number;
  slug: string;
  width: number;
  height: number;
  alt?: string;
}

const LANDSCAPE_SIZES: [number, number, string][] = [[1280, 720, 'hd'], [3840, 2160, 'uhd'], [640, 360, 'sd'], [1920, 1080, 'hd'], [960, 540, 'sd'], [2560, 1440, 'uhd']];

export async function startFakePexels(options: { apiKey: string; videos: FakePexelsVideo[]; photos?: FakePexelsPhoto[]; files: FakeFiles }) {
  return startFakeStockServer((req, base) => {
    if (req.headers.authorization !== options.apiKey) return { status: 401, body: { error: 'Unauthorized' } };
    const query = req.query.get('query') ?? '';
    const perPage = Number(req.query.get('per_page') ?? 15);
    const orientation = req.query.get('orientation');
    if (req.path === '/videos/search') {
      const videos = options.videos
        .filter((v) => matchesQuery(query, v.slug.split('-')) && (!orientation || v.orientation === orientation))
        .slice(0, perPage)
        .map((v) => ({
          id: v.id,
          width: v.orientation === 'landscape' ? 3840 : 2160,
          height: v.orientation === 'landscape' ? 2160 : 3840,
          url: `https://www.pexels.com/video/${v.slug}-${v.id}/`,
          image: `${base}/files/${v.id}.jpeg`,
          duration: v.duration,
          user: { id: v.id * 10, name: v.author ?? 'Ana Videographer', url: `https://www.pexels.com/@ana-${v.id}` },
          video_files: LANDSCAPE_SIZES.map(([w, h, quality], i) => {
            const [width, height] = v.orientation === 'landscape' ? [w, h] : [h, w];
            return { id: v.id * 100 + i, quality, file_type: 'video/mp4', width, height, fps: 25, link: `${v.linkBase ?? base}/files/pexels-${v.id}-${width}x${height}.mp4` };
          }),
          video_pictures: [],
        }));
      return { status: 200, body: { page: 1, per_page: perPage, total_results: videos.length, url: `https://www.pexels.com/search/videos/${query}/`, videos } };
    }
    if (req.path === '/v1/search') {
      const photos = (options.photos ?? [])
        .filter((p) => matchesQuery(query, p.slug.split('-')))
        .map((p) => ({
          id: p.id,
          width: p.width,
          height: p.height,
          url: `https://www.pexels.com/photo/${p.slug}-${p.id}/`,
          photographer: 'Pat Photographer',
          photographer_url: 'https://www.pexels.com/@pat',
          photographer_id: 7,
          avg_color: '#334455',
          alt: p.alt ?? '',
          src: { original: `${base}/files/pexels-photo-${p.id}.jpeg`, large2x: `${base}/files/l2-${p.id}.jpeg`, large: `${base}/files/l-${p.id}.jpeg`, medium: '', small: '', portrait: '', landscape: '', tiny: '' },
          liked: false,
        }));
      return { status: 200, body: { page: 1, per_page: perPage, total_results: photos.length, photos } };
    }
    return undefined;
  }, options.files);
}

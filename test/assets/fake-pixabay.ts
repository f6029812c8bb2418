import { matchesQuery, startFakeStockServer } from './fake-stock-server.ts';
import type { FakeFiles } from './fake-stock-server.ts';

/**
 * A local server that speaks the Pixabay API (https://pixabay.com/api/docs/): GET /api/ (pictures) and /api/videos/
 * with `key` and `q`, "[ERROR 400] Invalid or missing API key" for a wrong key, hits with pageURL, tags, user and
 * user_id; videos as large/medium/small/tiny {url, width, height, size, thumbnail}, pictures as webformat/large URLs.
 */
export interface FakePixabayVideo {
  id: number;
  tags: string[];
  orientation: 'landscape' | 'portrait';
  duration: number;
}

export interface FakePixabayImage {
  id: number;
  tags: string[];
  width: number;
  height: number;
}

const VIDEO_SIZES: [string, number, number][] = [['large', 3840, 2160], ['medium', 2560, 1440], ['small', 1920, 1080], ['tiny', 1280, 720]];

export async function startFakePixabay(options: { apiKey: string; videos: FakePixabayVideo[]; images?: FakePixabayImage[]; files: FakeFiles }) {
  return startFakeStockServer((req, base) => {
    if (req.query.get('key') !== options.apiKey) return { status: 400, body: '[ERROR 400] Invalid or missing API key' };
    const q = req.query.get('q') ?? '';
    const perPage = Number(req.query.get('per_page') ?? 20);
    const user = { user_id: 4242, user: 'coastal_films', userImageURL: '' };
    if (req.path === '/api/videos/') {
      const hits = options.videos.filter((v) => matchesQuery(q, v.tags)).slice(0, perPage).map((v) => ({
        id: v.id,
        pageURL: `https://pixabay.com/videos/id-${v.id}/`,
        type: 'film',
        tags: v.tags.join(', '),
        duration: v.duration,
        videos: Object.fromEntries(VIDEO_SIZES.map(([name, w, h]) => {
          const [width, height] = v.orientation === 'landscape' ? [w, h] : [h, w];
          return [name, { url: `${base}/files/pixabay-${v.id}-${name}.mp4`, width, height, size: width * 10, thumbnail: `${base}/files/${v.id}.jpg` }];
        })),
        views: 1, downloads: 1, likes: 1, comments: 0,
        ...user,
      }));
      return { status: 200, body: { total: hits.length, totalHits: hits.length, hits } };
    }
    if (req.path === '/api/') {
      const hits = (options.images ?? []).filter((im) => matchesQuery(q, im.tags)).map((im) => ({
        id: im.id,
        pageURL: `https://pixabay.com/photos/${im.tags.join('-').replace(/\s+/g, '-')}-${im.id}/`,
        type: 'photo',
        tags: im.tags.join(', '),
        previewURL: `${base}/files/p-${im.id}_150.jpg`, previewWidth: 150, previewHeight: 100,
        webformatURL: `${base}/files/p-${im.id}_640.jpg`, webformatWidth: 640, webformatHeight: 427,
        largeImageURL: `${base}/files/p-${im.id}_1280.jpg`,
        imageWidth: im.width, imageHeight: im.height, imageSize: 1000,
        views: 1, downloads: 1, likes: 1, comments: 0,
        ...user,
      }));
      return { status: 200, body: { total: hits.length, totalHits: hits.length, hits } };
    }
    return undefined;
  }, options.files);
}

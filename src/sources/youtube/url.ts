import { VideogenError } from '../../errors.ts';

/** YouTube video ids are 11 characters from the URL-safe base64 alphabet. */
const ID = /^[A-Za-z0-9_-]{11}$/;
const HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com', 'gaming.youtube.com', 'youtu.be', 'www.youtu.be', 'youtube-nocookie.com', 'www.youtube-nocookie.com']);
/** Path prefixes whose next segment is the id. */
const ID_PATHS = new Set(['embed', 'shorts', 'live', 'v', 'e']);

function parseUrl(input: string): URL | undefined {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : /^(?:[\w-]+\.)*(?:youtube(?:-nocookie)?\.com|youtu\.be)\//i.test(input) ? `https://${input}` : undefined;
  if (!withScheme) return undefined;
  try {
    return new URL(withScheme);
  } catch {
    return undefined;
  }
}

/** The video id in `input`, or undefined when it is not a YouTube video URL or id. */
export function findYoutubeId(input: string): string | undefined {
  const trimmed = input.trim();
  if (ID.test(trimmed)) return trimmed;
  const url = parseUrl(trimmed);
  if (!url || !HOSTS.has(url.hostname.toLowerCase())) return undefined;
  const segments = url.pathname.split('/').filter(Boolean);
  let candidate: string | undefined;
  if (url.hostname.toLowerCase().endsWith('youtu.be')) candidate = segments[0];
  else if (segments[0] === 'watch' || segments.length === 0) candidate = url.searchParams.get('v') ?? undefined;
  else if (ID_PATHS.has(segments[0]!)) candidate = segments[1];
  return candidate && ID.test(candidate) ? candidate : undefined;
}

/** True for anything that looks like a YouTube link (used to give a clear error instead of "file not found"). */
export function looksLikeYoutube(input: string): boolean {
  const url = parseUrl(input.trim());
  return Boolean(url && HOSTS.has(url.hostname.toLowerCase()));
}

/** The video id, or a USAGE error that shows the accepted forms. */
export function parseYoutubeId(input: string): string {
  const id = findYoutubeId(input);
  if (id) return id;
  const url = parseUrl(input.trim());
  const why = url?.searchParams.has('list') && !url.searchParams.has('v') ? 'playlists are not supported; link one video' : url && HOSTS.has(url.hostname.toLowerCase()) ? 'no video id in this YouTube link' : 'not a YouTube video link or id';
  throw new VideogenError(
    'USAGE',
    `${why}: "${input}". Use a link such as https://www.youtube.com/watch?v=dQw4w9WgXcQ, https://youtu.be/dQw4w9WgXcQ, a /shorts/, /live/ or /embed/ link, or the 11-character id`,
    { input },
  );
}

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { MUSIC_MOODS, type MusicMood } from '../spec/media.ts';
import type { Credit } from './types.ts';

/**
 * The local music library for `music: { src: auto }`: audio files in a folder (VIDEOGEN_MUSIC_DIR), each with a mood
 * from, in order, a sidecar `<name>.json` ({"mood", "title", "author", "license"}), a sub-folder named after a mood
 * (`calm/rain.mp3`), or a mood word in the file name (`uplifting-morning.mp3`). The choice is deterministic: the same
 * seed (the video's spec hash) always gets the same track, different videos spread over the library.
 */

const AUDIO_EXTENSIONS = new Set(['.mp3', '.m4a', '.aac', '.wav', '.ogg', '.oga', '.opus', '.flac']);
/** Sub-folders are searched this deep (mood folders, maybe an artist folder inside). */
const MAX_DEPTH = 3;

export interface MusicPick {
  path: string;
  title: string;
  credit: Credit;
  /** Set when the mood asked for had no track and another was used. */
  note?: string;
}

interface LibraryTrack {
  path: string;
  /** Path relative to the library, the stable part of the seed order. */
  id: string;
  mood?: MusicMood;
  title: string;
  author?: string;
  license?: string;
}

const isMood = (word: string): word is MusicMood => (MUSIC_MOODS as readonly string[]).includes(word);

async function audioFiles(dir: string, depth = 0): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < MAX_DEPTH) found.push(...(await audioFiles(path, depth + 1)));
    else if (entry.isFile() && AUDIO_EXTENSIONS.has(extname(entry.name).toLowerCase())) found.push(path);
  }
  return found;
}

async function sidecar(path: string): Promise<Record<string, unknown>> {
  try {
    const data: unknown = JSON.parse(await readFile(path.slice(0, -extname(path).length) + '.json', 'utf8'));
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {}; // no sidecar, or an unreadable one: the folder and the name still say something
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined);

/** "uplifting-morning_01" → "Uplifting morning 01". */
function titleFromName(path: string): string {
  const words = basename(path, extname(path)).replace(/[-_.]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : basename(path);
}

async function describe(dir: string, path: string): Promise<LibraryTrack> {
  const meta = await sidecar(path);
  const id = relative(dir, path);
  const folders = id.split(/[\\/]/).slice(0, -1).map((f) => f.toLowerCase());
  const nameWords = basename(path, extname(path)).toLowerCase().split(/[^a-z]+/);
  const declared = text(meta.mood)?.toLowerCase();
  const mood = [declared, ...folders, ...nameWords].find((w): w is MusicMood => !!w && isMood(w));
  const author = text(meta.author);
  const license = text(meta.license);
  return { path, id, title: text(meta.title) ?? titleFromName(path), ...(mood ? { mood } : {}), ...(author ? { author } : {}), ...(license ? { license } : {}) };
}

const seedOrder = (seed: string, id: string) => createHash('sha256').update(`${seed}\0${id}`).digest('hex');

/**
 * Picks a track for a video. `minSeconds` is the video's length: any track works (the mix loops it with crossfades),
 * so it only breaks ties toward nothing today and is kept for callers that will prefer longer tracks once durations
 * are indexed. Without any track: one warning, and the video renders without music.
 */
export async function pickMusicTrack(opts: { dir?: string; mood?: MusicMood; seed: string; minSeconds: number }): Promise<MusicPick | { warning: string }> {
  const dir = opts.dir;
  const files = dir ? await audioFiles(dir) : [];
  if (!dir || !files.length) {
    return { warning: `no music: ${dir ?? 'the music library'} has no tracks (set VIDEOGEN_MUSIC_DIR to a folder of music files, or give music.src a file); the video has no music` };
  }
  const tracks = await Promise.all(files.map((f) => describe(dir, f)));
  const matching = opts.mood ? tracks.filter((t) => t.mood === opts.mood) : tracks;
  const pool = matching.length ? matching : tracks;
  const chosen = [...pool].sort((a, b) => (seedOrder(opts.seed, a.id) < seedOrder(opts.seed, b.id) ? -1 : 1))[0]!;
  const credit: Credit = {
    provider: 'local',
    kind: 'audio',
    title: chosen.title,
    ...(chosen.author ? { author: chosen.author } : {}),
    license: chosen.license ?? 'from the local music library (licence not recorded)',
  };
  return {
    path: chosen.path,
    title: chosen.title,
    credit,
    ...(opts.mood && !matching.length ? { note: `no ${opts.mood} track in ${dir}; using "${chosen.title}"` } : {}),
  };
}

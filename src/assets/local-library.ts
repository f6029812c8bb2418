import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join, relative, sep } from 'node:path';
import { copyFileAtomic } from '../util/files.ts';
import type { Credit, MediaCandidate, MediaKind, MediaProvider, MediaQuery } from './types.ts';
import { stemsOf } from './words.ts';

/**
 * The user's own pictures and clips (`--media <dir>` / VIDEOGEN_MEDIA_DIR), found by the words in their file and
 * folder names and in an optional sidecar: `clip.json` {"tags": [...], "title", "author", "license", "licenseUrl",
 * "sourceUrl", "width", "height", "duration"} or `clip.txt` with tags separated by commas or lines. The index is built
 * once per run, on the first search.
 */
const VIDEO_EXTENSIONS = new Set(['.mp4', '.mov', '.m4v', '.webm', '.mkv']);
const IMAGE_EXTENSIONS = new Set(['.jpg', '.jpeg', '.png', '.webp']);
/** Guards against pointing --media at a home directory: the walk stops there. */
const MAX_FILES = 20_000;
const MAX_DEPTH = 6;
const MAX_SIDECAR_BYTES = 64 * 1024;
export const UNRECORDED_LICENSE = 'local library (licence not recorded)';

interface LibraryEntry {
  path: string;
  /** Path relative to the library, '/'-separated: the candidate id. */
  id: string;
  kind: MediaKind;
  stems: Set<string>;
  /** Name and tags as one lower-case string, for phrase matches ("fishing boat"). */
  text: string;
  credit: Credit;
  width: number;
  height: number;
  duration?: number;
}

interface Sidecar {
  tags?: unknown;
  title?: unknown;
  author?: unknown;
  authorUrl?: unknown;
  license?: unknown;
  licenseUrl?: unknown;
  sourceUrl?: unknown;
  width?: unknown;
  height?: unknown;
  duration?: unknown;
}

export class LocalLibraryProvider implements MediaProvider {
  readonly id = 'local';
  private index: Promise<LibraryEntry[]> | undefined;

  constructor(
    readonly root: string | undefined,
    /** Folders to leave out (the music library usually lives in <media>/music). */
    private readonly exclude: readonly string[] = [],
  ) {}

  available(): boolean {
    return Boolean(this.root);
  }

  async search(query: MediaQuery): Promise<MediaCandidate[]> {
    if (!this.root) return [];
    const wanted = stemsOf(query.terms);
    if (!wanted.length) return [];
    const phrase = stemsOf(query.terms).join(' ');
    const scored = (await this.entries())
      .filter((e) => query.kind === 'any' || e.kind === query.kind)
      .map((e) => {
        const hits = wanted.filter((w) => e.stems.has(w)).length;
        // Share of the query's words found, plus a bonus when the whole phrase appears as written.
        return { e, score: hits / wanted.length + (wanted.length > 1 && e.text.includes(phrase) ? 0.5 : 0) };
      })
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score || a.e.id.localeCompare(b.e.id));
    return scored.map(({ e }) => ({
      provider: this.id,
      id: e.id,
      kind: e.kind,
      width: e.width,
      height: e.height,
      ...(e.duration ? { duration: e.duration } : {}),
      url: e.path,
      credit: e.credit,
      tags: [...e.stems],
    }));
  }

  /** Library files are used where they are; this copy exists for callers that need the file elsewhere. */
  async download(candidate: MediaCandidate, dest: string): Promise<void> {
    await copyFileAtomic(candidate.url, dest);
  }

  /** The file itself: nothing to download. */
  fileFor(candidate: MediaCandidate): string {
    return candidate.url;
  }

  private entries(): Promise<LibraryEntry[]> {
    this.index ??= this.build();
    return this.index;
  }

  private async build(): Promise<LibraryEntry[]> {
    const root = this.root!;
    const entries: LibraryEntry[] = [];
    const excluded = new Set(this.exclude.map((p) => p.replace(/[\\/]+$/, '')));
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (depth > MAX_DEPTH || entries.length >= MAX_FILES || excluded.has(dir)) return;
      let names: Dirent[];
      try {
        names = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      names.sort((a, b) => a.name.localeCompare(b.name));
      for (const d of names) {
        if (d.name.startsWith('.') || entries.length >= MAX_FILES) continue;
        const path = join(dir, d.name);
        if (d.isDirectory()) {
          if (depth === 0 && d.name.toLowerCase() === 'music') continue;
          await walk(path, depth + 1);
          continue;
        }
        if (!d.isFile()) continue;
        const ext = extname(d.name).toLowerCase();
        const kind: MediaKind | undefined = VIDEO_EXTENSIONS.has(ext) ? 'video' : IMAGE_EXTENSIONS.has(ext) ? 'image' : undefined;
        if (kind) entries.push(await describe(root, path, kind));
      }
    };
    await walk(root, 0);
    return entries;
  }
}

async function describe(root: string, path: string, kind: MediaKind): Promise<LibraryEntry> {
  const rel = relative(root, path).split(sep).join('/');
  const stemPath = path.slice(0, -extname(path).length);
  const sidecar = await readSidecar(stemPath);
  const name = basename(stemPath);
  const folders = rel.split('/').slice(0, -1).join(' ');
  const tags = sidecar.tags;
  const title = typeof sidecar.title === 'string' && sidecar.title.trim() ? sidecar.title.trim() : name;
  const text = [name.replace(/[-_.]+/g, ' '), folders, title, ...tags].join(' ').toLowerCase();
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  const credit: Credit = {
    provider: 'local',
    kind,
    title,
    ...(str(sidecar.author) ? { author: str(sidecar.author)! } : {}),
    ...(str(sidecar.authorUrl) ? { authorUrl: str(sidecar.authorUrl)! } : {}),
    ...(str(sidecar.sourceUrl) ? { sourceUrl: str(sidecar.sourceUrl)! } : {}),
    license: str(sidecar.license) ?? UNRECORDED_LICENSE,
    ...(str(sidecar.licenseUrl) ? { licenseUrl: str(sidecar.licenseUrl)! } : {}),
  };
  const duration = num(sidecar.duration);
  return {
    path,
    id: rel,
    kind,
    stems: new Set(stemsOf(text)),
    text: stemsOf(text).join(' '),
    credit,
    width: num(sidecar.width) ?? 0,
    height: num(sidecar.height) ?? 0,
    ...(duration ? { duration } : {}),
  };
}

async function readSidecar(stemPath: string): Promise<Omit<Sidecar, 'tags'> & { tags: string[] }> {
  const json = await readSmall(`${stemPath}.json`);
  if (json !== undefined) {
    try {
      const parsed = JSON.parse(json) as Sidecar;
      if (parsed && typeof parsed === 'object') {
        const tags = Array.isArray(parsed.tags) ? parsed.tags.filter((t): t is string => typeof t === 'string') : typeof parsed.tags === 'string' ? parsed.tags.split(',') : [];
        return { ...parsed, tags: tags.map((t) => t.trim()).filter(Boolean) };
      }
    } catch {
      // A broken sidecar should not hide the clip: it is still found by its file name.
    }
  }
  const txt = await readSmall(`${stemPath}.txt`);
  return { tags: (txt ?? '').split(/[,\n]/).map((t) => t.trim()).filter(Boolean) };
}

async function readSmall(path: string): Promise<string | undefined> {
  try {
    if ((await stat(path)).size > MAX_SIDECAR_BYTES) return undefined;
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

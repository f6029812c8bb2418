import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { VideogenError } from '../errors.ts';
import type { Publication, PublicationMetadata } from '../store/types.ts';
import type { PublishItem } from './types.ts';

/**
 * What a render's output directory holds for an uploader (src/pipeline/render-video.ts, outputs-stage.ts):
 * video.mp4, metadata.json (src/pipeline/metadata.ts: title, description with chapters and credits, tags, category,
 * language, disclosures), captions.<lang>.srt and .vtt, thumbnail.png.
 */

/** metadata.json as the pipeline writes it; lenient, since older renders and hand-edited files are published too. */
const OutputMetadata = z
  .object({
    title: z.string().optional(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    categoryId: z.union([z.string(), z.number()]).transform(String).optional(),
    language: z.string().optional(),
    madeForKids: z.boolean().optional(),
    containsSyntheticMedia: z.boolean().optional(),
    localizations: z.record(z.string(), z.object({ title: z.string(), description: z.string() })).optional(),
  })
  .loose();

/** `captions.en.srt`, `captions.pt-BR.vtt`: the language is a BCP 47 tag as YouTube takes it. */
const CAPTION_FILE = /^captions\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.(srt|vtt)$/;

export async function sha256OfFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  // Streamed: a video is hundreds of megabytes, never read into memory at once.
  await pipeline(createReadStream(path), hash, signal ? { signal } : {});
  return hash.digest('hex');
}

async function readMetadata(dir: string): Promise<PublicationMetadata | undefined> {
  const path = join(dir, 'metadata.json');
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new VideogenError('USAGE', `${path} is not JSON (${(error as Error).message}); fix it, or delete it and give the publication a title`, { path }, { cause: error });
  }
  const parsed = OutputMetadata.safeParse(raw);
  if (!parsed.success) throw new VideogenError('USAGE', `${path} does not look like videogen's metadata.json: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`, { path });
  const { title, description, tags, categoryId, language, madeForKids, containsSyntheticMedia, localizations } = parsed.data;
  return {
    ...(title !== undefined ? { title } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(tags !== undefined ? { tags } : {}),
    ...(categoryId !== undefined ? { categoryId } : {}),
    ...(language !== undefined ? { language } : {}),
    ...(madeForKids !== undefined ? { madeForKids } : {}),
    ...(containsSyntheticMedia !== undefined ? { containsSyntheticMedia } : {}),
    ...(localizations !== undefined ? { localizations } : {}),
  };
}

/** One caption file per language: SubRip when both exist (YouTube takes either; SRT is what the MP4 track carries). */
export async function captionFiles(dir: string): Promise<PublishItem['captions']> {
  const names = await readdir(dir);
  const byLanguage = new Map<string, { ext: string; name: string }>();
  for (const name of names.sort()) {
    const m = CAPTION_FILE.exec(name);
    if (!m) continue;
    const [, language, ext] = m as unknown as [string, string, string];
    const seen = byLanguage.get(language);
    if (!seen || (seen.ext === 'vtt' && ext === 'srt')) byLanguage.set(language, { ext, name });
  }
  return [...byLanguage.entries()].map(([language, f]) => ({ language, path: join(dir, f.name) }));
}

const isFile = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/**
 * The PublishItem for a publication from an output directory: the file's size and hash (so a resumed upload can tell
 * the file changed), metadata.json overridden field by field by the publication's own metadata, the captions, the
 * thumbnail, and the publication's privacy, release time and playlist.
 */
export async function itemFromOutput(dir: string, publication: Pick<Publication, 'metadata' | 'privacy' | 'publishAt' | 'playlistId'>, signal?: AbortSignal): Promise<PublishItem> {
  const videoPath = join(dir, 'video.mp4');
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new VideogenError('USAGE', `${dir} is not a directory; publish a render's output directory (the one holding video.mp4 and metadata.json)`, { path: dir });
  const video = await stat(videoPath).catch(() => undefined);
  if (!video?.isFile()) throw new VideogenError('USAGE', `${dir} has no video.mp4: publish the output directory of a finished render (videogen render … -o <dir>)`, { path: videoPath });
  if (video.size === 0) throw new VideogenError('USAGE', `${videoPath} is empty; render it again`, { path: videoPath });

  const fromFile = (await readMetadata(dir)) ?? {};
  const metadata: PublicationMetadata = { ...fromFile, ...definedOnly(publication.metadata) };
  const title = metadata.title?.trim();
  if (!title) throw new VideogenError('USAGE', `${dir} has no metadata.json with a title, and the publication gives none: give it a title (metadata.title)`, { path: dir });

  const thumbnailPath = join(dir, 'thumbnail.png');
  return {
    videoPath,
    bytes: video.size,
    sha256: await sha256OfFile(videoPath, signal),
    metadata: { ...metadata, title, description: metadata.description ?? '' },
    privacy: publication.privacy,
    ...(publication.publishAt ? { publishAt: publication.publishAt } : {}),
    captions: await captionFiles(dir),
    ...((await isFile(thumbnailPath)) ? { thumbnailPath } : {}),
    ...(publication.playlistId ? { playlistId: publication.playlistId } : {}),
  };
}

/** The user's overrides, without keys set to undefined (which would erase metadata.json's value in a spread). */
function definedOnly(metadata: PublicationMetadata): PublicationMetadata {
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as PublicationMetadata;
}

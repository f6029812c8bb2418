import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { VideogenError } from '../errors.ts';
import type { Publication, PublicationMetadata } from '../store/types.ts';
import { checkLanguageFolders, chooseLanguages, languagesOf, primaryOf, readLanguageIndex, withoutLanguages, type OutputLanguage } from './multilingual-output.ts';
import type { PublishItem } from './types.ts';
import { readJsonIfPresent } from '../util/read-json.ts';

/**
 * What a render's output directory holds for an uploader (src/pipeline/render-video.ts, outputs-stage.ts):
 * video.mp4, metadata.json (src/pipeline/metadata.ts: title, description with chapters and credits, tags, category,
 * language, disclosures), captions.<lang>.srt and .vtt, thumbnail.png. A multilingual render holds one such folder per
 * language and index.json (src/publish/multilingual-output.ts).
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
  const raw = await readJsonIfPresent(path, 'fix it, or delete it and give the publication a title');
  if (raw === undefined) return undefined;
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

type PublicationChoices = Pick<Publication, 'metadata' | 'privacy' | 'publishAt' | 'playlistId'>;

/**
 * The PublishItem for a publication from an output directory: the file's size and hash (so a resumed upload can tell
 * the file changed), metadata.json overridden field by field by the publication's own metadata, the captions, the
 * thumbnail, and the publication's privacy, release time and playlist.
 *
 * A multilingual render (index.json and a folder per language) is published as one video: the chosen languages' main
 * one (the source language, else the first) with its metadata as the default language, every other language's title
 * and description as `localizations`, and one caption track per language named after it. A publication naming one
 * language (`--per-language`) is that language's own video.
 */
export async function itemFromOutput(dir: string, publication: PublicationChoices, signal?: AbortSignal): Promise<PublishItem> {
  const index = await readLanguageIndex(dir);
  const languages = languagesOf(publication.metadata);
  const choices = { ...publication, metadata: withoutLanguages(publication.metadata) };
  if (!index) {
    if (languages) throw new VideogenError('USAGE', `${dir} is not a multilingual render (no index.json), so there are no languages ${languages.join(', ')} to choose; publish it without --languages`, { path: dir, languages });
    return singleItem(dir, choices, signal);
  }
  const chosen = chooseLanguages(index, languages);
  await checkLanguageFolders(index, chosen);
  const primary = primaryOf(index, chosen);
  const item = await singleItem(primary.dir, choices, signal, primary);

  const others = chosen.filter((l) => l !== primary);
  const localizations: Record<string, { title: string; description: string }> = { ...item.metadata.localizations };
  for (const l of others) {
    const meta = (await readMetadata(l.dir)) ?? {};
    const title = meta.title?.trim() || l.title?.trim();
    if (!title) throw new VideogenError('USAGE', `${l.language} (${l.name}) has no title: ${join(l.dir, 'metadata.json')} is missing or has none; render that language again, or leave it out with --languages`, { language: l.language, path: l.dir });
    localizations[l.language] = { title, description: meta.description ?? '' };
  }
  // The user's own localizations (the publication's metadata) win over the render's.
  Object.assign(localizations, choices.metadata.localizations);
  const language = item.metadata.language ?? primary.language;
  for (const key of Object.keys(localizations)) if (key.toLowerCase() === language.toLowerCase()) delete localizations[key];

  const captions = [...item.captions];
  for (const l of others) {
    const caption = await captionOf(l);
    if (caption) captions.push(caption);
  }
  const { localizations: _none, ...metadata } = item.metadata;
  return { ...item, metadata: { ...metadata, language, ...(Object.keys(localizations).length ? { localizations } : {}) }, captions };
}

/** The caption file of one language's folder (`captions.de.srt`, or a regional `captions.zh-Hans.vtt` in `zh/`), named after the language. */
export async function captionOf(l: OutputLanguage): Promise<PublishItem['captions'][number] | undefined> {
  const files = await captionFiles(l.dir);
  const lang = l.language.toLowerCase();
  const found = files.find((c) => c.language.toLowerCase() === lang) ?? files.find((c) => c.language.toLowerCase().startsWith(`${lang}-`));
  return found ? { ...found, name: l.name } : undefined;
}

/** One output directory's item; `only`: the language folder of a multilingual render, whose own caption track alone is taken. */
async function singleItem(dir: string, publication: PublicationChoices, signal?: AbortSignal, only?: OutputLanguage): Promise<PublishItem> {
  const videoPath = join(dir, 'video.mp4');
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new VideogenError('USAGE', `${dir} is not a directory; publish a render's output directory (the one holding video.mp4 and metadata.json)`, { path: dir });
  const video = await stat(videoPath).catch(() => undefined);
  if (!video?.isFile()) throw new VideogenError('USAGE', `${dir} has no video.mp4: publish the output directory of a finished render (videogen render … -o <dir>)`, { path: videoPath });
  if (video.size === 0) throw new VideogenError('USAGE', `${videoPath} is empty; render it again`, { path: videoPath });

  const fromFile = (await readMetadata(dir)) ?? {};
  const metadata: PublicationMetadata = { ...fromFile, ...definedOnly(publication.metadata) };
  const title = (metadata.title ?? only?.title)?.trim();
  if (!title) throw new VideogenError('USAGE', `${dir} has no metadata.json with a title, and the publication gives none: give it a title (metadata.title)`, { path: dir });

  const thumbnailPath = join(dir, 'thumbnail.png');
  const own = only ? await captionOf(only) : undefined;
  return {
    videoPath,
    bytes: video.size,
    sha256: await sha256OfFile(videoPath, signal),
    metadata: { ...metadata, title, description: metadata.description ?? '' },
    privacy: publication.privacy,
    ...(publication.publishAt ? { publishAt: publication.publishAt } : {}),
    captions: only ? (own ? [own] : []) : await captionFiles(dir),
    ...((await isFile(thumbnailPath)) ? { thumbnailPath } : {}),
    ...(publication.playlistId ? { playlistId: publication.playlistId } : {}),
  };
}

/** The user's overrides, without keys set to undefined (which would erase metadata.json's value in a spread). */
function definedOnly(metadata: PublicationMetadata): PublicationMetadata {
  return Object.fromEntries(Object.entries(metadata).filter(([, v]) => v !== undefined)) as PublicationMetadata;
}

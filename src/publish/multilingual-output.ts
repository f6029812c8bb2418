import { stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { VideogenError } from '../errors.ts';
import type { Job, PublicationMetadata } from '../store/types.ts';
import { readJsonIfPresent } from '../util/read-json.ts';

/**
 * A multilingual render's output (src/pipeline/render-languages.ts): `<out>/index.json` (LanguageIndex) and one folder
 * per language, each an ordinary output directory (video.mp4, metadata.json, captions.<lang>.srt|vtt, thumbnail.png).
 * Read leniently: only what publishing needs, so an index from a newer or older render still publishes.
 */
const IndexEntry = z
  .object({
    language: z.string().trim().min(1),
    dir: z.string().trim().min(1).optional(),
    name: z.string().optional(),
    title: z.string().optional(),
  })
  .loose();
const IndexFile = z.object({ sourceLanguage: z.string().optional(), languages: z.array(IndexEntry).min(1) }).loose();

export interface OutputLanguage {
  /** The code as the render was asked for (`de`, `pt-BR`): the folder name and the YouTube language. */
  language: string;
  /** English name (`German`): the caption track's name. */
  name: string;
  /** Absolute folder of this language's files. */
  dir: string;
  /** The title index.json lists, when metadata.json has none. */
  title?: string;
}

export interface MultilingualOutput {
  root: string;
  sourceLanguage?: string;
  /** In index.json's order. */
  languages: OutputLanguage[];
}

/** A language tag as YouTube takes it (`de`, `pt-BR`, `zh-Hans`). */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The languages a publication's metadata names, or undefined for "all of them". */
export function languagesOf(metadata: PublicationMetadata | null | undefined): string[] | undefined {
  const raw = metadata?.languages;
  return Array.isArray(raw) && raw.length > 0 && raw.every((l) => typeof l === 'string') ? raw : undefined;
}

/** The metadata without the language choice: what is sent to the platform. */
export function withoutLanguages(metadata: PublicationMetadata): PublicationMetadata {
  const { languages: _languages, ...rest } = metadata;
  return rest;
}

/** `<root>/index.json` as publishing needs it; undefined when there is none (a single-language render). */
export async function readLanguageIndex(root: string): Promise<MultilingualOutput | undefined> {
  const path = join(root, 'index.json');
  const raw = await readJsonIfPresent(path, 'render the languages again');
  if (raw === undefined) return undefined;
  const parsed = IndexFile.safeParse(raw);
  if (!parsed.success) throw new VideogenError('USAGE', `${path} does not look like a multilingual render's index: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`, { path });
  const languages = parsed.data.languages.map((entry) => {
    if (!LANGUAGE_TAG.test(entry.language)) throw new VideogenError('USAGE', `${path} lists "${entry.language}", which is not a language tag`, { path });
    const dir = resolve(root, entry.dir ?? entry.language);
    // Never a folder outside the render's output: index.json names its own subfolders only.
    const rel = relative(root, dir);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new VideogenError('USAGE', `${path}: the folder of ${entry.language} ("${entry.dir}") is not inside ${root}`, { path, language: entry.language });
    return { language: entry.language, name: entry.name?.trim() || entry.language, dir, ...(entry.title ? { title: entry.title } : {}) };
  });
  return { root, ...(parsed.data.sourceLanguage ? { sourceLanguage: parsed.data.sourceLanguage } : {}), languages };
}

/**
 * The languages to publish, in index.json's order: all of them, or those asked for (USAGE naming any the render does
 * not have, and the ones it has).
 */
export function chooseLanguages(output: MultilingualOutput, requested?: readonly string[]): OutputLanguage[] {
  if (!requested) return output.languages;
  const unknown = requested.filter((r) => !output.languages.some((l) => same(l.language, r)));
  if (unknown.length) {
    throw new VideogenError('USAGE', `${output.root} has no ${unknown.join(', ')}: its languages are ${output.languages.map((l) => l.language).join(', ')}`, { languages: unknown });
  }
  return output.languages.filter((l) => requested.some((r) => same(l.language, r)));
}

/** The video's own language among those chosen: the render's source language when chosen, else the first. */
export function primaryOf(output: MultilingualOutput, chosen: readonly OutputLanguage[]): OutputLanguage {
  const source = output.sourceLanguage;
  return (source ? chosen.find((l) => same(l.language, source)) : undefined) ?? chosen[0]!;
}

/** USAGE naming the first chosen language whose folder or video.mp4 is missing (an unfinished or damaged render). */
export async function checkLanguageFolders(output: MultilingualOutput, chosen: readonly OutputLanguage[]): Promise<void> {
  for (const l of chosen) {
    const folder = await stat(l.dir).catch(() => undefined);
    if (!folder?.isDirectory()) throw new VideogenError('USAGE', `${output.root}/index.json lists ${l.language} (${l.name}), but its folder ${l.dir} is missing; render that language again, or leave it out with --languages`, { language: l.language, path: l.dir });
    const video = await stat(join(l.dir, 'video.mp4')).catch(() => undefined);
    if (!video?.isFile() || video.size === 0) throw new VideogenError('USAGE', `${l.language} (${l.name}) has no video in ${join(l.dir, 'video.mp4')}; render that language again, or leave it out with --languages`, { language: l.language, path: join(l.dir, 'video.mp4') });
  }
}

/**
 * The languages a render job makes, for one publication per language: its index.json once it has finished, else the
 * languages its options ask for. Undefined for a single-language job.
 */
export async function languagesOfJob(job: Pick<Job, 'state' | 'outputDir' | 'options'>): Promise<string[] | undefined> {
  if (job.state === 'succeeded' && job.outputDir) {
    const index = await readLanguageIndex(job.outputDir);
    return index?.languages.map((l) => l.language);
  }
  const asked = job.options.languages;
  return Array.isArray(asked) && asked.length > 0 && asked.every((l) => typeof l === 'string') ? (asked as string[]) : undefined;
}

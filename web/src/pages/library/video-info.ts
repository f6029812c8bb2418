import { useQuery } from '@tanstack/react-query';
import { ApiError, get } from '../../api/client.ts';
import type { Job } from '../jobs/types.ts';
import type { LanguageIndex, Manifest } from './types.ts';

/** One playable video of a job: the job itself, or one language folder of a multilingual job. */
export interface Variant {
  /** The language folder (`de`), or undefined for a single-language job. */
  folder: string | undefined;
  /** What the switcher says: "Deutsch (de)". */
  label: string;
  title: string;
  /** URL prefix of its files: `/api/jobs/<id>/files/` or `/api/jobs/<id>/files/de/`. */
  base: string;
  /** File names inside the variant (video.mp4, captions.en.vtt…). */
  names: string[];
  seconds: number | undefined;
  rtl: boolean;
}

export interface VideoInfo {
  job: Job;
  variants: Variant[];
  /** Every caption or video language the job has. */
  languages: string[];
  seconds: number | undefined;
}

export const filesBase = (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}/files/`;
const CAPTIONS = /^captions\.([A-Za-z0-9-]+)\.vtt$/;

/** Caption languages of a variant, from its captions.<lang>.vtt files. */
export function captionLanguages(names: readonly string[]): string[] {
  return names.flatMap((name) => CAPTIONS.exec(name)?.[1] ?? []);
}

const displayNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'language' }) : undefined;

/** "German" for "de"; the code itself when the browser does not know it. */
export function languageName(code: string): string {
  try {
    return displayNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A JSON output, or undefined when the job has none (older renders may lack a file). */
async function optionalJson<T>(url: string, signal: AbortSignal): Promise<T | undefined> {
  try {
    return await get<T>(url, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

async function loadVideoInfo(id: string, signal: AbortSignal): Promise<VideoInfo> {
  const job = await get<Job>(`/api/jobs/${encodeURIComponent(id)}`, signal);
  const base = filesBase(job.id);
  const files = job.files ?? [];
  if (files.includes('index.json')) {
    const index = await get<LanguageIndex>(`${base}index.json`, signal);
    const variants = index.languages.map((entry) => ({
      folder: entry.language,
      label: `${entry.nativeName || entry.name} (${entry.language})`,
      title: entry.title,
      base: `${base}${encodeURIComponent(entry.language)}/`,
      names: files.filter((f) => f.startsWith(`${entry.language}/`)).map((f) => f.slice(entry.language.length + 1)),
      seconds: entry.seconds,
      rtl: entry.rtl,
    }));
    return { job, variants, languages: variants.map((v) => v.folder), seconds: variants[0]?.seconds };
  }
  const manifest = files.includes('manifest.json') ? await optionalJson<Manifest>(`${base}manifest.json`, signal) : undefined;
  const seconds = manifest?.video?.seconds;
  const variant: Variant = { folder: undefined, label: 'Video', title: job.title ?? manifest?.title ?? 'Untitled', base, names: files, seconds, rtl: false };
  return { job, variants: [variant], languages: captionLanguages(files), seconds };
}

/** A finished job as the library shows it: its videos (one per language), durations and caption languages. */
export function useVideoInfo(id: string, enabled = true) {
  return useQuery({ queryKey: ['library', 'video', id], queryFn: ({ signal }) => loadVideoInfo(id, signal), enabled, staleTime: 60_000 });
}

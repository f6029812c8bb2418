import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { TtsProvider, VoiceInfo } from '../voice/types.ts';
import { writeFileAtomic } from '../util/files.ts';

/**
 * `videogen voices` remembers each provider's voice list for a day, so listing voices does not start espeak-ng twice
 * (probe, then `--voices`) nor ask Edge's service again each time: a second `voices` reads one small file per
 * provider. Only providers whose listing costs a process or the network are cached; the key covers what decides
 * their answer (the provider's settings, the language asked for, and for espeak the binary's path, size and mtime,
 * so an upgrade is seen at once). `--refresh` asks the providers again.
 */
const CACHED = new Set(['espeak', 'edge']);
const MAX_AGE_MS = 24 * 3_600_000;

export interface ListedVoices {
  available: boolean;
  voices: VoiceInfo[];
}

/** The espeak-ng binary the provider would find first on PATH (an absolute `binary` setting is used as it is). */
function binaryIdentity(binary: string, path: string | undefined): string {
  const candidates = isAbsolute(binary) ? [binary] : (path ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, binary));
  for (const candidate of candidates) {
    try {
      const stat = statSync(candidate);
      if (stat.isFile()) return `${candidate}:${stat.size}:${stat.mtimeMs}`;
    } catch {
      // not in this directory
    }
  }
  return 'none';
}

export function voiceListKey(provider: string, settings: unknown, language: string | undefined, path: string | undefined): string {
  const espeakBinary = provider === 'espeak' ? binaryIdentity((settings as { binary?: string } | undefined)?.binary ?? 'espeak-ng', path) : '';
  return createHash('sha256').update(JSON.stringify([provider, settings ?? null, language ?? '', espeakBinary])).digest('hex').slice(0, 24);
}

/** The provider's availability and voices, from `dir` when a fresh answer is there, else asked and stored. */
export async function listVoicesCached(provider: TtsProvider, opts: { dir: string; key: string; language?: string | undefined; refresh?: boolean; now?: number }): Promise<ListedVoices> {
  const ask = async (): Promise<ListedVoices> => ({ available: await provider.available(), voices: await provider.voices(opts.language) });
  if (!CACHED.has(provider.id)) return ask();
  const file = join(opts.dir, `${provider.id}-${opts.key}.json`);
  const now = opts.now ?? Date.now();
  if (!opts.refresh) {
    try {
      const stored = JSON.parse(await readFile(file, 'utf8')) as ListedVoices & { at: number };
      if (now - stored.at < MAX_AGE_MS && Array.isArray(stored.voices)) return { available: stored.available, voices: stored.voices };
    } catch {
      // none yet, or unreadable: ask the provider
    }
  }
  const listed = await ask();
  // Nothing is remembered from a provider that is not available: it may be a moment's failure.
  if (listed.available) {
    await mkdir(opts.dir, { recursive: true });
    await writeFileAtomic(file, JSON.stringify({ at: now, ...listed }));
  }
  return listed;
}

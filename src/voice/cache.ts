import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TtsRegistry } from './registry.ts';
import type { SynthesisResult, SynthesizeOptions, TtsProvider, WordBoundary } from './types.ts';
import { encodeWav, parseWav } from '../audio/wav.ts';

/**
 * Content-addressed speech cache: the same (provider, voice, rate, language, text, provider format version) is
 * synthesised once, ever, so re-rendering after an edit only pays for the changed sentences. Each entry is a WAV
 * plus a JSON sidecar (sample rate, words); the sidecar is written last and is the entry's commit marker.
 */
export interface CacheKeyParts {
  provider: string;
  voice: string;
  rate: number;
  text: string;
  language: string;
  formatVersion: string;
}

interface Sidecar {
  version: 1;
  sampleRate: number;
  samples: number;
  words?: WordBoundary[];
  key: Omit<CacheKeyParts, 'text'>;
}

export function cacheKey(parts: CacheKeyParts): string {
  // JSON of a fixed field order: unambiguous, unlike joining with a separator that may occur in the text.
  const canonical = JSON.stringify([parts.provider, parts.voice, parts.rate, parts.language, parts.formatVersion, parts.text]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export class AudioCache {
  /** @param dir cache root, injected by the caller (e.g. `<VIDEOGEN_HOME>/cache/tts`); created on first write. */
  constructor(readonly dir: string) {}

  private paths(key: string): { wav: string; json: string; shard: string } {
    // Two-character shards keep directories small when a library holds tens of thousands of clips.
    const shard = join(this.dir, key.slice(0, 2));
    return { shard, wav: join(shard, `${key}.wav`), json: join(shard, `${key}.json`) };
  }

  async get(key: string): Promise<SynthesisResult | undefined> {
    const { wav, json } = this.paths(key);
    let sidecar: Sidecar;
    let bytes: Uint8Array;
    try {
      sidecar = JSON.parse(await readFile(json, 'utf8')) as Sidecar;
      bytes = new Uint8Array(await readFile(wav));
    } catch {
      return undefined;
    }
    try {
      const { pcm, sampleRate } = parseWav(bytes);
      // A WAV that disagrees with its sidecar was damaged outside our atomic writes; treat it as a miss.
      if (sidecar.version !== 1 || pcm.length !== sidecar.samples || sampleRate !== sidecar.sampleRate) return undefined;
      return { pcm, sampleRate, channels: 1, ...(sidecar.words ? { words: sidecar.words } : {}) };
    } catch {
      return undefined;
    }
  }

  async put(key: string, parts: CacheKeyParts, result: SynthesisResult): Promise<void> {
    const { shard, wav, json } = this.paths(key);
    await mkdir(shard, { recursive: true });
    const { text: _text, ...keyMeta } = parts;
    const sidecar: Sidecar = { version: 1, sampleRate: result.sampleRate, samples: result.pcm.length, key: keyMeta, ...(result.words ? { words: result.words } : {}) };
    await writeAtomic(wav, encodeWav(result.pcm, result.sampleRate));
    await writeAtomic(json, `${JSON.stringify(sidecar)}\n`);
  }
}

/**
 * Write to a unique temp file in the same directory, then rename: rename is atomic on one filesystem, so readers (and
 * other workers sharing the cache) see the old file or the whole new one, never a partial write.
 */
export async function writeAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Wraps a provider with the cache. Concurrent identical requests share one synthesis instead of racing to write the
 * same entry; they then also share the first caller's AbortSignal, which is fine within one job (one signal) and is
 * why a wrapper should not be shared between independently cancellable jobs.
 */
export class CachedTtsProvider implements TtsProvider {
  private readonly inflight = new Map<string, Promise<SynthesisResult>>();

  constructor(private readonly inner: TtsProvider, private readonly cache: AudioCache) {}

  get id(): string { return this.inner.id; }
  get formatVersion(): string | undefined { return this.inner.formatVersion; }
  available(): Promise<boolean> { return this.inner.available(); }
  voices(language?: string) { return this.inner.voices(language); }
  namedVoice(...args: Parameters<NonNullable<TtsProvider['namedVoice']>>) { return this.inner.namedVoice?.(...args); }
  ownsVoice(voiceId: string): boolean { return this.inner.ownsVoice?.(voiceId) ?? false; }

  synthesize(text: string, voice: string, opts: SynthesizeOptions = {}): Promise<SynthesisResult> {
    const parts: CacheKeyParts = {
      provider: this.inner.id, voice, rate: opts.rate ?? 1, text, language: opts.language ?? '', formatVersion: this.inner.formatVersion ?? '0',
    };
    const key = cacheKey(parts);
    const running = this.inflight.get(key);
    if (running) return running;
    const job = (async () => {
      const hit = await this.cache.get(key);
      if (hit) return hit;
      const result = await this.inner.synthesize(text, voice, opts);
      await this.cache.put(key, parts, result);
      return result;
    })().finally(() => this.inflight.delete(key));
    this.inflight.set(key, job);
    return job;
  }
}

/** Resolves a voice reference through the registry and synthesises through the cache. */
export async function synthesizeCached(
  registry: TtsRegistry,
  cache: AudioCache,
  voiceRef: string,
  text: string,
  opts: SynthesizeOptions = {},
): Promise<SynthesisResult & { provider: string; voiceId: string }> {
  const { provider, voiceId } = registry.resolveVoice(voiceRef, opts.language);
  const result = await new CachedTtsProvider(registry.get(provider), cache).synthesize(text, voiceId, opts);
  return { ...result, provider, voiceId };
}

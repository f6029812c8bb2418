import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AudioCache, CachedTtsProvider, cacheKey, synthesizeCached, writeAtomic } from '../../src/voice/cache.ts';
import { TtsRegistry } from '../../src/voice/registry.ts';
import { CountingProvider } from './fake-provider.ts';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'videogen-tts-cache-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe('AudioCache', () => {
  it('a hit returns identical PCM and words without calling the provider', async () => {
    const inner = new CountingProvider();
    const cached = new CachedTtsProvider(inner, new AudioCache(dir));
    const first = await cached.synthesize('Hello world', 'v1', { rate: 1, language: 'en' });
    // A fresh wrapper over the same directory: proves the hit comes from disk, not memory.
    const again = await new CachedTtsProvider(inner, new AudioCache(dir)).synthesize('Hello world', 'v1', { rate: 1, language: 'en' });
    expect(inner.calls).toHaveLength(1);
    expect(Array.from(again.pcm)).toEqual(Array.from(first.pcm));
    expect(again.sampleRate).toBe(24_000);
    expect(again.words).toEqual(first.words);
    expect((await allFiles(dir)).sort()).toEqual([`${cacheKey({ provider: 'fake', voice: 'v1', rate: 1, text: 'Hello world', language: 'en', formatVersion: '1' })}.json`, expect.stringMatching(/\.wav$/)].sort());
  });

  it('keys on every input', async () => {
    const inner = new CountingProvider();
    const cached = new CachedTtsProvider(inner, new AudioCache(dir));
    await cached.synthesize('a', 'v1');
    await cached.synthesize('a', 'v2');
    await cached.synthesize('a', 'v1', { rate: 1.2 });
    await cached.synthesize('a', 'v1', { language: 'de' });
    await cached.synthesize('b', 'v1');
    await cached.synthesize('a', 'v1');
    expect(inner.calls).toHaveLength(5);
    const base = { provider: 'p', voice: 'v', rate: 1, text: 't', language: 'en', formatVersion: '1' };
    expect(cacheKey(base)).not.toBe(cacheKey({ ...base, formatVersion: '2' }));
    expect(cacheKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shares one synthesis between concurrent identical requests', async () => {
    const inner = new CountingProvider();
    const cached = new CachedTtsProvider(inner, new AudioCache(dir));
    await Promise.all([cached.synthesize('same', 'v1'), cached.synthesize('same', 'v1'), cached.synthesize('same', 'v1')]);
    expect(inner.calls).toHaveLength(1);
  });

  it('a failed write leaves no partial or temp file, and the entry stays a miss', async () => {
    const path = join(dir, 'target.wav');
    // Writing into a path whose parent is a file fails midway through writeAtomic.
    await writeFile(join(dir, 'blocker'), 'x');
    await expect(writeAtomic(join(dir, 'blocker', 'x.wav'), new Uint8Array(10))).rejects.toThrow();
    // Here the temp file is fully written but the rename fails (target is a directory): the temp file is removed.
    await mkdir(join(dir, 'occupied'));
    await expect(writeAtomic(join(dir, 'occupied'), new Uint8Array(1000))).rejects.toThrow();
    await writeAtomic(path, new Uint8Array([1, 2, 3]));
    expect((await allFiles(dir)).sort()).toEqual(['blocker', 'target.wav']);
    expect(new Uint8Array(await readFile(path))).toEqual(new Uint8Array([1, 2, 3]));

    // A torn entry (WAV present, sidecar missing or damaged) is a miss, not garbage audio.
    const inner = new CountingProvider();
    const cache = new AudioCache(dir);
    const cached = new CachedTtsProvider(inner, cache);
    await cached.synthesize('torn', 'v1');
    const json = (await readdir(dir, { recursive: true })).find((f) => f.endsWith('.json'))!;
    await writeFile(join(dir, json), '{"version":1,"sampleRate":24000,"samp');
    await cached.synthesize('torn', 'v1');
    expect(inner.calls).toHaveLength(2);
    expect((await allFiles(dir)).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('synthesizeCached resolves through the registry', async () => {
    const inner = new CountingProvider('espeak');
    const registry = new TtsRegistry().register(inner);
    const a = await synthesizeCached(registry, new AudioCache(dir), 'female', 'Hi', { language: 'de' });
    const b = await synthesizeCached(registry, new AudioCache(dir), 'female', 'Hi', { language: 'de' });
    expect(a.voiceId).toBe('espeak-female-de');
    expect(b.provider).toBe('espeak');
    expect(inner.calls).toHaveLength(1);
  });
});

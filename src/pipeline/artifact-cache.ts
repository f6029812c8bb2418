import { createHash } from 'node:crypto';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/files.ts';
import type { ArtifactStore } from './artifact-store.ts';

/**
 * Bump when segment files change shape; changes to the drawing code itself are covered by rendererFingerprint()
 * (renderer-fingerprint.ts), which every segment key includes.
 */
export const RENDER_VERSION = 'r2';

/** Stable JSON: object keys sorted, so equal content always hashes equally. */
function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}

/**
 * Content-addressed files: the name is the hash of everything that determines the content, so a hit is always
 * right and nothing is ever invalidated by hand. Writers publish with temp + rename, so a crash leaves no entry.
 */
export class ArtifactCache implements ArtifactStore {
  constructor(readonly dir: string) {}

  async pathFor(kind: string, key: string, ext: string): Promise<string> {
    const shard = join(this.dir, kind, key.slice(0, 2));
    await mkdir(shard, { recursive: true });
    return join(shard, `${key}.${ext}`);
  }

  async has(path: string): Promise<boolean> {
    try {
      await access(path);
      return true;
    } catch {
      return false;
    }
  }

  async putJson(kind: string, key: string, value: unknown): Promise<void> {
    await writeFileAtomic(await this.pathFor(kind, key, 'json'), JSON.stringify(value));
  }

  async getJson<T>(kind: string, key: string): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(await this.pathFor(kind, key, 'json'), 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/files.ts';
import { termsFor } from './protect.ts';
import type { Glossary } from './types.ts';

/** Bump when the protection rules change what a protected text looks like for the same source. */
const CACHE_VERSION = 't1';

/** What part of a glossary changes a translation to `to`: its pinned terms for `to` and its keep list. */
export function glossaryDigest(glossary: Glossary | undefined, to: string): string {
  const terms = Object.entries(termsFor(glossary, to)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const keep = [...(glossary?.keep ?? [])].sort();
  return createHash('sha256').update(JSON.stringify([terms, keep])).digest('hex').slice(0, 16);
}

export interface CacheScope {
  cacheId: string;
  from: string;
  to: string;
  glossaryDigest: string;
}

/**
 * Translations of protected texts (placeholders in, placeholders out), one small JSON file each under
 * `<dir>/<key[0..2]>/<key>.json`: the key hashes everything that determines the answer, so a hit is always right and
 * nothing is invalidated by hand. Writes are atomic, so concurrent renders never read half a file.
 */
export class TranslationCache {
  constructor(readonly dir: string) {}

  private pathFor(scope: CacheScope, text: string): string {
    const key = createHash('sha256').update(JSON.stringify([CACHE_VERSION, scope.cacheId, scope.from, scope.to, scope.glossaryDigest, text])).digest('hex');
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(scope: CacheScope, text: string): Promise<string | undefined> {
    let raw: string;
    try {
      raw = await readFile(this.pathFor(scope, text), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const entry = JSON.parse(raw) as { source?: unknown; translation?: unknown };
      // The source is stored too, so a (theoretical) hash collision is a miss rather than a wrong translation.
      return entry.source === text && typeof entry.translation === 'string' ? entry.translation : undefined;
    } catch {
      return undefined;
    }
  }

  async set(scope: CacheScope, text: string, translation: string): Promise<void> {
    const entry = { provider: scope.cacheId, from: scope.from, to: scope.to, source: text, translation };
    await writeFileAtomic(this.pathFor(scope, text), `${JSON.stringify(entry)}\n`);
  }
}

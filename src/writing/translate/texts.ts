import { VideogenError } from '../../errors.ts';
import { safeToShow } from '../../spec/safe-text.ts';
import { TranslationCache, glossaryDigest, type CacheScope } from './cache.ts';
import { nothingToTranslate, protectText, restoreText, termsFor, type ProtectedText } from './protect.ts';
import type { Glossary, Translator } from './types.ts';

export interface TranslateTextsOptions {
  translator: Translator;
  from: string;
  to: string;
  glossary?: Glossary;
  /** Directory of the translation cache (config.cacheDir + '/translations'); absent: no cache. */
  cacheDir?: string;
  signal?: AbortSignal;
}

/** One provider call carries at most this much, so a long spec never becomes one giant request (DeepL: 50 texts). */
export const BATCH_LIMITS = { texts: 50, chars: 20_000 } as const;

interface Pending {
  /** Index into the caller's texts, for every text with this protected form (duplicates are asked once). */
  indexes: number[];
  prepared: ProtectedText;
}

/** Leading and trailing whitespace never goes to a provider (they trim or move it); it is put back verbatim. */
function splitEdges(text: string): { lead: string; core: string; trail: string } {
  const lead = /^\s*/u.exec(text)![0];
  const core = text.slice(lead.length).trimEnd();
  return { lead, core, trail: text.slice(lead.length + core.length) };
}

function batches(items: readonly Pending[], maxChars: number): Pending[][] {
  const out: Pending[][] = [];
  let current: Pending[] = [];
  let chars = 0;
  for (const item of items) {
    const size = item.prepared.text.length;
    if (current.length && (current.length >= BATCH_LIMITS.texts || chars + size > maxChars)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(item);
    chars += size;
  }
  if (current.length) out.push(current);
  return out;
}

/** Why a provider's answer for one text cannot be used, or undefined when it can. */
function fault(prepared: ProtectedText, translated: unknown): string | undefined {
  if (typeof translated !== 'string') return 'the provider returned no text';
  if (!translated.trim()) return 'the provider returned an empty translation';
  const restored = restoreText(translated, prepared.spans);
  const lost = [...restored.missing, ...restored.duplicated, ...restored.unknown];
  if (!lost.length) return undefined;
  const parts = [
    restored.missing.length ? `lost ${restored.missing.map((n) => JSON.stringify(prepared.spans[n])).join(', ')}` : '',
    restored.duplicated.length ? `repeated ${restored.duplicated.map((n) => JSON.stringify(prepared.spans[n])).join(', ')}` : '',
    restored.unknown.length ? `invented placeholders ${restored.unknown.map((n) => `⟦${n}⟧`).join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}

/**
 * Translates texts the safe way: code spans, commands, identifiers, URLs, numbers and glossary terms are replaced by
 * placeholders before the provider sees them and restored after (glossary terms as their pinned translation); cached
 * per (provider, source text, target, glossary); empty texts pass through; a reply that lost a placeholder is asked
 * again one text at a time, then TRANSLATION_FAILED. Same length and order as `texts`.
 */
export async function translateTexts(texts: readonly string[], opts: TranslateTextsOptions): Promise<string[]> {
  const { translator, from, to, glossary, signal } = opts;
  const results: string[] = [...texts];
  const edges = texts.map(splitEdges);
  const cache = opts.cacheDir ? new TranslationCache(opts.cacheDir) : undefined;
  const scope: CacheScope = { cacheId: translator.cacheId, from, to, glossaryDigest: glossaryDigest(glossary, to) };

  // Protected translation per protected source text, from the cache or the provider.
  const translated = new Map<string, string>();
  const pending = new Map<string, Pending>();
  const prepared = edges.map((e) => (e.core ? protectText(e.core, { glossary, to }) : undefined));
  for (const [i, p] of prepared.entries()) {
    if (!p) continue;
    if (nothingToTranslate(p.text)) {
      translated.set(p.text, p.text);
      continue;
    }
    const seen = pending.get(p.text);
    if (seen) seen.indexes.push(i);
    else pending.set(p.text, { indexes: [i], prepared: p });
  }
  if (cache) {
    for (const [key, item] of pending) {
      const hit = await cache.get(scope, item.prepared.text);
      if (hit !== undefined && !fault(item.prepared, hit)) {
        translated.set(key, hit);
        pending.delete(key);
      }
    }
  }

  const pinned = termsFor(glossary, to);
  const ask = async (items: readonly Pending[]): Promise<string[]> => {
    signal?.throwIfAborted();
    const out = await translator.translate({ texts: items.map((p) => p.prepared.text), from, to, ...(Object.keys(pinned).length ? { glossary: pinned } : {}), ...(signal ? { signal } : {}) });
    if (!Array.isArray(out) || out.length !== items.length) throw new VideogenError('TRANSLATION_FAILED', `${translator.label} returned ${Array.isArray(out) ? out.length : 'no'} translations for ${items.length} texts`, { provider: translator.id, from, to });
    return out;
  };
  const accept = async (item: Pending, text: string) => {
    translated.set(item.prepared.text, text);
    await cache?.set(scope, item.prepared.text, text);
  };

  for (const batch of batches([...pending.values()], Math.min(BATCH_LIMITS.chars, translator.maxBatchChars ?? Infinity))) {
    const answers = await ask(batch);
    const retry: Pending[] = [];
    for (const [k, item] of batch.entries()) {
      if (fault(item.prepared, answers[k])) retry.push(item);
      else await accept(item, answers[k]!);
    }
    // Alone, a text cannot be confused with its neighbours, and a model has one thing to get right.
    for (const item of retry) {
      const [answer] = await ask([item]);
      const problem = fault(item.prepared, answer);
      if (problem) {
        const original = texts[item.indexes[0]!]!;
        throw new VideogenError('TRANSLATION_FAILED', `${translator.label} did not keep the protected code, names or numbers of "${safeToShow(original, 120)}" (${from}→${to}): ${problem}`, { text: original, provider: translator.id, from, to, reply: answer });
      }
      await accept(item, answer!);
    }
  }

  for (const [i, p] of prepared.entries()) {
    if (!p) continue;
    const { lead, trail } = edges[i]!;
    results[i] = lead + restoreText(translated.get(p.text)!, p.spans).text + trail;
  }
  return results;
}

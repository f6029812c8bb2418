import { join } from 'node:path';
import type { VideogenConfig } from '../config.ts';
import type { LlmProvider } from '../writing/llm/types.ts';
import { StockSearchError } from './api-provider.ts';
import { extensionFor, fileExists } from './download.ts';
import { chunkKeywords, chunkNarration, extractKeywords } from './keywords.ts';
import { llmSearchTerms } from './llm-terms.ts';
import { createMediaRegistry } from './registry.ts';
import { orientationOf, upscaleToCover } from './renditions.ts';
import { stockCancelled } from './stock-http.ts';
import type { MediaCandidate, MediaKind, MediaProvider, StockPick, StockRequest } from './types.ts';

export interface StockOptions {
  config: VideogenConfig;
  /** Output frame: orientation and the smallest useful file size. */
  frame: { width: number; height: number };
  language: string;
  /** Local library (`--media <dir>` / VIDEOGEN_MEDIA_DIR); wins over config.media.dir. */
  mediaDir?: string;
  llm?: LlmProvider;
  signal?: AbortSignal;
  /** Providers to ask instead of the registry built from config (tests, custom set-ups). */
  providers?: readonly MediaProvider[];
}

/** One clip per chunk of narration, with the search terms to try in order. */
interface Slot {
  request: StockRequest;
  sentence: number;
  /** Seconds the clip is on screen: clips at least this long are not looped. */
  seconds: number;
  text: string;
  terms: string[];
  /** Terms the language model wrote, always in English whatever the narration's language. */
  english?: Set<string>;
}

const PROVIDER_LABELS: Record<string, string> = { pexels: 'Pexels', pixabay: 'Pixabay', local: 'local library' };

/**
 * Chooses stock footage or pictures for each request, in narration order, never the same clip twice in one video.
 * For every chunk of about 4–6 s of speech it tries each search term at each provider (Pexels, Pixabay, the local
 * library), videos before pictures; when nothing is found the pick has no file and the renderer draws its gradient.
 * Network trouble never fails the render: it becomes a warning naming what went wrong.
 */
export async function chooseStock(requests: readonly StockRequest[], opts: StockOptions): Promise<{ picks: StockPick[]; warnings: string[] }> {
  const warnings: string[] = [];
  const providers = opts.providers ?? createMediaRegistry(opts.config, opts.mediaDir);
  const slots = planSlots(requests, opts.language);
  // Nothing to search: one warning for the whole video, not one per clip.
  if (!providers.length) {
    const picks = slots.map((slot): StockPick => ({ scene: slot.request.scene, sentence: slot.sentence, terms: slot.terms[0] ?? '' }));
    if (picks.length) warnings.push(`no footage source configured (set PEXELS_API_KEY, PIXABAY_API_KEY or --media <dir>): ${picks.length === 1 ? 'the clip is' : `all ${picks.length} clips are`} drawn as gradients`);
    return { picks, warnings };
  }
  await addModelTerms(slots, opts, warnings);

  // Pass 1 chooses a clip for every chunk in narration order (searches only, so the never-twice rule sees the
  // choices in order); pass 2 downloads them a few at a time; a chunk whose download failed chooses again.
  const used = new Set<string>();
  const chosen: (Found | undefined)[] = [];
  const reserve: Fetcher = async (provider, candidate) => provider.fileFor?.(candidate) ?? destFor(candidate, opts);
  for (const slot of slots) {
    if (opts.signal?.aborted) throw stockCancelled(opts.signal);
    chosen.push(await findClip(slot, providers, used, opts, warnings, reserve));
  }
  const downloaded = await mapLimit(chosen, DOWNLOADS_AT_ONCE, async (found) => !found || (await fetchFile(found.provider, found.candidate, opts, warnings)) !== undefined);
  for (const [i, ok] of downloaded.entries()) {
    if (ok) continue;
    chosen[i] = await findClip(slots[i]!, providers, used, opts, warnings, (provider, candidate) => fetchFile(provider, candidate, opts, warnings));
  }

  const picks = slots.map((slot, i): StockPick => {
    const found = chosen[i];
    const base = { scene: slot.request.scene, sentence: slot.sentence, terms: found?.term ?? slot.terms[0] ?? '' };
    return found ? { ...base, file: found.file, kind: found.candidate.kind, credit: { kind: found.candidate.kind, ...found.candidate.credit } } : base;
  });
  return { picks, warnings: collapseRepeats(warnings) };
}

/** The same warning for several clips is said once, with how many times it happened. */
function collapseRepeats(warnings: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const w of warnings) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts].map(([w, n]) => (n > 1 ? `${w} (${n} clips)` : w));
}

/** Parallel downloads: enough to hide one slow CDN response, few enough not to look like a scraper. */
const DOWNLOADS_AT_ONCE = 3;

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function planSlots(requests: readonly StockRequest[], language: string): Slot[] {
  const slots: Slot[] = [];
  for (const request of requests) {
    if (request.terms !== undefined || !request.sentences.length) {
      // `background: { stock }`: the spec's own terms first, then the phrases inside them, one clip for the scene.
      const own = request.terms?.trim() ?? '';
      const inner = own ? extractKeywords(own, language) : [];
      const seconds = request.seconds.reduce((a, b) => a + b, 0);
      slots.push({ request, sentence: 0, seconds, text: own || request.sentences.join(' '), terms: unique([own, ...inner, ...chunkKeywords(request.sentences, language)]) });
      continue;
    }
    const sceneTerms = chunkKeywords(request.sentences, language, 6);
    for (const chunk of chunkNarration(request.sentences, request.seconds)) {
      const own = chunkKeywords(request.sentences.slice(chunk.start, chunk.end), language);
      // A chunk with nothing filmable ("Follow for more!") borrows its scene's subjects: another clip on the same
      // theme reads better than a gradient between two clips.
      slots.push({ request, sentence: chunk.start, seconds: chunk.seconds, text: chunk.text, terms: own.length ? own : sceneTerms });
    }
  }
  // Still nothing (a scene of pure filler): the video's subjects overall.
  const videoTerms = unique(slots.flatMap((s) => s.terms.slice(0, 1)));
  for (const slot of slots) if (!slot.terms.length) slot.terms = videoTerms;
  return slots;
}

/** With a language model, its terms go first; the offline ones stay behind them as fallbacks. */
async function addModelTerms(slots: Slot[], opts: StockOptions, warnings: string[]): Promise<void> {
  const narrated = slots.filter((s) => s.request.terms === undefined);
  if (!opts.llm || !narrated.length) return;
  try {
    const terms = await llmSearchTerms(opts.llm, narrated, opts.signal);
    narrated.forEach((slot, i) => {
      slot.english = new Set(terms[i] ?? []);
      slot.terms = unique([...(terms[i] ?? []), ...slot.terms]);
    });
  } catch (error) {
    if (opts.signal?.aborted) throw stockCancelled(opts.signal);
    warnings.push(`the language model gave no footage search terms (${(error as Error).message}); using keywords from the narration`);
  }
}

interface Found {
  provider: MediaProvider;
  candidate: MediaCandidate;
  file: string;
  term: string;
}

/** Gets a candidate's file (or, in the choosing pass, only names where it will be); undefined when it failed. */
type Fetcher = (provider: MediaProvider, candidate: MediaCandidate) => Promise<string | undefined>;

/** next term → next provider → (the local library is the last provider) → nothing; videos first, then pictures. */
async function findClip(slot: Slot, providers: readonly MediaProvider[], used: Set<string>, opts: StockOptions, warnings: string[], fetch: Fetcher): Promise<Found | undefined> {
  const outcome = new Map<string, string>();
  if (!slot.terms.length) {
    warnings.push(`no footage for scene ${slot.request.scene + 1}, sentence ${slot.sentence + 1}: no searchable words in "${clip(slot.text)}"; drawing a gradient`);
    return undefined;
  }
  const failed = new Set<string>();
  for (const kind of ['video', 'image'] as const) {
    for (const provider of providers) {
      if (failed.has(provider.id)) continue;
      for (const term of slot.terms) {
        if (opts.signal?.aborted) throw stockCancelled(opts.signal);
        if (!provider.available()) break;
        const candidates = await searchOnce(provider, term, kind, slot, opts, outcome, warnings);
        // A provider that failed (5xx, dropped connection, rate limit) is not asked again for this clip.
        if (candidates === undefined) {
          failed.add(provider.id);
          break;
        }
        for (const candidate of rank(candidates, slot, opts.frame)) {
          const key = `${candidate.provider}:${candidate.id}`;
          if (used.has(key)) continue;
          // Taken even when its download fails, so the next choice is a different clip.
          used.add(key);
          const file = await fetch(provider, candidate);
          if (!file) continue;
          return { provider, candidate, file, term };
        }
        if (!outcome.has(provider.id)) outcome.set(provider.id, 'no match');
      }
    }
  }
  const tried = providers.length ? providers.map((p) => `${PROVIDER_LABELS[p.id] ?? p.id} ${outcome.get(p.id) ?? 'off'}`).join(', ') : 'no footage source configured (set PEXELS_API_KEY, PIXABAY_API_KEY or --media <dir>)';
  warnings.push(`no footage for '${slot.terms[0]}': ${tried}; drawing a gradient`);
  return undefined;
}

async function searchOnce(provider: MediaProvider, term: string, kind: MediaKind, slot: Slot, opts: StockOptions, outcome: Map<string, string>, warnings: string[]): Promise<MediaCandidate[] | undefined> {
  try {
    return await provider.search({
      terms: term,
      language: slot.english?.has(term) ? 'en' : opts.language,
      kind,
      orientation: orientationOf(opts.frame),
      width: opts.frame.width,
      height: opts.frame.height,
      ...(slot.seconds > 0 ? { minDuration: slot.seconds } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch (error) {
    if (opts.signal?.aborted) throw stockCancelled(opts.signal);
    if (error instanceof StockSearchError) {
      // A rejected key switches the provider off for the run: say so once, with the variable to fix.
      if (error.reason === 'auth' && !outcome.has(`${provider.id}:auth`)) {
        outcome.set(`${provider.id}:auth`, '');
        warnings.push(error.message);
      }
      outcome.set(provider.id, error.summary.replace(/^\S+ /, ''));
      return undefined;
    }
    outcome.set(provider.id, `failed (${(error as Error).message})`);
    return undefined;
  }
}

/**
 * Best first: the frame's orientation, long enough not to loop, and least enlargement. Providers already rank by
 * relevance, so the sort is stable and only these qualities reorder.
 */
function rank(candidates: readonly MediaCandidate[], slot: Slot, frame: { width: number; height: number }): MediaCandidate[] {
  const want = orientationOf(frame);
  const penalty = (c: MediaCandidate) => {
    const known = c.width > 0 && c.height > 0;
    let p = 0;
    if (known && orientationOf(c) !== want) p += 4;
    if (c.kind === 'video' && c.duration !== undefined && c.duration < slot.seconds) p += 2;
    if (known && upscaleToCover(c, frame) > 1.5) p += 1;
    return p;
  };
  return candidates.map((c, i) => ({ c, i, p: penalty(c) })).sort((a, b) => a.p - b.p || a.i - b.i).map((x) => x.c);
}

async function fetchFile(provider: MediaProvider, candidate: MediaCandidate, opts: StockOptions, warnings: string[]): Promise<string | undefined> {
  const inPlace = provider.fileFor?.(candidate);
  if (inPlace) return inPlace;
  const dest = destFor(candidate, opts);
  if (await fileExists(dest)) return dest;
  try {
    await provider.download(candidate, dest, opts.signal);
    return dest;
  } catch (error) {
    if (opts.signal?.aborted) throw stockCancelled(opts.signal);
    warnings.push(`could not download ${PROVIDER_LABELS[candidate.provider] ?? candidate.provider} ${candidate.kind} ${candidate.id}: ${(error as Error).message}; trying the next one`);
    return undefined;
  }
}

/** cacheDir/media/stock/<provider>-<id>.<ext>: one file per asset, shared by every video that uses it. */
function destFor(candidate: MediaCandidate, opts: StockOptions): string {
  const safeId = candidate.id.replace(/[^A-Za-z0-9_-]+/g, '_');
  return join(opts.config.cacheDir, 'media', 'stock', `${candidate.provider}-${safeId}.${extensionFor(candidate.url, candidate.kind)}`);
}

function unique(terms: readonly string[]): string[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = t.trim().toLowerCase();
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

import { energyEnvelope, GAP_FREE_MS, type Envelope } from './envelope.ts';
import { wordWeight } from './word-weight.ts';

/** One word of a clip, in samples from the clip's first sample. */
export interface AlignedWord {
  text: string;
  start: number;
  end: number;
}

export interface AlignOptions {
  /** Expected relative spoken length of each word (default: from its letters, see `wordWeight`). */
  weights?: readonly number[];
  /** Envelope frame, ms. 10 ms resolves a syllable onset without following every pitch period. */
  frameMs?: number;
  /** Overrides of `ALIGN_COSTS`, for tuning (bench/align.ts). */
  costs?: Partial<AlignCosts>;
}

/**
 * Costs of the boundary search, tuned on the bench corpus (bench/align.ts, a grid over these three). Duration: squared
 * log ratio of a word's voiced frames to its expected share. Valley: how loud the frame is where a word starts (0 in
 * silence, 1 at the loudest), less a bonus when the energy climbs right after it (an onset). Gap: per frame of a pause
 * longer than `GAP_FREE_MS` (envelope.ts) inside one word — stop closures last ~50 ms, pauses between words longer.
 */
export interface AlignCosts {
  duration: number;
  valley: number;
  gap: number;
  /** A word after punctuation that does not start after a pause (voices pause at commas and full stops). */
  pause: number;
  /** Expected-length multiplier of a word before punctuation (speakers stretch the last word of a phrase). */
  phraseFinal: number;
}

/** Weight of the rise over the next 30 ms in the valley cost. */
const ONSET_BONUS = 0.5;
export const ALIGN_COSTS: AlignCosts = { duration: 3, valley: 1, gap: 0.4, pause: 2, phraseFinal: 1.4 };
/** A word ending in one of these closes a phrase. */
const PHRASE_END = /[,.;:!?…，。！？；：、]["'”’)]*$/u;

/**
 * Word boundaries from the audio, for voices that report none (espeak-ng, OpenAI, sherpa-onnx): the known words are
 * laid over the clip's energy envelope by dynamic programming. Each word's voiced length should match its expected
 * share of the clip's speech (`weights`), and a word should begin in a quiet frame — a pause or the dip between two
 * syllables. Deterministic: the same clip and words always give the same boundaries. Words are returned in order,
 * non-overlapping, within the clip; a clip with no audible frame spreads the words evenly.
 */
export function alignWords(pcm: Int16Array, sampleRate: number, words: readonly string[], opts: AlignOptions = {}): AlignedWord[] {
  if (words.length === 0) return [];
  const env = energyEnvelope(pcm, sampleRate, opts.frameMs ?? 10);
  const weights = opts.weights && opts.weights.length === words.length ? opts.weights : words.map(wordWeight);
  const frames = env.loudness.length;
  const toSample = (f: number) => Math.min(pcm.length, Math.round(f * env.frameSamples));
  const costs = { ...ALIGN_COSTS, ...opts.costs };
  const phraseEnds = words.map((w) => PHRASE_END.test(w));
  const stretched = weights.map((w, i) => (phraseEnds[i] ? w * costs.phraseFinal : w));
  const starts = env.voicedTotal >= words.length ? searchBoundaries(env, stretched, phraseEnds, costs) : undefined;
  // Too little speech to give every word a frame of its own (a clip of noise, or a word list longer than the clip).
  if (!starts) return words.map((text, i) => ({ text, start: Math.round((i / words.length) * pcm.length), end: Math.round(((i + 1) / words.length) * pcm.length) }));
  return words.map((text, i) => {
    const from = starts[i]!;
    const to = i + 1 < words.length ? starts[i + 1]! : frames;
    const [first, last] = voicedSpan(env, from, to);
    return { text, start: toSample(first), end: toSample(last + 1) };
  });
}

/** First and last voiced frame in [from, to); the whole range when it has none. */
function voicedSpan(env: Envelope, from: number, to: number): [number, number] {
  let first = from;
  while (first < to - 1 && !env.voiced[first]) first++;
  let last = to - 1;
  while (last > first && !env.voiced[last]) last--;
  return [first, last];
}

/**
 * The frame each word starts on: word 0 on the first voiced frame, word i on the frame b that minimises the total
 * cost, found exactly by dynamic programming over (word, start frame). O(words × frames × span) with spans capped at
 * a few times the expected length.
 */
function searchBoundaries(env: Envelope, weights: readonly number[], phraseEnds: readonly boolean[], costs: AlignCosts): number[] | undefined {
  const n = weights.length;
  const frames = env.loudness.length;
  const total = weights.reduce((a, b) => a + b, 0) || n;
  const expected = weights.map((w) => Math.max(1, (w / total) * env.voicedTotal));
  const first = env.voiced.indexOf(1);
  const lastVoiced = env.voiced.lastIndexOf(1);
  const end = lastVoiced + 1;
  // cost[i][b]: best cost of words 0..i-1 when word i starts at frame b; from[i][b]: where word i-1 started.
  const cost = Array.from({ length: n + 1 }, () => new Float64Array(frames + 1).fill(Infinity));
  const from = Array.from({ length: n + 1 }, () => new Int32Array(frames + 1).fill(-1));
  cost[0]![first] = 0;
  for (let i = 0; i < n; i++) {
    const maxSpan = Math.ceil(expected[i]! * 4 + 40);
    const row = cost[i]!;
    for (let a = first; a < end; a++) {
      const base = row[a]!;
      if (base === Infinity) continue;
      // Later words each need at least one voiced frame, so word i cannot take the frames they need.
      const limit = i === n - 1 ? end : Math.min(end - (n - 1 - i), a + maxSpan);
      const bFrom = i === n - 1 ? end : a + 1;
      for (let b = bFrom; b <= limit; b++) {
        const voiced = env.voicedBefore[b]! - env.voicedBefore[a]!;
        if (voiced === 0) continue;
        const ratio = Math.log((voiced + 1) / (expected[i]! + 1));
        // Pauses strictly inside the word's voiced frames; one before or after it belongs between words.
        const inner = env.nextVoiced[a]!;
        const outer = env.previousVoiced[b - 1]!;
        const gaps = outer > inner ? env.gapExcessBefore[outer]! - env.gapExcessBefore[inner + 1]! : 0;
        const afterPause = env.silenceBefore[env.nextVoiced[b]!]! * env.frameMs >= GAP_FREE_MS;
        const boundary = i === n - 1 ? 0 : costs.valley * valley(env, b) + (phraseEnds[i] && !afterPause ? costs.pause : 0);
        const c = base + costs.duration * ratio * ratio + costs.gap * gaps + boundary;
        const target = i === n - 1 ? n : i + 1;
        if (c < cost[target]![b]!) {
          cost[target]![b] = c;
          from[target]![b] = a;
        }
      }
    }
  }
  if (cost[n]![end] === Infinity) return undefined;
  const starts = new Array<number>(n).fill(first);
  let b = end;
  for (let i = n; i > 0; i--) {
    const a = from[i]![b]!;
    if (a < 0) break;
    starts[i - 1] = a;
    b = a;
  }
  return starts;
}

/** 0 in silence, up to 1 at the loudest frame: how bad a place frame `b` is for a word to begin. */
function valley(env: Envelope, b: number): number {
  const l = env.loudness;
  if (b >= l.length) return 0;
  // A word onset is a quiet frame followed by a rise; the rise is rewarded so a boundary lands where the energy climbs.
  const rise = Math.max(0, (l[Math.min(l.length - 1, b + 3)]! - l[b]!));
  return l[b]! - ONSET_BONUS * rise;
}

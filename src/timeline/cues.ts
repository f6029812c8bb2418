import { CUE_GAP_FRAMES, MAX_CAPTION_CPS, MAX_CUE_SECONDS, MIN_CUE_SECONDS } from './constants.ts';
import { captionLength, cueChunks, formatCueText, isCjkText, twoLines } from './captions-split.ts';
import type { SentenceAudio, TimelinePlan } from './plan.ts';

export interface CaptionCue {
  index: number;
  scene: number;
  /** Seconds from the start of the video. */
  start: number;
  end: number;
  /** One or two lines joined with "\n". */
  text: string;
  /**
   * The voice's words inside this cue, in seconds from the start of the video, when the voice (or the aligner) gave
   * word boundaries. Soft tracks ignore them; word-by-word burned-in captions are built from them (word-cues.ts).
   */
  words?: TimedWord[];
}

export interface TimedWord {
  text: string;
  start: number;
  end: number;
}

/** A point in a scene's narration: a sentence and a sample offset from the start of that sentence's clip. */
export interface SpokenPoint {
  sentence: number;
  sample: number;
}

/** A cue before it is timed: its text (one line) and where its words are spoken. */
export interface CueDraft {
  scene: number;
  text: string;
  from: SpokenPoint;
  to: SpokenPoint;
  /** The voice's words spoken in this chunk: samples from the start of their sentence's clip. */
  words?: { sentence: number; text: string; start: number; end: number }[];
}

/**
 * SRT and WebVTT round times to milliseconds; these margins keep a cue that is exactly at a limit (17 characters a
 * second, 1 s, 2 frames) inside it after rounding.
 */
const ROUNDING_MARGIN = 0.004;

/**
 * Seconds kept free between two cues at `fps` (QUALITY: ≥ 2 frames). Never less than 2 frames at 30 fps, so a 60 fps
 * video's captions also pass `captions lint` at its default `--fps 30`.
 */
export function cueGapSeconds(fps: number): number {
  return CUE_GAP_FRAMES / Math.min(fps, 30) + ROUNDING_MARGIN;
}

/** Seconds a cue must stay on screen to be read: ≥ 1 s and ≤ 17 characters a second. */
export function readingSeconds(text: string): number {
  return Math.max(MIN_CUE_SECONDS + ROUNDING_MARGIN, captionLength(text) / MAX_CAPTION_CPS + ROUNDING_MARGIN);
}

const letters = (s: string) => (s.match(/[\p{L}\p{N}]/gu) ?? []).length;

/**
 * Where each chunk of one sentence is spoken: from the voice's word boundaries when it gave them, else in proportion
 * to length. Chunks are matched to words by counting letters and digits, so punctuation the voice does not report as
 * a word (a lone "—") and scripts without spaces still line up.
 */
function timeChunks(sentence: SentenceAudio, chunks: readonly string[]): [number, number][] {
  const words = sentence.words ?? [];
  const spokenLetters = words.reduce((n, w) => n + letters(w.text), 0);
  const textLetters = letters(chunks.join(''));
  // Providers that spell out numbers or drop symbols report other letters; then the words are not trusted.
  const useWords = words.length > 0 && Math.abs(spokenLetters - textLetters) <= Math.max(2, textLetters * 0.1);
  const totalChars = chunks.reduce((n, c) => n + captionLength(c), 0) || 1;
  let chars = 0;
  let before = 0;
  let word = 0;
  let cumulative = 0;
  const starts: number[] = [];
  const firstWords: number[] = [];
  chunks.forEach((chunk, i) => {
    if (useWords) {
      while (word < words.length && cumulative + letters(words[word]!.text) / 2 < before) cumulative += letters(words[word++]!.text);
      firstWords.push(word);
      starts.push(i === 0 ? 0 : (words[word]?.start ?? sentence.samples));
      before += letters(chunk);
    } else {
      starts.push(Math.round((chars / totalChars) * sentence.samples));
      chars += captionLength(chunk);
    }
  });
  return chunks.map((_, i) => {
    if (i === chunks.length - 1) return [starts[i]!, sentence.samples];
    if (useWords) return [starts[i]!, Math.max(starts[i]!, words[firstWords[i + 1]! - 1]?.end ?? starts[i + 1]!)];
    return [starts[i]!, starts[i + 1]!];
  });
}

/**
 * The cues of each scene before timing: every sentence cut into chunks at clause boundaries (≤ 2 lines each), then a
 * chunk whose words take under a second merges with a neighbour in the same scene when the two still fit two lines.
 * `pauseSamples` is the nominal silence between sentences, used only to judge how long a merged cue would last.
 */
export function draftCues(narration: readonly (readonly SentenceAudio[])[], sampleRate: number, pauseSamples: number): CueDraft[][] {
  return narration.map((sentences, scene) => {
    const drafts: CueDraft[] = [];
    sentences.forEach((sentence, index) => {
      const chunks = cueChunks(sentence.text);
      const timed = timeChunks(sentence, chunks);
      timed.forEach(([start, end], i) => {
        const words = wordsFrom(sentence, index, start, i + 1 < timed.length ? timed[i + 1]![0] : Infinity);
        drafts.push({ scene, text: chunks[i]!, from: { sentence: index, sample: start }, to: { sentence: index, sample: end }, ...(words ? { words } : {}) });
      });
    });
    return mergeShortDrafts(drafts, sentences, sampleRate, pauseSamples);
  });
}

/** The sentence's words that start in [from, to) samples, or undefined when the voice gave none. */
function wordsFrom(sentence: SentenceAudio, index: number, from: number, to: number): CueDraft['words'] {
  if (!sentence.words?.length) return undefined;
  return sentence.words.filter((w) => w.start >= from && w.start < to).map((w) => ({ sentence: index, ...w }));
}

function mergeShortDrafts(drafts: CueDraft[], sentences: readonly SentenceAudio[], sampleRate: number, pauseSamples: number): CueDraft[] {
  const clipStart: number[] = [];
  let at = 0;
  for (const s of sentences) {
    clipStart.push(at);
    at += s.samples + pauseSamples;
  }
  const seconds = (p: SpokenPoint) => (clipStart[p.sentence]! + p.sample) / sampleRate;
  const spoken = (d: CueDraft) => seconds(d.to) - seconds(d.from);
  const joined = (a: CueDraft, b: CueDraft): CueDraft | undefined => {
    // CJK is written without spaces between sentences; everything else gets one.
    const text = isCjkText(a.text) && isCjkText(b.text) ? `${a.text}${b.text}` : `${a.text} ${b.text}`;
    // Same script only (a Latin line beside a CJK one reads badly), and short enough to stay one readable cue.
    if (isCjkText(a.text) !== isCjkText(b.text) || seconds(b.to) - seconds(a.from) > MAX_CUE_SECONDS - 2) return undefined;
    if (!twoLines(text)) return undefined;
    const words = a.words || b.words ? [...(a.words ?? []), ...(b.words ?? [])] : undefined;
    return { scene: a.scene, text, from: a.from, to: b.to, ...(words ? { words } : {}) };
  };
  const out = [...drafts];
  for (let i = 0; i < out.length; ) {
    if (spoken(out[i]!) >= MIN_CUE_SECONDS) {
      i++;
      continue;
    }
    const withNext = out[i + 1] && joined(out[i]!, out[i + 1]!);
    const withPrevious = !withNext && out[i - 1] ? joined(out[i - 1]!, out[i]!) : undefined;
    if (withNext) out.splice(i, 2, withNext);
    else if (withPrevious) out.splice(--i, 2, withPrevious);
    else i++;
  }
  return out;
}

/** Cues tied together because one of them spans a sentence boundary; blocks are what the planner makes room for. */
export interface CueBlock {
  firstSentence: number;
  lastSentence: number;
  drafts: CueDraft[];
  /** Seconds the block's cues need on screen, with the gaps between them (not the gap after the last). */
  readingSeconds: number;
}

export function cueBlocks(drafts: readonly CueDraft[], fps: number): CueBlock[] {
  const blocks: CueBlock[] = [];
  for (const draft of drafts) {
    const last = blocks.at(-1);
    if (last && draft.from.sentence <= last.lastSentence) {
      last.drafts.push(draft);
      last.lastSentence = Math.max(last.lastSentence, draft.to.sentence);
    } else blocks.push({ firstSentence: draft.from.sentence, lastSentence: draft.to.sentence, drafts: [draft], readingSeconds: 0 });
  }
  for (const block of blocks) block.readingSeconds = block.drafts.reduce((n, d) => n + readingSeconds(d.text), 0) + (block.drafts.length - 1) * cueGapSeconds(fps);
  return blocks;
}

/**
 * Times the drafted cues on the planned timeline. A block's first cue starts exactly when its first clip starts; the
 * others start when their words are spoken unless the cue before still needs reading time (then later), or the block
 * would not fit before the next block (then earlier). The last cue of a block stays until its words end and it has
 * been on screen long enough to read, which may reach into the pause after the sentence; the planner made that pause
 * long enough (planTimeline), so every cue is ≤ 17 characters a second, 1–7 s, and ≥ 2 frames before the next.
 */
export function planCues(plan: Omit<TimelinePlan, 'cues'>, drafted: readonly (readonly CueDraft[])[]): CaptionCue[] {
  const gap = cueGapSeconds(plan.fps);
  const clipAt = new Map(plan.clips.map((c) => [`${c.scene}:${c.sentence}`, c.offset]));
  const time = (scene: number, p: SpokenPoint) => ((clipAt.get(`${scene}:${p.sentence}`) ?? 0) + p.sample) / plan.sampleRate;
  const blocks = drafted.flatMap((drafts) => cueBlocks(drafts, plan.fps));
  const videoEnd = plan.totalFrames / plan.fps;
  const cues: CaptionCue[] = [];
  blocks.forEach((block, b) => {
    const next = blocks[b + 1];
    const windowEnd = next ? time(next.drafts[0]!.scene, next.drafts[0]!.from) - gap : videoEnd;
    const drafts = block.drafts;
    const scene = drafts[0]!.scene;
    const natural = drafts.map((d) => time(scene, d.from));
    const need = drafts.map((d) => readingSeconds(d.text));
    const starts = [natural[0]!];
    for (let i = 1; i < drafts.length; i++) starts[i] = Math.max(natural[i]!, starts[i - 1]! + need[i - 1]! + gap);
    // The latest start that still leaves every later cue its reading time before the window ends.
    let latest = windowEnd;
    for (let i = drafts.length - 1; i >= 1; i--) {
      latest -= need[i]!;
      starts[i] = Math.min(starts[i]!, latest);
      latest -= gap;
    }
    // Only when the planner could not make room (it always does) would this order-keeping pass change anything.
    for (let i = 1; i < drafts.length; i++) starts[i] = Math.max(starts[i]!, starts[i - 1]! + need[i - 1]! + gap);
    drafts.forEach((draft, i) => {
      const start = starts[i]!;
      const spokenEnd = time(scene, draft.to);
      const end = i < drafts.length - 1 ? starts[i + 1]! - gap : Math.min(windowEnd, Math.max(spokenEnd, start + need[i]!));
      const words = draft.words?.map((w) => ({ text: w.text, start: time(scene, { sentence: w.sentence, sample: w.start }), end: time(scene, { sentence: w.sentence, sample: w.end }) }));
      cues.push({ index: cues.length + 1, scene, start, end: Math.min(end, start + MAX_CUE_SECONDS - ROUNDING_MARGIN), text: formatCueText(draft.text), ...(words?.length ? { words } : {}) });
    });
  });
  return cues;
}

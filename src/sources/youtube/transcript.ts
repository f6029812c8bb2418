import { asSentence, cleanSpokenText } from '../../writing/summarise.ts';
import { splitSentences } from '../../writing/sentences.ts';

/** One timed line of a transcript, in seconds from the start of the video. */
export interface TranscriptCue {
  start: number;
  end: number;
  text: string;
}

/** A cleaned sentence with the time span of the cues it came from. */
export interface TimedSentence {
  text: string;
  start: number;
  end: number;
}

/** Metadata that makes a better title and attribution when the source knows it. */
export interface TranscriptMeta {
  /** Spec id, e.g. "youtube-dQw4w9WgXcQ". */
  id: string;
  title?: string;
  author?: string;
  /** Where it came from, for scene `source.document`. */
  document: string;
  /** The title a local file's name gives ("sintel_en.srt" → "Sintel"), used when the speaker names no topic. */
  fileTitle?: string;
  /** Link for the outro, when there is one. */
  url?: string;
  language: string;
}

/** Auto-generated captions often have no punctuation: a "sentence" longer than this is cut at cue pauses. */
const RUN_ON_WORDS = 45;

/**
 * Rebuilds sentences from cues (which break mid-sentence) and keeps each sentence's time span. The text of all cues is
 * joined with character offsets, split into sentences, and each sentence is mapped back to the cues it overlaps.
 */
export function timedSentences(cues: readonly TranscriptCue[], language = 'en'): TimedSentence[] {
  const parts: { from: number; to: number; cue: TranscriptCue }[] = [];
  let joined = '';
  for (const cue of cues) {
    const clean = cleanSpokenText(cue.text);
    if (!clean) continue;
    if (joined) joined += ' ';
    parts.push({ from: joined.length, to: joined.length + clean.length, cue });
    joined += clean;
  }
  // Removing a leading filler ("Um, if you…") leaves a lower-case sentence start; same length, so offsets hold.
  joined = joined.replace(/([.!?]\s+)(\p{Ll})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());
  const out: TimedSentence[] = [];
  let cursor = 0;
  for (const raw of splitSentences(joined, language)) {
    const at = joined.indexOf(raw, cursor);
    const from = at >= 0 ? at : cursor;
    const to = from + raw.length;
    cursor = to;
    const covering = parts.filter((p) => p.to > from && p.from < to);
    if (!covering.length) continue;
    if (raw.split(/\s+/).length > RUN_ON_WORDS && covering.length > 1) {
      out.push(...splitRunOn(covering.map((p) => p.cue)));
      continue;
    }
    const text = asSentence(cleanSpokenText(raw));
    if (text) out.push({ text, start: covering[0]!.cue.start, end: covering.at(-1)!.cue.end });
  }
  return out;
}

/** Groups unpunctuated cues into sentence-sized runs, breaking at the longest pauses. */
function splitRunOn(cues: readonly TranscriptCue[]): TimedSentence[] {
  const out: TimedSentence[] = [];
  let group: TranscriptCue[] = [];
  const flush = () => {
    const text = asSentence(cleanSpokenText(group.map((c) => c.text).join(' ')));
    if (text) out.push({ text, start: group[0]!.start, end: group.at(-1)!.end });
    group = [];
  };
  cues.forEach((cue, i) => {
    group.push(cue);
    const next = cues[i + 1];
    const words = group.map((c) => c.text).join(' ').split(/\s+/).length;
    if (!next || (next.start - cue.end > 0.6 && words >= 8) || words >= 30) flush();
  });
  return out;
}

import type { Scene } from '../../spec/index.ts';
import { validateSpec } from '../../spec/index.ts';
import { VideogenError } from '../../errors.ts';
import { termFrequencies } from '../../writing/summarise.ts';
import type { SourceOptions, SourceResult } from '../types.ts';
import { condenseSentence, summariseSpeech } from './condense.ts';
import { keyPoints, strikingSentence, topicPhrase } from './key-points.ts';
import { narrateChunksWithLlm } from './narrate-llm.ts';
import { segmentTranscript, type Chunk } from './segment.ts';
import { chooseTitle } from './title.ts';
import { timedSentences, type TranscriptCue, type TranscriptMeta } from './transcript.ts';

const WPM = 150;
/** Default length of a transcript's summary video (the issue's budget for a document). */
const TRANSCRIPT_BUDGET_SECONDS = 180;

export function clock(seconds: number): string {
  const s = Math.floor(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

interface Options extends SourceOptions {
  /** Segment lengths, seconds (30–60 by default; the maximum grows so that a long talk makes at most 12 scenes). */
  minSeconds?: number;
  maxSeconds?: number;
}

export { titleFromFirstSentence } from './title.ts';

/**
 * A transcript becomes: a title scene, one scene per topic (segmentTranscript: lexical cohesion and pauses), each a
 * list of its key points under a heading from its own words, or a quote when one sentence stands out, and an outro.
 * Every scene cites its time range. Narration summarises each passage in condensed sentences (summariseSpeech), or is
 * the model's when `options.llm` is set.
 */
export async function transcriptToSpec(cues: readonly TranscriptCue[], meta: TranscriptMeta, options: Options = {}): Promise<SourceResult> {
  const warnings: string[] = [];
  const language = options.language ?? meta.language;
  const sentences = timedSentences(cues, language);
  if (!sentences.length) throw new VideogenError('SOURCE_UNREADABLE', `${meta.document} has no spoken text once sound tags and fillers are removed`, { document: meta.document });
  // The duration budget (SourceOptions.targetSeconds, 3 minutes by default) sets how many topics fit: ~20 s each.
  const target = options.targetSeconds ?? TRANSCRIPT_BUDGET_SECONDS;
  const chunks = segmentTranscript(sentences, { minSeconds: options.minSeconds ?? 30, maxSeconds: options.maxSeconds ?? 60, maxChunks: Math.min(12, Math.max(3, Math.round(target / 20))) });
  const allText = sentences.map((s) => s.text).join(' ');
  const background = termFrequencies(allText);
  const chosen = chooseTitle({ metaTitle: meta.title, fileTitle: meta.fileTitle, firstSentences: sentences.slice(0, 3).map((s) => s.text), fallback: () => topicPhrase(allText, new Map()) });
  const title = chosen.title;
  // Words of narration per topic scene: the budget's words less the title and outro (~30 words).
  const budget = Math.max(12, Math.round(((target * WPM) / 60 - 30) / chunks.length));

  const parts: { id: string; chunk: Chunk; scene: Scene }[] = [];
  const usedHeadings = new Set<string>([title.toLowerCase()]);
  let sinceQuote = 3;
  chunks.forEach((chunk, index) => {
    const texts = chunk.sentences.map((s) => s.text);
    const text = texts.join(' ');
    const narration = summariseSpeech(texts, { maxWords: budget, background }).join(' ') || asSpoken(texts);
    const source = { document: meta.document, start: round1(chunk.start), end: round1(chunk.end) };
    const quote = strikingSentence(texts);
    const id = `part-${index + 1}`;
    if (quote && sinceQuote >= 2) {
      sinceQuote = 0;
      const said = narration.includes(quote) || narration.includes(condenseSentence(quote) ?? quote);
      const spoken = said ? narration : `${narration} ${quote}`.trim();
      parts.push({ id, chunk, scene: { kind: 'quote', id, text: quote.replace(/[.]$/, ''), ...(meta.author ? { attribution: meta.author } : {}), narration: spoken, source, minDuration: 3 } as Scene });
      return;
    }
    sinceQuote++;
    // Announcements, greetings and asides make poor points on screen, as they do in narration.
    const items = keyPoints(texts.map(condenseSentence).filter((t): t is string => Boolean(t)), background, 4);
    const heading = topicPhrase(text, background, texts, usedHeadings) ?? `From ${clock(chunk.start)}`;
    usedHeadings.add(heading.toLowerCase());
    parts.push({
      id,
      chunk,
      scene: { kind: 'list', id, title: heading, description: `From ${clock(chunk.start)} to ${clock(chunk.end)}`, items: items.length ? items : [texts[0]!.replace(/[.]$/, '')], numbered: false, narration, source: { ...source, section: heading }, minDuration: 3 } as Scene,
    });
  });

  if (options.llm) {
    try {
      const written = await narrateChunksWithLlm(options.llm, parts, { title, language, targetSeconds: options.targetSeconds, signal: options.signal });
      for (const p of parts) p.scene = { ...p.scene, narration: written.get(p.id) ?? p.scene.narration };
    } catch (error) {
      if ((error as VideogenError).code === 'CANCELLED') throw error;
      warnings.push(`the language model failed (${(error as Error).message}); narration is an extractive summary instead`);
    }
  }

  const by = meta.author ? `, by ${meta.author}` : '';
  const spec = {
    id: meta.id,
    title,
    description: `A summary of ${meta.title ? `"${meta.title}"` : 'a video'}${by}${meta.url ? ` (${meta.url})` : ''}.`,
    language,
    ...(options.aspect ? { aspect: options.aspect } : {}),
    ...(options.theme ? { theme: options.theme } : {}),
    ...(options.voice ? { voice: options.voice } : {}),
    scenes: [
      { kind: 'title', id: 'intro', badge: 'Summary', title, ...(meta.author ? { subtitle: `From the video by ${meta.author}` } : {}), narration: `Here is a short summary of ${chosen.isName ? `"${title}"` : `a video about ${chosen.spoken}`}${by}.`, source: { document: meta.document, start: 0, end: 0 } },
      ...parts.map((p) => p.scene),
      {
        kind: 'outro',
        id: 'outro',
        title: 'Thanks for watching',
        subtitle: meta.url ? 'The full video has every detail' : `Summary of ${meta.document.split('/').at(-1)}`,
        ...(meta.url ? { callToAction: 'Watch the full video on YouTube' } : {}),
        narration: meta.url ? 'Thanks for watching. For every detail, watch the full video on YouTube.' : 'Thanks for watching. That was the short version; the full recording has every detail.',
      },
    ],
  };
  const result = validateSpec(spec);
  if (!result.ok) throw new VideogenError('SPEC_INVALID', `the transcript produced an invalid spec (a bug): ${result.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, { problems: result.problems });
  return { kind: 'video', spec: result.value, warnings };
}


/** Last resort for a passage with no sentence of three words: its lines, as sentences. */
function asSpoken(texts: readonly string[]): string {
  return texts.join(' ').trim() || '…';
}

import { basename, extname } from 'node:path';
import { VideogenError } from '../errors.ts';
import { safeToShow } from '../spec/index.ts';
import { decodeText, readDocumentFile } from './document/read.ts';
import type { SourceAdapter, SourceOptions, SourceResult } from './types.ts';
import { transcriptToSpec } from './youtube/scenes.ts';
import { titleFromFileName } from './youtube/title.ts';
import type { TranscriptCue } from './youtube/transcript.ts';

/**
 * Local subtitle files (.srt, .vtt) as transcripts: the same summary video a YouTube link gives. The parser accepts
 * what real files contain: a BOM, CRLF, SRT's comma or VTT's dot before milliseconds, hours omitted in VTT, cue
 * settings after the times, NOTE/STYLE/REGION blocks, and styling tags (<i>, <c.color>, <v Speaker>, <00:00:01.000>).
 */

const TIME = /(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})/;
const ARROW = new RegExp(`^\\s*${TIME.source}\\s*-->\\s*${TIME.source}`);

function seconds(h: string | undefined, m: string, s: string, ms: string): number {
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, '0')) / 1000;
}

/** Strips markup but keeps the words; a `<v Name>` voice tag contributes nothing spoken. */
function cueText(lines: readonly string[]): string {
  return lines
    .join(' ')
    .replace(/<\d{2}:[\d:.]+>/g, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseSubtitles(text: string): TranscriptCue[] {
  const blocks = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const cues: TranscriptCue[] = [];
  for (const block of blocks) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    const at = lines.findIndex((l) => ARROW.test(l));
    if (at < 0) continue; // WEBVTT header, NOTE, STYLE, REGION, or stray text
    const m = ARROW.exec(lines[at]!)!;
    const start = seconds(m[1], m[2]!, m[3]!, m[4]!);
    const end = seconds(m[5], m[6]!, m[7]!, m[8]!);
    const words = cueText(lines.slice(at + 1));
    if (words) cues.push({ start, end: Math.max(end, start), text: words });
  }
  cues.sort((a, b) => a.start - b.start);
  // Rolling auto-captions repeat the previous line at the top of the next cue (and hold it in 10 ms cues); keep only
  // the new words.
  const out: TranscriptCue[] = [];
  let previous = '';
  for (const cue of cues) {
    if (cue.text === previous) continue;
    const text = previous && cue.text.startsWith(`${previous} `) ? cue.text.slice(previous.length + 1) : cue.text;
    previous = cue.text;
    out.push({ ...cue, text });
  }
  return out;
}

const isSubtitlePath = (input: string) => /\.(srt|vtt)$/i.test(input.trim()) && !/^https?:\/\//i.test(input.trim());

/** The language hinted by names like "talk.fr.vtt" or "talk.pt-BR.srt". */
function languageFromName(path: string): string | undefined {
  const m = /\.([a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\.(?:srt|vtt)$/i.exec(path);
  return m?.[1];
}

/** Subtitle text (an upload's bytes, decoded) → the summary video; `name` gives the id and the language hint. */
export function fromSubtitleText(text: string, name: string, options: SourceOptions = {}): Promise<SourceResult> {
  const cues = parseSubtitles(text);
  if (!cues.length) throw new VideogenError('SOURCE_UNREADABLE', `${safeToShow(basename(name))} has no subtitle cues; expected SRT ("00:00:01,000 --> 00:00:04,000") or WebVTT timings`);
  const stem = basename(name, extname(name)).replace(/\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/i, '');
  const id = `subtitles-${stem.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'transcript'}`;
  const fileTitle = titleFromFileName(basename(name));
  return transcriptToSpec(cues, { id, document: basename(name), ...(fileTitle ? { fileTitle } : {}), language: options.language ?? languageFromName(name) ?? 'en' }, options);
}

export async function fromSubtitles(path: string, options: SourceOptions = {}): Promise<SourceResult> {
  return fromSubtitleText(decodeText(await readDocumentFile(path), path), path, options);
}

export const subtitleSource: SourceAdapter = {
  id: 'subtitles',
  detect: isSubtitlePath,
  load: (input, options) => fromSubtitles(input, options),
};

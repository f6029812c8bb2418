import { captionLength, isCjkText, maxLineChars } from '../timeline/captions-split.ts';
import { CUE_GAP_FRAMES, MAX_CAPTION_CPS, MAX_CUE_SECONDS, MIN_CUE_SECONDS } from '../timeline/constants.ts';

/**
 * Checks subtitle cues against QUALITY.md's caption rules: at most 2 lines, at most 42 characters a line (16 for
 * Chinese, Japanese, Korean), at most 17 characters a second, 1–7 s on screen, at least 2 frames between cues, and no
 * cue that ends before it starts or overlaps the next. Pure (no Node imports), so the studio can lint as you type.
 */
export interface LintCue {
  /** 1-based position in the file. */
  index: number;
  start: number;
  end: number;
  lines: string[];
}

export interface CaptionViolation {
  cue: number;
  start: number;
  rule: 'lines' | 'line-length' | 'reading-speed' | 'too-short' | 'too-long' | 'gap' | 'order';
  message: string;
}

export interface CaptionLintOptions {
  /** Frames per second of the video the captions belong to (the minimum gap is 2 frames). */
  fps?: number;
  /** Characters a second; 17 for adults, 13 for children and education. */
  maxCps?: number;
}

export const CAPTION_RULES = { maxLines: 2, minSeconds: MIN_CUE_SECONDS, maxSeconds: MAX_CUE_SECONDS, maxCps: MAX_CAPTION_CPS, minGapFrames: CUE_GAP_FRAMES } as const;

const TIME = /(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})/;
const ARROW = new RegExp(`^\\s*${TIME.source}\\s*-->\\s*${TIME.source}`);

const seconds = (h: string | undefined, m: string, s: string, ms: string) => Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + Number(ms.padEnd(3, '0')) / 1000;

/** What a viewer reads: markup (`<i>`, `<c.x>`, `<v Name>`, karaoke timestamps, SSA overrides) removed. */
const visible = (line: string) =>
  line
    .replace(/<\d{2}:[\d:.]+>/g, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&(amp|lt|gt);/g, 'x')
    .trim();

/** SRT or WebVTT text → cues with their lines as shown (header, NOTE, STYLE and REGION blocks skipped). */
export function parseCaptionFile(text: string): LintCue[] {
  const cues: LintCue[] = [];
  for (const block of text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split(/\n{2,}/)) {
    const rows = block.split('\n').filter((l) => l.trim() !== '');
    const at = rows.findIndex((l) => ARROW.test(l));
    if (at < 0) continue;
    const m = ARROW.exec(rows[at]!)!;
    const lines = rows.slice(at + 1).map(visible).filter(Boolean);
    cues.push({ index: cues.length + 1, start: seconds(m[1], m[2]!, m[3]!, m[4]!), end: seconds(m[5], m[6]!, m[7]!, m[8]!), lines });
  }
  return cues;
}

const chars = captionLength;

export function lintCaptions(cues: readonly LintCue[], options: CaptionLintOptions = {}): CaptionViolation[] {
  const fps = options.fps ?? 30;
  const maxCps = options.maxCps ?? CAPTION_RULES.maxCps;
  const out: CaptionViolation[] = [];
  const add = (cue: LintCue, rule: CaptionViolation['rule'], message: string) => out.push({ cue: cue.index, start: cue.start, rule, message });
  cues.forEach((cue, i) => {
    const duration = cue.end - cue.start;
    // A line break stands for the space it replaced; CJK text has no spaces, so there it stands for nothing.
    const text = cue.lines.join(isCjkText(cue.lines.join('')) ? '' : ' ');
    if (cue.lines.length > CAPTION_RULES.maxLines) add(cue, 'lines', `${cue.lines.length} lines; at most ${CAPTION_RULES.maxLines}`);
    const limit = maxLineChars(text);
    for (const line of cue.lines) if (chars(line) > limit) add(cue, 'line-length', `a line of ${chars(line)} characters; at most ${limit}: "${line}"`);
    if (duration <= 0) add(cue, 'order', `ends (${cue.end.toFixed(3)} s) before it starts (${cue.start.toFixed(3)} s)`);
    else {
      if (duration < CAPTION_RULES.minSeconds - 1e-6) add(cue, 'too-short', `on screen ${duration.toFixed(2)} s; at least ${CAPTION_RULES.minSeconds} s`);
      if (duration > CAPTION_RULES.maxSeconds + 1e-6) add(cue, 'too-long', `on screen ${duration.toFixed(2)} s; at most ${CAPTION_RULES.maxSeconds} s`);
      const cps = chars(text) / duration;
      if (cps > maxCps + 1e-6) add(cue, 'reading-speed', `${cps.toFixed(1)} characters a second; at most ${maxCps}`);
    }
    const next = cues[i + 1];
    if (next) {
      const gap = next.start - cue.end;
      if (gap < 0) add(cue, 'order', `overlaps the next cue by ${(-gap).toFixed(3)} s`);
      else if (gap < CAPTION_RULES.minGapFrames / fps - 1e-6) add(cue, 'gap', `${Math.round(gap * fps)} frame(s) before the next cue; at least ${CAPTION_RULES.minGapFrames} at ${fps} fps`);
    }
  });
  return out;
}

/**
 * Lints cues as the pipeline made them (`plan.cues`: text with "\n" between lines), with times rounded to the
 * milliseconds the SRT and WebVTT files hold, so the answer is the one `videogen captions lint` gives for those files.
 */
export function lintCues(cues: readonly { start: number; end: number; text: string }[], options: CaptionLintOptions = {}): CaptionViolation[] {
  const ms = (t: number) => Math.max(0, Math.round(t * 1000)) / 1000;
  return lintCaptions(
    cues.map((c, i) => ({ index: i + 1, start: ms(c.start), end: ms(c.end), lines: c.text.split('\n').map((l) => l.trim()).filter(Boolean) })),
    options,
  );
}

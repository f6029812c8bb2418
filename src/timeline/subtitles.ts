import type { CaptionCue } from './cues.ts';

/** SRT and WebVTT text from caption cues. Times are rounded to milliseconds, the formats' resolution. */
function stamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = ms % 1000;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(rest, 3)}`;
}

export function toSrt(cues: readonly CaptionCue[]): string {
  return cues.map((c, i) => `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${c.text}\n`).join('\n');
}

export function toVtt(cues: readonly CaptionCue[], language = 'en'): string {
  const body = cues.map((c, i) => `${i + 1}\n${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n${c.text.replace(/-->/g, '→')}\n`).join('\n');
  return `WEBVTT\nLanguage: ${language}\n\n${body}`;
}

/** YouTube chapters: "0:00 Title" lines, first at 0:00, each at least 10 s (shorter ones merge into the previous). */
export function toChapters(chapters: readonly { start: number; title: string }[], videoSeconds: number): string[] {
  const fmt = (t: number) => {
    const s = Math.floor(t);
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = String(s % 60).padStart(2, '0');
    return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
  };
  const kept: { start: number; title: string }[] = [];
  for (const chapter of chapters) {
    const previous = kept.at(-1);
    if (previous && chapter.start - previous.start < 10) continue;
    kept.push(kept.length ? chapter : { ...chapter, start: 0 });
  }
  while (kept.length > 1 && videoSeconds - kept.at(-1)!.start < 10) kept.pop();
  return kept.map((c) => `${fmt(c.start)} ${c.title}`);
}

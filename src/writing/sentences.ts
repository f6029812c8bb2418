/** Splits narration into sentences, the unit of synthesis and of caption cues. Uses ICU sentence rules per language. */
export function splitSentences(text: string, language = 'en'): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  }
  const out: string[] = [];
  for (const { segment } of segmenter.segment(clean)) {
    const s = segment.trim();
    if (!s) continue;
    // ICU breaks after abbreviations like "e.g."; rejoin fragments that start in lower case.
    if (out.length && /^[a-z]/.test(s)) out[out.length - 1] += ` ${s}`;
    else out.push(s);
  }
  return out;
}

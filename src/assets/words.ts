/**
 * Word normalisation shared by keyword extraction and the local library, so "boats" in a sentence finds
 * "boat-at-sea.mp4" and "Harbour" finds a sidecar tag "harbour".
 */

/** Lower-case words of a text: letters and digits in any script, split at everything else and at camelCase. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, '').replace(/'s$/, ''))
    .filter(Boolean);
}

/** A light English singular: boats → boat, cities → city, boxes → box, octopuses → octopus; leaves glass, news, bus alone. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  // octopuses → octopus, classes → class, buses → bus (but causes → cause, below).
  if (/(ss|[^aeiou]us)es$/.test(w)) return w.slice(0, -2);
  if (/(ss|us|is|news)$/.test(w)) return w;
  if (/(sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

export const stemsOf = (text: string): string[] => wordsOf(text).map(stem);

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

/**
 * A matching key for an English word: singular, then without a final "e", so both sides of a comparison agree however
 * the plural was made (volcanoes/volcano → volcano, houses/house → hous, octopuses/octopus → octopus, cities → city,
 * boxes → box). Only ever compared with other stems, never shown.
 */
export function stem(word: string): string {
  const w = singular(word.toLowerCase());
  return w.length > 3 && w.endsWith('e') ? w.slice(0, -1) : w;
}

function singular(w: string): string {
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

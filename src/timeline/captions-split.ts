/**
 * Caption line breaking (QUALITY.md): at most 2 lines of ≤ 42 characters (≤ 16 for Chinese/Japanese/Korean); break
 * after punctuation and before conjunctions or prepositions; never between an article and its noun.
 */
const CONJUNCTIONS = new Set(['and', 'but', 'or', 'nor', 'so', 'yet', 'because', 'while', 'when', 'which', 'that', 'if', 'than', 'although', 'though', 'unless', 'until', 'where']);
const PREPOSITIONS = new Set(['in', 'on', 'at', 'to', 'for', 'from', 'with', 'without', 'into', 'onto', 'of', 'by', 'about', 'over', 'under', 'between', 'through', 'after', 'before', 'during', 'across', 'like']);
const ARTICLES = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'my', 'your', 'its', 'our', 'their', 'his', 'her']);
const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF]/;

export function isCjkText(text: string): boolean {
  const chars = [...text];
  return chars.filter((c) => CJK.test(c)).length > chars.length / 3;
}

export function maxLineChars(text: string): number {
  return isCjkText(text) ? 16 : 42;
}

const len = (s: string) => [...s].length;

/** Cost of breaking between `before` and `after` words: lower is better. */
function breakCost(before: string, after: string): number {
  const last = before.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
  const next = after.toLowerCase().replace(/[^\p{L}\p{N}']/gu, '');
  if (ARTICLES.has(last)) return 100;
  if (/[.!?;:]$/.test(before)) return 0;
  if (/[,)—–-]$/.test(before)) return 1;
  if (CONJUNCTIONS.has(next)) return 4;
  if (PREPOSITIONS.has(next)) return 6;
  return 12;
}

/** Splits text into ≤ 2 balanced lines that respect the limit; returns null when it cannot fit in 2 lines. */
export function twoLines(text: string, max = maxLineChars(text)): string[] | null {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (len(clean) <= max) return [clean];
  if (isCjkText(clean)) {
    const chars = [...clean];
    if (chars.length > 2 * max) return null;
    const cut = Math.ceil(chars.length / 2);
    return [chars.slice(0, cut).join(''), chars.slice(cut).join('')];
  }
  const words = clean.split(' ');
  let best: { cost: number; lines: string[] } | null = null;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ');
    const b = words.slice(i).join(' ');
    if (len(a) > max || len(b) > max) continue;
    const cost = breakCost(words[i - 1]!, words[i]!) + Math.abs(len(a) - len(b)) * 0.35;
    if (!best || cost < best.cost) best = { cost, lines: [a, b] };
  }
  return best?.lines ?? null;
}

/**
 * Splits a sentence into cue-sized chunks (each fits in two lines), cutting at the best break points. Returns the
 * chunks' texts; timing is shared out by the caller.
 */
export function cueChunks(sentence: string): string[] {
  const clean = sentence.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  if (twoLines(clean)) return [clean];
  const max = maxLineChars(clean) * 2;
  if (isCjkText(clean)) {
    const chars = [...clean];
    const out: string[] = [];
    for (let i = 0; i < chars.length; i += max) out.push(chars.slice(i, i + max).join(''));
    return out;
  }
  const words = clean.split(' ');
  // Choose the cut that leaves a first chunk that fits and has the cheapest break, preferring longer first chunks.
  let bestCut = 1;
  let bestScore = Infinity;
  for (let i = 1; i < words.length; i++) {
    const head = words.slice(0, i).join(' ');
    if (!twoLines(head)) break;
    const score = breakCost(words[i - 1]!, words[i]!) - len(head) / 12;
    if (score < bestScore) {
      bestScore = score;
      bestCut = i;
    }
  }
  const head = words.slice(0, bestCut).join(' ');
  if (!twoLines(head)) {
    // One word longer than a line (a URL): hard-cut it.
    const chars = [...clean];
    return [chars.slice(0, max).join(''), ...cueChunks(chars.slice(max).join(''))];
  }
  return [head, ...cueChunks(words.slice(bestCut).join(' '))];
}

/** The caption text of a chunk with its line break applied. */
export function formatCueText(chunk: string): string {
  return (twoLines(chunk) ?? [chunk]).join('\n');
}

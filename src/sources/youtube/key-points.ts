import { BOILERPLATE, contentWords, scoreSentences, STOPWORDS } from '../../writing/summarise.ts';
import { isMeaningfulTitle } from './title.ts';

/** Display text for the screen, derived from spoken sentences. Spoken narration stays whole; these are short. */

const LEADING_MARKERS = /^(?:(?:so|and|but|now|well|also|okay|ok|then|alright|basically|honestly|actually|anyway|right)\b[,]?\s+)+/i;
const MAX_ITEM = 90;
const SUBORDINATE = /^(?:if|when|once|because|although|since|while|unless)\b[^,]{3,60},\s+/i;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A sentence shortened to a key point: no discourse markers or final stop, cut at a clause boundary when long. */
export function keyPoint(sentence: string): string {
  let s = sentence.replace(LEADING_MARKERS, '').replace(/[.!]+$/, '').trim();
  if (s.length > MAX_ITEM) {
    const clause = /[,;:—–]\s|\s(?:because|which|so that|while|although|but|instead of|without|when|for|after|before)\s/g;
    // "If the grind is too fine, the coffee turns bitter, and …": never cut inside the leading "if" clause.
    const minCut = SUBORDINATE.test(s) ? s.indexOf(',') + 10 : 25;
    let cut = -1;
    for (let m = clause.exec(s); m; m = clause.exec(s)) if (m.index >= minCut && m.index <= MAX_ITEM) cut = m.index;
    if (cut > 0) s = s.slice(0, cut);
    else s = `${s.slice(0, s.lastIndexOf(' ', MAX_ITEM - 1)).replace(/[,;:]$/, '')}…`;
    // A cut before "…, and honestly" must not leave the list dangling on its conjunction.
    s = s.replace(/(?:[,;]?\s+(?:and|or|but|so|because|which|the|a|an|to|of|with))+(…?)$/i, '$1').replace(/,$/, '');
  }
  return capitalise(s.trim());
}

/** Up to `count` key points from the chunk's best sentences (questions and fragments score low), in spoken order. */
/** "To recap: coarse grind, one to eight ratio, and filter twice" → its list, when every part is short. */
function colonList(sentence: string): string[] | undefined {
  const m = /:\s*(.+)$/.exec(sentence);
  if (!m) return undefined;
  const parts = m[1]!.replace(/[.!]$/, '').split(/,\s*(?:and\s+|or\s+)?|\s+and\s+/).map((p) => p.trim()).filter(Boolean);
  return parts.length >= 3 && parts.every((p) => p.split(/\s+/).length <= 6) ? parts.map(capitalise) : undefined;
}

export function keyPoints(sentences: readonly string[], background: Map<string, number>, count = 4): string[] {
  for (const s of sentences) {
    const list = colonList(s);
    if (list && list.length <= 6) return list;
  }
  const scores = scoreSentences(sentences, { background });
  const picked = sentences
    .map((s, i) => ({ s, i, score: scores[i]! * (s.split(/\s+/).length <= 24 ? 1.2 : 1) }))
    .filter((r) => r.s.split(/\s+/).length >= 5 && !/\?$/.test(r.s) && !BOILERPLATE.test(r.s) && !signpost(r.s))
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .sort((a, b) => a.i - b.i)
    .map((r) => keyPoint(r.s));
  return [...new Set(picked)];
}

/**
 * Speakers announce their sections ("Next up is the ratio of coffee to water", "Let's talk about serving and
 * storage"); the announced phrase is the best heading a passage can have.
 */
const SIGNPOST = /(?:^|[,.]\s*)(?:(?:first|next|now|so|okay|alright|finally),?\s+)?(?:let's (?:talk about|go over|look at|move on to|start with)|next up is|now for|(?:it's )?time to|moving on to|the next (?:step|thing) is|step \w+(?: is)?:?)\s+(.+?)(?:[.!?:;]|,\s|$)/i;

export function signpost(sentence: string): string | undefined {
  const m = SIGNPOST.exec(sentence);
  if (!m) return undefined;
  const phrase = m[1]!.replace(/^(?:a few|a couple of|the|a|an|some|our|your)\s+/i, '').replace(/\s+(?:the|a|an)\s+/gi, ' ').trim();
  const words = phrase.split(/\s+/);
  if (!phrase || words.length > 6 || BOILERPLATE.test(sentence)) return undefined;
  return capitalise(phrase);
}

/** Words that mark a sentence as meant to be remembered. */
const STRIKING = /\b(?:the (?:secret|key|trick|rule|truth|point|lesson) is|remember|never|always|the (?:most|single|biggest|best|worst)|if you (?:only )?(?:remember|take) one|the bottom line|here's the thing)\b/i;

/** The most quotable sentence: short, complete, with a marker of emphasis; undefined when nothing stands out. */
export function strikingSentence(sentences: readonly string[]): string | undefined {
  const candidates = sentences.filter((s) => {
    const words = s.split(/\s+/).length;
    return words >= 6 && words <= 24 && STRIKING.test(s) && !/\?$/.test(s);
  });
  return candidates.sort((a, b) => (/!$/.test(b) ? 1 : 0) - (/!$/.test(a) ? 1 : 0) || a.length - b.length)[0];
}

/**
 * How the author writes `phrase` (found lower-cased): its most frequent form where it does not start a sentence
 * ("JavaScript", "Scales", "cold brew"); a phrase seen only at sentence starts keeps capitals only where they are not
 * the sentence's own ("Cold brew" → "cold brew", "API keys" stays).
 */
export function authorCasing(phrase: string, text: string): string {
  const escaped = phrase.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const forms = new Map<string, number>();
  let initial: string | undefined;
  for (const m of text.matchAll(new RegExp(`(^|[^\\p{L}\\p{N}])(${escaped})(?![\\p{L}\\p{N}])`, 'giu'))) {
    const before = text.slice(0, m.index + m[1]!.length).trimEnd();
    const form = m[2]!.replace(/\s+/g, ' ');
    if (!before || /[.!?…]["'”’)]?$/.test(before)) initial ??= form;
    else forms.set(form, (forms.get(form) ?? 0) + 1);
  }
  const best = [...forms].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (best) return best;
  if (!initial) return phrase;
  const [first, ...rest] = initial.split(' ');
  return [/^\p{Lu}\p{Ll}+$/u.test(first!) ? first!.toLowerCase() : first!, ...rest].join(' ');
}

/** Words capitalised inside sentences (names: "Scales", "Sintel", "Redis"), with how often each is used. */
function properNouns(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/(?<![.!?…]["'”’)]?\s|^)(?<=[\s,;:(“"'])(\p{Lu}[\p{L}\p{N}'’-]+)/gu)) {
    const w = m[1]!.replace(/['’]s$/, '');
    if (w.length > 2 && isMeaningfulTitle(w) && w !== 'I') out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}

/**
 * A short heading for a passage, in the author's casing: the part the speaker announces, else its most distinctive
 * repeated two-word phrase, else a name used often in it, else its most distinctive words ("Grind size", "Water and
 * temperature"). Distinctive = frequent here, rarer in the whole transcript. Headings in `avoid` (already used by
 * earlier scenes) are skipped, so two scenes never share one.
 */
export function topicPhrase(text: string, background: Map<string, number>, sentences: readonly string[] = [], avoid: ReadonlySet<string> = new Set()): string | undefined {
  const ok = (h: string | undefined) => (h && isMeaningfulTitle(h) && !avoid.has(h.toLowerCase()) ? h : undefined);
  for (const s of sentences.slice(0, 3)) {
    if (/\b(?:to recap|in summary|to sum (?:it )?up|quick recap)\b/i.test(s) && ok('Recap')) return 'Recap';
    const announced = ok(signpost(s));
    if (announced) return announced;
  }
  const tokens = (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).map((w) => w.replace(/['’]s$/, ''));
  const useful = (w: string) => w.length > 2 && !STOPWORDS.has(w) && !/^\d+$/.test(w) && isMeaningfulTitle(w);
  const local = new Map<string, number>();
  for (const w of contentWords(text)) local.set(w, (local.get(w) ?? 0) + 1);
  const distinct = (w: string) => (local.get(w) ?? 0) / Math.sqrt(1 + (background.get(w) ?? 0) - (local.get(w) ?? 0));
  const heading = (phrase: string) => capitalise(authorCasing(phrase, text));
  const bigrams = new Map<string, number>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = [tokens[i]!, tokens[i + 1]!];
    if (useful(a) && useful(b) && a !== b) bigrams.set(`${a} ${b}`, (bigrams.get(`${a} ${b}`) ?? 0) + 1);
  }
  for (const [phrase] of [...bigrams].filter(([, n]) => n >= 2).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))) {
    const h = ok(heading(phrase));
    if (h) return h;
  }
  for (const [name] of [...properNouns(text)].filter(([, n]) => n >= 2).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))) {
    const h = ok(name);
    if (h) return h;
  }
  const words = [...local.keys()].filter(useful).sort((a, b) => distinct(b) - distinct(a) || a.localeCompare(b));
  const pairs = words.length > 1 && (local.get(words[1]!) ?? 0) >= 2 ? [`${authorCasing(words[0]!, text)} and ${authorCasing(words[1]!, text)}`] : [];
  for (const candidate of [...pairs, ...words.map((w) => authorCasing(w, text))]) {
    const h = ok(capitalise(candidate));
    if (h) return h;
  }
  return undefined;
}

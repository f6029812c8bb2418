/**
 * What a script must not say before it is published: profanity, personal data, and health or money advice without a
 * disclaimer. Warnings, not errors: the author decides, but hears about it before rendering, with the fix.
 *
 * Unlike the reference platform (substring matching, where "class" matched "ass" and "hello" matched "hell"), words
 * are matched whole, on word boundaries, so ordinary words are never flagged.
 */

export type ContentIssueKind = 'profanity' | 'pii' | 'medical-disclaimer' | 'financial-disclaimer';

export interface ContentIssue {
  kind: ContentIssueKind;
  /** What was found, for people (never the personal data itself in full). */
  message: string;
  /** What to do about it. */
  fix: string;
}

/** Whole words (and their plain inflections, listed) that YouTube's advertiser guidelines treat as strong profanity. */
const PROFANITY = [
  'fuck', 'fucks', 'fucked', 'fucking', 'fucker', 'motherfucker', 'shit', 'shits', 'shitty', 'bullshit', 'ass', 'asses', 'asshole', 'assholes',
  'bitch', 'bitches', 'bastard', 'bastards', 'cunt', 'cunts', 'dick', 'dicks', 'dickhead', 'piss', 'pissed', 'cock', 'cocks', 'whore', 'slut', 'damn', 'goddamn', 'crap',
];
const PROFANITY_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${PROFANITY.join('|')})(?![\\p{L}\\p{N}])`, 'giu');

const MEDICAL = /\b(symptoms?|diagnos[ie]s|diagnosed|treatments?|cures?|cured|medications?|medicines?|dosage|doses?|disease|illness|therapy|supplements?|vitamins?|blood pressure|cholesterol|diabetes|cancer|anxiety|depression|insomnia|weight loss|lose weight|diet|fasting|immune|detox)\b/i;
const MEDICAL_DISCLAIMER = /\b(not (medical|health) advice|consult (a|your) (doctor|physician|health ?care (professional|provider))|talk to (a|your) doctor|medical disclaimer|for (general )?information(al purposes)? only)\b/i;
const FINANCIAL = /\b(invest(ing|ment|ments|or|ors)?|stocks?|shares|crypto(currency|currencies)?|bitcoin|etfs?|index funds?|portfolio|dividends?|trading|trader|retirement|401\(?k\)?|interest rates?|returns?|savings|budget(ing)?|debt|mortgage|passive income|compound interest)\b/i;
const FINANCIAL_DISCLAIMER = /\b(not financial advice|not investment advice|financial disclaimer|consult (a|your) (licensed |qualified )?(financial|investment) (adviser|advisor|professional)|do your own research)\b/i;

const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
/** North American and international numbers with separators: 555-123-4567, (555) 123 4567, +44 20 7946 0958. */
const PHONE = /(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}(?!\w)/g;
const CARD = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
const SSN = /(?<!\d)(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\d)/g;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

/** ISO 13616 check: move the first four characters to the end, letters → 10…35, the number mod 97 is 1. */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '').toUpperCase();
  if (s.length < 15 || s.length > 34) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const v = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of v) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** Shows what kind of thing was found without repeating it: the first characters and the length. */
const hint = (found: string) => `"${found.slice(0, 3)}…" (${found.length} characters)`;

function piiIn(text: string): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const fix = 'remove it from the narration and on-screen text; never publish personal data';
  // Long digit runs (cards or not): a phone number found inside one is part of that number, not a phone.
  const runs: [number, number][] = [];
  for (const m of text.matchAll(CARD)) {
    const digits = m[0].replace(/\D/g, '');
    runs.push([m.index, m.index + m[0].length]);
    if (luhnValid(digits)) {
      issues.push({ kind: 'pii', message: `a credit-card number ${hint(m[0])}`, fix });
    }
  }
  for (const m of text.matchAll(EMAIL)) issues.push({ kind: 'pii', message: `an e-mail address ${hint(m[0])}`, fix });
  for (const m of text.matchAll(SSN)) issues.push({ kind: 'pii', message: `a US social security number ${hint(m[0])}`, fix });
  for (const m of text.matchAll(IBAN)) if (ibanValid(m[0])) issues.push({ kind: 'pii', message: `a bank account number (IBAN) ${hint(m[0])}`, fix });
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    // A card or SSN was already reported; 7–15 digits is the range of a real phone number (E.164).
    const inRun = runs.some(([from, to]) => m.index < to && m.index + m[0].length > from);
    if (inRun || /^\d{3}-\d{2}-\d{4}$/.test(m[0]) || digits.length < 7 || digits.length > 15) continue;
    issues.push({ kind: 'pii', message: `a phone number ${hint(m[0])}`, fix });
  }
  return issues;
}

/**
 * Checks everything a video says and shows. `texts` are its narration and on-screen lines; `closing` is where a fix
 * should go ("the outro").
 */
export function checkContent(texts: readonly string[], closing = 'the outro'): ContentIssue[] {
  const all = texts.join('\n');
  const issues: ContentIssue[] = [];
  const words = new Set([...all.matchAll(PROFANITY_RE)].map((m) => m[1]!.toLowerCase()));
  if (words.size) issues.push({ kind: 'profanity', message: `profanity: ${[...words].map((w) => `"${w}"`).join(', ')}`, fix: 'reword it; YouTube limits ads on videos with strong language, and Shorts viewers include minors' });
  issues.push(...piiIn(all));
  const medical = all.match(MEDICAL);
  if (medical && !MEDICAL_DISCLAIMER.test(all)) {
    issues.push({ kind: 'medical-disclaimer', message: `health topic ("${medical[0]}") without a disclaimer`, fix: `add 'This is not medical advice; talk to your doctor before changing anything.' to ${closing}` });
  }
  const financial = all.match(FINANCIAL);
  if (financial && !FINANCIAL_DISCLAIMER.test(all)) {
    issues.push({ kind: 'financial-disclaimer', message: `money topic ("${financial[0]}") without a disclaimer`, fix: `add 'This is not financial advice.' to ${closing}` });
  }
  return issues;
}

/** One line per issue, as printed before rendering and kept in the manifest. */
export function formatContentIssue(issue: ContentIssue): string {
  return `content check: ${issue.message}; ${issue.fix}`;
}

/** Keys whose strings are not said or shown (ids, paths, settings). */
const NOT_CONTENT = new Set(['id', 'kind', 'src', 'voice', 'voices', 'language', 'transition', 'background', 'source', 'fit', 'motion', '$schema', 'theme', 'captions', 'music', 'broll', 'aspect', 'resolution']);

function stringsIn(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!NOT_CONTENT.has(k)) stringsIn(v, out);
}

/** The content check of a whole spec: its title, description and every scene's narration and on-screen text. */
export function checkSpecContent(spec: { title: string; description?: string | undefined; scenes: readonly object[] }): ContentIssue[] {
  const texts: string[] = [];
  stringsIn({ title: spec.title, description: spec.description, scenes: spec.scenes }, texts);
  return checkContent(texts);
}

/**
 * What `create` and `render` print before rendering: a warning line per issue with its fix, or one line saying the
 * script is clean, so the user knows the check ran.
 */
export function contentCheckLines(spec: Parameters<typeof checkSpecContent>[0] & { id: string }, named = false): string[] {
  const issues = checkSpecContent(spec);
  const who = named ? `${spec.id}: ` : '';
  if (!issues.length) return [`${who}content check: no profanity, personal data or missing disclaimers found`];
  return issues.map((issue) => `warning: ${who}${formatContentIssue(issue)}`);
}

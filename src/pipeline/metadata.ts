import { extractKeywords } from '../assets/keywords.ts';
import { stemsOf } from '../assets/words.ts';
import type { VideoSpec } from '../spec/index.ts';
import type { Credit } from '../assets/types.ts';
import { detectNiche } from '../sources/short/niches.ts';
import { TEMPLATES } from '../sources/short/templates.ts';

/**
 * metadata.json: what an uploader needs to publish the video on YouTube, within YouTube's limits (Data API
 * `videos.insert` snippet/status): a title of at most 100 characters, a description of at most 5000 bytes without
 * "<" or ">", tags of at most 500 characters in total (counted YouTube's way), the category, and the disclosures.
 */
export const TITLE_MAX = 100;
export const DESCRIPTION_MAX_BYTES = 5000;
export const TAGS_MAX = 500;

/** YouTube's category ids for the hints the niches use. */
const CATEGORY_IDS: Record<string, string> = { 'People & Blogs': '22', Entertainment: '24', 'Howto & Style': '26', Education: '27', 'Science & Technology': '28' };

const STOP = new Set(
  'a an the and or but if of in on at to for by with from as is are was were be been being it its this that these those you your we our they their he she his her them what why how when where who which not no do does did can could should would will just than then so very more most about into over under after before there here all any each some such only own same too also have has had'.split(' '),
);

/** YouTube rejects "<" and ">" in titles and descriptions. */
const clean = (text: string) => text.replace(/[<>]/g, '').replace(/\s+/g, ' ').trim();

/** At most `max` characters, cut at a word (never mid-word), with an ellipsis when cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const space = room.lastIndexOf(' ');
  return `${(space > max * 0.5 ? room.slice(0, space) : room).replace(/[\s,;:.-]+$/, '')}…`;
}

/** YouTube counts tags joined by commas, a tag with a space in quotes (two more characters). */
export function tagsLength(tags: readonly string[]): number {
  return tags.reduce((n, t) => n + t.length + (t.includes(' ') ? 2 : 0), 0) + Math.max(0, tags.length - 1);
}

/**
 * Content words ranked by how many of `texts` use them (a word repeated inside one sentence counts once), at least
 * `minTexts` of them: a word several scenes share is what the video is about; a one-off ("because") is not.
 */
function keywords(texts: readonly string[], max: number, minTexts = 1): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const words = new Set(text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? []);
    for (const w of words) {
      if (w.length < 4 || STOP.has(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts.entries()].filter(([, n]) => n >= minTexts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, max).map(([w]) => w);
}

/**
 * The noun phrases the narration is about (the same extraction b-roll searches with), ranked by how many scenes name
 * them: "fishing boats", "harbour" — never the verbs and fillers a plain word count would bring ("took", "people").
 */
function nounPhrases(texts: readonly string[], language: string, max: number): string[] {
  const counts = new Map<string, { n: number; first: number }>();
  texts.forEach((text, i) => {
    for (const term of new Set(extractKeywords(text, language).slice(0, 4).map(tidyTerm))) {
      if (term.length < 3) continue;
      const seen = counts.get(term);
      counts.set(term, { n: (seen?.n ?? 0) + 1, first: seen?.first ?? i });
    }
  });
  const ranked = [...counts.entries()].sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first).map(([t]) => t);
  // "timer" and "timers" are one tag.
  const seen = new Set<string>();
  return ranked.filter((t) => !seen.has(stemsOf(t).join(' ')) && seen.add(stemsOf(t).join(' '))).slice(0, max);
}

/** A search term as a tag: lower case, without a leading article ("the synchronous logs" → "synchronous logs"). */
function tidyTerm(term: string): string {
  return term.toLowerCase().replace(/^(the|a|an|this|these|those)\s+/, '').trim();
}

export interface MetadataInput {
  spec: VideoSpec;
  /** Each scene's narration as spoken. */
  narration: readonly string[];
  chapters: { text: string; count: number };
  credits: readonly Credit[];
  /** The formatted credits block (credits.txt), when there are credits. */
  creditsText?: string;
}

export function buildMetadata(m: MetadataInput) {
  const { spec } = m;
  const short = spec.aspect === '9:16';
  // From the title only, as `create --topic` chose it from the topic (a description's common words would mislead it).
  const niche = detectNiche(spec.title);
  const title = cutAtWord(clean(spec.title), TITLE_MAX);

  const lead = clean(spec.description ?? m.narration.find((n) => n.trim()) ?? spec.title);
  const parts = [lead];
  // YouTube shows chapters only from three on, each ≥ 10 s, the first at 0:00 (chaptersText makes them so).
  // Shorts have no chapters on YouTube.
  if (m.chapters.count >= 3 && !short) parts.push(`Chapters:\n${m.chapters.text.trim()}`);
  if (m.creditsText) parts.push(`Credits:\n${m.creditsText.trim()}`);
  const hashtags = [...(short ? ['#Shorts'] : []), `#${niche}`];
  parts.push(hashtags.join(' '));
  let description = parts.join('\n\n').replace(/[<>]/g, '');
  while (Buffer.byteLength(description, 'utf8') > DESCRIPTION_MAX_BYTES) description = cutAtWord(description, Math.floor(description.length * 0.95));

  const candidates = [
    cutAtWord(title.toLowerCase(), 60),
    niche,
    ...(short ? ['shorts'] : []),
    // Lower-cased, so the title's capitals are not taken for names ("Event Loop Works").
    ...extractKeywords(spec.title.toLowerCase(), spec.language).slice(0, 3).map(tidyTerm),
    ...keywords([spec.title], 6),
    ...nounPhrases(m.narration, spec.language, 10),
  ];
  const tags: string[] = [];
  for (const tag of candidates) {
    const t = tag.replace(/[<>,"]/g, '').trim();
    if (!t || t.length > 100 || tags.includes(t)) continue;
    if (tagsLength([...tags, t]) > TAGS_MAX) continue;
    tags.push(t);
  }
  const category = TEMPLATES[niche].category;
  return {
    title,
    description,
    tags,
    language: spec.language,
    category,
    categoryId: CATEGORY_IDS[category] ?? '27',
    short,
    madeForKids: false,
    /** The voice is synthetic (TTS): YouTube's "altered or synthetic content" disclosure. */
    containsSyntheticMedia: true,
  };
}

import { VideogenError } from '../../errors.ts';
import { validateSpec, type SceneInput, type VideoSpec, type VideoSpecInput } from '../../spec/index.ts';
import { polishNarration } from '../../writing/polish.ts';
import { spokenList } from '../../writing/templates.ts';
import { firstSentence, leadSentences, shorten } from '../condense.ts';
import type { SourceOptions, SourceResult } from '../types.ts';
import { estimateVideoSeconds } from './editorial/estimate.ts';
import { planDocument, type EditedVideo, type EditorialPlan } from './editorial/plan.ts';
import { planWarnings } from './editorial/warnings.ts';
import type { DocModel, DocSection } from './model.ts';
import { capital, properWords, slug, stripNumbering, topicOf } from './phrase.ts';
import { sectionScenes, type SceneContext } from './scenes.ts';

/**
 * Section model → one validated video (or a set), each opening with a title and closing with an outro. The
 * editorial pass (editorial/plan.ts) decides what each video keeps so that it fits its budget; this file turns its
 * decisions into scenes and specs, and checks the built videos against the budget once more (the final narration,
 * after polishNarration, is what will be spoken).
 */

/** A document's video length when `targetSeconds` is not given (issue 11: three minutes). */
export const DOCUMENT_BUDGET_SECONDS = 180;
/** The shortest `--duration` a video can be made to: a title, one scene and an outro need about this long. */
export const MIN_VIDEO_SECONDS = 20;

type Scene = SceneInput & { source?: { section?: string } };

/** Intro blocks after the first paragraph (a list of features, an install line) become an "Overview" section. */
function withOverview(model: DocModel): { intro?: string; sections: DocSection[] } {
  const [first, ...rest] = model.intro;
  const intro = first?.type === 'paragraph' ? first.text : undefined;
  const remaining = first?.type === 'paragraph' ? rest : model.intro;
  if (!remaining.length) return { ...(intro ? { intro } : {}), sections: model.sections };
  const depth = model.sections.length ? Math.min(...model.sections.map((s) => s.depth)) : 2;
  const overview: DocSection = { heading: 'Overview', depth, lines: { start: remaining[0]!.lines.start, end: remaining.at(-1)!.lines.end }, blocks: remaining };
  return { ...(intro ? { intro } : {}), sections: [overview, ...model.sections] };
}

/** A readable name when the document has no title: the file's stem or the page's host and path, never an extension. */
function documentName(document: string): string {
  if (/^https?:\/\//i.test(document)) {
    try {
      const url = new URL(document);
      return `${url.hostname}${url.pathname === '/' ? '' : url.pathname.replace(/\.[a-z0-9]+$/i, '')}`;
    } catch {
      return document;
    }
  }
  const file = document.split(/[\\/]/).pop() || document;
  return file.replace(/\.[a-z0-9]+$/i, '').replace(/[-_]+/g, ' ').trim() || file;
}

/** Unique ids from section headings: "installation", "installation-2", …; scenes without Latin text get none (normalised later). */
function assignIds(scenes: Scene[]): void {
  const used = new Map<string, number>();
  for (const scene of scenes) {
    const base = slug(scene.kind === 'title' ? 'intro' : scene.kind === 'outro' ? 'outro' : (scene.source?.section ?? ''));
    if (!base) continue;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    scene.id = n === 1 ? base : `${base}-${n}`;
  }
}

/** Each section's parent heading (the nearest earlier section of lesser depth), by the section's first line. */
function parentHeadings(sections: readonly DocSection[]): Map<number, string> {
  const parents = new Map<number, string>();
  const stack: DocSection[] = [];
  for (const section of sections) {
    while (stack.length && stack.at(-1)!.depth >= section.depth) stack.pop();
    if (stack.length) parents.set(section.lines.start, stripNumbering(stack.at(-1)!.heading));
    stack.push(section);
  }
  return parents;
}

/**
 * Scene titles within one video are distinct, so chapters.txt never lists "Quick Start" twice. A later scene of the
 * same section becomes "Quick Start, continued" (then "…, part 3"); a same-named section elsewhere ("More
 * configuration" under Options and under Commands) is told apart by its parent: "More configuration (Commands)".
 */
function uniqueTitles(scenes: readonly { scene: Scene; section: DocSection }[], parents: ReadonlyMap<number, string>): void {
  // Counted by the heading itself: a list or code part already titled "X, continued" is the second use of "X", so
  // the next one becomes "X, part 3", never "X, continued, continued".
  const CONTINUED = /,\s*(?:continued|part \d+)$/i;
  const used = new Map<string, { count: number; section: DocSection }>();
  const taken = new Set<string>();
  for (const { scene, section } of scenes) {
    if (!('title' in scene) || typeof scene.title !== 'string' || !scene.title.trim()) continue;
    const title = scene.title.trim();
    const base = title.replace(CONTINUED, '').trim() || title;
    const first = used.get(base.toLowerCase());
    if (!first) {
      used.set(base.toLowerCase(), { count: 1, section });
      taken.add(title.toLowerCase());
      continue;
    }
    first.count++;
    const parent = parents.get(section.lines.start);
    const sameSection = first.section.lines.start === section.lines.start;
    let renamed = !sameSection && parent && !taken.has(`${base} (${parent})`.toLowerCase()) ? `${base} (${parent})` : `${base}${first.count === 2 ? ', continued' : `, part ${first.count}`}`;
    // Still taken ("X, continued" was an author's own heading): number it.
    for (let n = first.count; taken.has(renamed.toLowerCase()); n++) renamed = `${base}, part ${n + 1}`;
    taken.add(renamed.toLowerCase());
    (scene as { title: string }).title = renamed;
  }
}

/** Lists and code need time to be read even when the narration is short: about 4 words (or 2 code lines) a second. */
function withReadingTime(scene: Scene): Scene {
  const words = (t: string | undefined) => (t ? t.split(/\s+/).length : 0);
  let seconds = 0;
  if (scene.kind === 'list') seconds = (words(scene.title) + words(scene.description) + scene.items.reduce<number>((n, i) => n + (typeof i === 'string' ? words(i) : words(i.title) + words(i.description)), 0)) / 4;
  if (scene.kind === 'code') seconds = scene.code.split('\n').length / 2;
  if (scene.kind === 'command') seconds = scene.commands.length;
  return seconds > 3 ? { ...scene, minDuration: Math.min(10, Math.round(seconds)) } : scene;
}

interface Topics {
  /** Spoken phrases of the video's most important sections in reading order, for "That covers …" (four, then "more"). */
  spoken: string[];
  /** The video's own title words: its two most important sections, in reading order ("pipelining and transactions"). */
  headline: string;
}

/** Headings that name no topic of their own. */
const GENERIC = /^(?:overview|introduction|intro|summary|about|preface|getting started)$/i;

function topicsOf(video: EditedVideo, names: ReadonlySet<string>): Topics {
  const candidates = video.sections
    .map((s, i) => ({ topic: topicOf(s.heading, names), heading: s.heading, i, rank: video.ranks[i]!, hasContent: s.blocks.length > 0 }))
    .filter((x) => x.hasContent && !x.topic.question && x.topic.phrase && !GENERIC.test(x.topic.phrase));
  const byRank = [...candidates].sort((a, b) => b.rank - a.rank);
  const best = (n: number) => byRank.slice(0, n).sort((a, b) => a.i - b.i).map((x) => x.topic.phrase);
  const spoken = candidates.length > 4 ? [...best(4), 'more'] : best(4);
  // Titles keep the author's casing of each heading ("Quick Start", "Pub/Sub"); narration uses the spoken phrase.
  const heading = (x: { heading: string; i: number }) => ({ phrase: stripNumbering(x.heading).replace(/[:.]+$/, ''), i: x.i });
  // A video of only generic or question headings ("Getting started") is still titled by them, never left "fast-check:".
  const fallback = video.sections.map((s, i) => ({ heading: s.heading, i, rank: video.ranks[i]! })).sort((a, b) => b.rank - a.rank);
  return { spoken, headline: headlineOf(byRank.map(heading)) || headlineOf(fallback.map(heading)) };
}

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

/**
 * A video's title words from its sections, most important first: the two best short headings in reading order
 * ("pipelining and transaction"). Headings are cut at their first comma, dash or colon and lose parentheticals
 * ("(experimental)"); one that has its own "and" stands alone, so the title never reads "a and b and c".
 */
function headlineOf(ranked: readonly { phrase: string; i: number }[]): string {
  const clean = ranked
    .map((x) => ({ ...x, phrase: x.phrase.replace(/\s*\([^)]*\)/g, '').split(/,\s|\s[—–-]\s|:\s/)[0]!.trim().replace(/^(the|a|an)\s+(?=\S)/i, '').replace(/^[a-z]+\b(?![.\w])/, (w) => (/^[A-Z]/.test(x.phrase) ? capital(w) : w)) }))
    .filter((x) => x.phrase);
  const short = clean.filter((x) => words(x.phrase) <= 5);
  const first = short[0] ?? clean[0];
  if (!first) return '';
  const joined = (t: string) => /\band\b|&/.test(t);
  const second = short.find((x) => x !== first && !joined(x.phrase) && !joined(first.phrase) && words(x.phrase) + words(first.phrase) <= 7 && x.phrase.toLowerCase() !== first.phrase.toLowerCase());
  return second ? spokenList([first, second].sort((a, b) => a.i - b.i).map((x) => x.phrase)) : first.phrase;
}

interface VideoContext {
  model: DocModel;
  title: string;
  intro?: string;
  language: string;
  names: ReadonlySet<string>;
  /** Parent heading of each section, by its first line, to tell same-named sections apart in scene titles. */
  parents: ReadonlyMap<number, string>;
}

/** The title scene: the document's title in the author's casing; in a set, what this video covers. */
function openingScene(c: VideoContext, topics: Topics, part: { index: number; total: number } | undefined): Scene {
  const source = { document: c.model.document, section: c.title, lines: [1, 1] as [number, number] };
  const covers = topics.spoken.length ? spokenList(topics.spoken) : undefined;
  if (!part) {
    const subtitle = c.intro ? firstSentence(c.intro, 100, c.language) : undefined;
    const narration = c.intro ? leadSentences(c.intro, 40, c.language) : `This video walks through ${c.title}${covers ? `: ${covers}` : ''}.`;
    return { kind: 'title', title: c.title, ...(subtitle ? { subtitle } : {}), narration, source };
  }
  const first = part.index === 0;
  const lead = first && c.intro ? `${leadSentences(c.intro, 30, c.language)} ` : '';
  return {
    kind: 'title',
    badge: shorten(`${c.title} · ${part.index + 1} of ${part.total}`, 40),
    title: shorten(topics.headline || c.title, 70),
    ...(covers ? { subtitle: shorten(capital(covers), 80) } : {}),
    narration: `${lead}${first ? `This first video on ${c.title}` : `This video on ${c.title}`} covers ${covers ?? topics.headline}.`,
    source,
  };
}

/** The outro: what this video covered and, in a set, what the next one covers; never a file name to read out. */
function closingScene(c: VideoContext, topics: Topics, next: Topics | undefined, left: string[]): Scene {
  const source = { document: c.model.document, section: c.title, lines: [1, 1] as [number, number] };
  const noun = c.model.noun ?? 'document';
  const covered = topics.spoken.length ? `That covers ${spokenList(topics.spoken)}. ` : '';
  if (next) {
    return {
      kind: 'outro',
      title: shorten(`Up next: ${next.headline}`, 60),
      ...(next.spoken.length ? { subtitle: shorten(capital(spokenList(next.spoken)), 60) } : {}),
      narration: `${covered}The next video covers ${spokenList(next.spoken.length ? next.spoken : [next.headline])}.`,
      source,
    };
  }
  const also = left.length ? spokenList(left.length > 3 ? [...left.slice(0, 3), 'more'] : left) : undefined;
  return {
    kind: 'outro',
    title: 'Thanks for watching',
    subtitle: shorten(also ? `The full ${noun} also covers ${also}` : `From the ${noun} “${c.title}”`, 60),
    narration: `${covered}${also ? `The full ${noun} also covers ${also}. ` : ''}Thanks for watching.`,
    source,
  };
}

/** "-pipelining" from "pipelining and transactions": the first topic's slug, cut at a word, for the set's folder names. */
function idWord(headline: string): string {
  const words = slug(headline.split(/ and |, /)[0] ?? '', 60).split('-');
  let out = '';
  for (const w of words) if ((out + w).length <= 24) out += `-${w}`;
  return out;
}

interface BuiltVideo {
  spec: VideoSpec;
  seconds: number;
}

function buildVideos(plan: EditorialPlan, c: VideoContext, options: SourceOptions, scenesOf: (s: DocSection) => Scene[]): BuiltVideo[] {
  const videos = plan.videos
    .map((video) => {
      const made = video.sections.flatMap((section) => scenesOf(section).map((scene) => ({ scene, section })));
      uniqueTitles(made, c.parents);
      return { video, scenes: made.map((m) => m.scene) };
    })
    .filter((v) => v.scenes.length);
  const topics = videos.map((v) => topicsOf(v.video, c.names));
  const total = videos.length;
  const baseId = slug(c.title) || slug(documentName(c.model.document)) || 'document';
  const usedTitles = new Set<string>();
  return videos.map(({ scenes }, index) => {
    const part = total > 1 ? { index, total } : undefined;
    const left = index === total - 1 ? plan.videos.flatMap((v) => v.dropped).map((h) => topicOf(h, c.names)).filter((t) => !t.question).map((t) => t.phrase) : [];
    const all = polishNarration([openingScene(c, topics[index]!, part), ...scenes, closingScene(c, topics[index]!, topics[index + 1], left)], c.language);
    // A narration the polish emptied (it was only a pointer: "See the link.") falls back to the scene's template.
    for (const scene of all) if (typeof scene.narration === 'string' && !scene.narration.trim()) delete scene.narration;
    assignIds(all);
    let title = part && topics[index]!.headline ? shorten(`${c.title}: ${topics[index]!.headline}`, 90) : c.title;
    if (usedTitles.has(title)) title = shorten(`${c.title}: ${topics[index]!.headline}, ${index + 1} of ${total}`, 90);
    usedTitles.add(title);
    const description = c.intro ? firstSentence(c.intro, 100, c.language) : undefined;
    const input: VideoSpecInput = {
      id: part ? `${baseId}-${index + 1}${idWord(topics[index]!.headline)}` : baseId,
      title,
      ...(description ? { description } : {}),
      language: c.language,
      ...(options.aspect ? { aspect: options.aspect } : {}),
      ...(options.theme ? { theme: options.theme } : {}),
      ...(options.voice ? { voice: options.voice } : {}),
      scenes: all,
    };
    const result = validateSpec(input);
    if (!result.ok) throw new VideogenError('SPEC_INVALID', `the spec made from ${c.model.document} is invalid: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems: result.problems });
    return { spec: result.value, seconds: estimateVideoSeconds(result.value.scenes, c.language) };
  });
}

export function buildFromModel(model: DocModel, options: SourceOptions, warnings: string[] = []): SourceResult {
  const language = options.language ?? 'en';
  const names = properWords(model);
  const { intro, sections } = withOverview(model);
  // The author's title, in the author's casing; only a missing title falls back to the document's name.
  const title = shorten(model.title.trim() || documentName(model.document), 70);
  const c: VideoContext = { model, title, ...(intro ? { intro } : {}), language, names, parents: parentHeadings(sections) };
  const budget = options.targetSeconds ?? DOCUMENT_BUDGET_SECONDS;
  const ctx: SceneContext = { document: model.document, names, language, warnings };
  const scenesOf = (section: DocSection, sceneCtx: SceneContext = ctx) => sectionScenes(section, sceneCtx).map(withReadingTime);
  // Trial builds for measuring must not leave their warnings ("code cut to fit") on the result.
  const measure = (section: DocSection) => estimateVideoSeconds(scenesOf(section, { ...ctx, warnings: [] }), language);
  const sample: Topics = { spoken: ['one topic', 'another topic', 'a third topic'], headline: 'one topic and another' };
  const overhead = estimateVideoSeconds([openingScene(c, sample, undefined), closingScene(c, sample, undefined, ['one', 'two', 'three'])], language);
  const editorial = { budget, overhead, ...(options.videos !== undefined ? { videos: options.videos } : {}) };

  let plan = planDocument(sections, title, measure, editorial);
  let built = buildVideos(plan, c, options, (s) => scenesOf(s, { ...ctx, warnings: [] }));
  // A built video can come out longer than planned: its narration is polished as a whole and its title and outro
  // are its own. Such a video is planned again with that much less room for sections (the split stays the same).
  const caps: (number | undefined)[] = [];
  for (let round = 0; round < 4 && built.some((b) => b.seconds > budget); round++) {
    built.forEach((b, i) => {
      if (b.seconds > budget) caps[i] = plan.videos[i]!.seconds - (b.seconds - budget) - 0.5;
    });
    plan = planDocument(sections, title, measure, { ...editorial, caps });
    built = buildVideos(plan, c, options, (s) => scenesOf(s, { ...ctx, warnings: [] }));
  }
  // Built once more with the real context, so warnings about the scenes that are kept reach the caller.
  built = buildVideos(plan, c, options, (s) => scenesOf(s));
  if (!built.length) throw new VideogenError('SOURCE_UNREADABLE', `${model.document} has no text videogen can turn into scenes (no headings, paragraphs, lists or code)`, { document: model.document });
  warnings.push(...planWarnings(plan, { budget, videos: options.videos, made: built.length }));
  const over = built.filter((b) => b.seconds > budget);
  if (over.length) warnings.push(`${over.length === built.length ? 'the video runs' : `${over.length} video(s) run`} over the ${budget} s target (about ${Math.round(Math.max(...over.map((b) => b.seconds)))} s) even condensed as far as it goes; give a longer --duration`);
  const specs = built.map((b) => b.spec);
  if (specs.length === 1) return { kind: 'video', spec: specs[0]!, warnings };
  return { kind: 'set', id: slug(title) || 'document', name: title, specs, warnings };
}

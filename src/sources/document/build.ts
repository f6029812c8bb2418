import { VideogenError } from '../../errors.ts';
import { validateSpec, type SceneInput, type VideoSpec, type VideoSpecInput } from '../../spec/index.ts';
import { spokenList } from '../../writing/templates.ts';
import { firstSentence, leadSentences, shorten } from '../condense.ts';
import type { SourceOptions, SourceResult } from '../types.ts';
import type { DocModel, DocSection } from './model.ts';
import { capital, countWord, midSentence, properWords, sentence, slug, topicOf } from './phrase.ts';
import { sectionScenes, type SceneContext } from './scenes.ts';
import { splitSections } from './split.ts';

/** Section model → one validated video (or a set of `options.videos` videos), each opening with a title and closing with an outro. */

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

function documentName(document: string): string {
  if (/^https?:\/\//i.test(document)) {
    try {
      const url = new URL(document);
      return `${url.hostname}${url.pathname === '/' ? '' : url.pathname}`;
    } catch {
      return document;
    }
  }
  return document.split(/[\\/]/).pop() || document;
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

/** Lists and code need time to be read even when the narration is short: about 4 words (or 2 code lines) a second. */
function withReadingTime(scene: Scene): Scene {
  const words = (t: string | undefined) => (t ? t.split(/\s+/).length : 0);
  let seconds = 0;
  if (scene.kind === 'list') seconds = (words(scene.title) + words(scene.description) + scene.items.reduce<number>((n, i) => n + (typeof i === 'string' ? words(i) : words(i.title) + words(i.description)), 0)) / 4;
  if (scene.kind === 'code') seconds = scene.code.split('\n').length / 2;
  if (scene.kind === 'command') seconds = scene.commands.length;
  return seconds > 3 ? { ...scene, minDuration: Math.min(10, Math.round(seconds)) } : scene;
}

function topicsOf(group: readonly DocSection[], names: ReadonlySet<string>): string[] {
  const top = Math.min(...group.map((s) => s.depth));
  const phrases = group
    .filter((s) => s.depth === top && s.blocks.length)
    .map((s) => topicOf(s.heading, names))
    .filter((t) => !t.question)
    .map((t) => t.phrase);
  return phrases.length > 4 ? [...phrases.slice(0, 4), 'more'] : phrases;
}

export function buildFromModel(model: DocModel, options: SourceOptions, warnings: string[] = []): SourceResult {
  const language = options.language ?? 'en';
  const names = properWords(model);
  const ctx: SceneContext = { document: model.document, names, language, warnings };
  const { intro, sections } = withOverview(model);
  const title = shorten(model.title.trim() || documentName(model.document), 70);
  const noun = model.noun ?? 'document';
  const subtitle = intro ? firstSentence(intro, 100, language) : undefined;
  const groups = splitSections(sections, Math.max(1, Math.floor(options.videos ?? 1)), warnings);
  const parts = groups.map((g) => g.flatMap((s) => sectionScenes(s, ctx)).map(withReadingTime));
  if (!parts.some((p) => p.length)) throw new VideogenError('SOURCE_UNREADABLE', `${model.document} has no text videogen can turn into scenes (no headings, paragraphs, lists or code)`, { document: model.document });
  const baseId = slug(title) || slug(documentName(model.document)) || 'document';
  const docSource = { document: model.document, section: title, lines: [1, 1] as [number, number] };
  const nonEmpty = groups.map((g, i) => ({ group: g, scenes: parts[i]! })).filter((p) => p.scenes.length);
  const total = nonEmpty.length;

  const specs = nonEmpty.map(({ group, scenes }, index): VideoSpec => {
    const topics = topicsOf(group, names);
    const part = total > 1 ? index + 1 : 0;
    const opening: Scene = part
      ? {
          kind: 'title',
          badge: `Part ${part} of ${total}`,
          title,
          subtitle: shorten(capital(spokenList(topics)), 80),
          narration: `${part === 1 && intro ? `${leadSentences(intro, 30, language)} ` : ''}Part ${countWord(part)} of ${countWord(total)} covers ${spokenList(topics)}.`,
          source: docSource,
        }
      : {
          kind: 'title',
          title,
          ...(subtitle ? { subtitle } : {}),
          narration: intro ? leadSentences(intro, 40, language) : `This video walks through ${midSentence(title, names)}.`,
          source: docSource,
        };
    const next = part && part < total ? topicsOf(nonEmpty[index + 1]!.group, names) : undefined;
    const closing: Scene = next
      ? {
          kind: 'outro',
          title: `Up next: part ${part + 1}`,
          subtitle: shorten(capital(spokenList(next)), 60),
          narration: `That's the end of part ${countWord(part)}. Part ${countWord(part + 1)} covers ${spokenList(next)}.`,
          source: docSource,
        }
      : {
          kind: 'outro',
          title: 'Thanks for watching',
          subtitle: shorten(`Read the full ${noun}: ${documentName(model.document)}`, 60),
          narration: `${topics.length ? `That covers ${spokenList(topics)}. ` : ''}Thanks for watching. ${sentence(`For every detail, read the full ${noun}`)}`,
          source: docSource,
        };
    const all: Scene[] = [opening, ...scenes, closing];
    assignIds(all);
    const input: VideoSpecInput = {
      id: part ? `${baseId}-part-${part}` : baseId,
      title: part ? shorten(`${title}, part ${part}`, 90) : title,
      ...(subtitle ? { description: subtitle } : {}),
      language,
      ...(options.aspect ? { aspect: options.aspect } : {}),
      ...(options.theme ? { theme: options.theme } : {}),
      ...(options.voice ? { voice: options.voice } : {}),
      scenes: all,
    };
    const result = validateSpec(input);
    if (!result.ok) throw new VideogenError('SPEC_INVALID', `the spec made from ${model.document} is invalid: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, { problems: result.problems });
    return result.value;
  });
  if (specs.length === 1) return { kind: 'video', spec: specs[0]!, warnings };
  return { kind: 'set', id: baseId, name: title, specs, warnings };
}

import type { Scene, SceneInput } from '../../spec/index.ts';
import { speakable } from '../../writing/speakable.ts';
import { firstSentence, leadSentences, shorten, splitProse, stripStop } from '../condense.ts';
import type { DocBlock, DocListItem, DocSection, Span } from './model.ts';
import { commandLines, isShell, splitCode, type CodePart } from './code.ts';
import { codeNarration, commandNarration, languageName, listNarration, proseScene, quoteNarration, tableNarration, type Voice } from './narrate.ts';
import { tokenizeCode } from '../../writing/code-tokens.ts';
import { spokenList, templateNarration } from '../../writing/templates.ts';
import { capital, sentence, topicOf } from './phrase.ts';

/**
 * One section → scenes chosen by its content: shell blocks → `command`, other code → `code`, lists and tables →
 * `list`, block quotes → `quote`, prose → a `list` of key points. Prose right before a visual is spoken over it (and
 * its first sentence becomes the one-line description) instead of getting a scene of its own.
 */

export const MAX_ITEMS = 6;
const TITLE_CHARS = 56;

export interface SceneContext {
  document: string;
  names: ReadonlySet<string>;
  language: string;
  warnings: string[];
}

type Draft = SceneInput & { source: { document: string; section: string; lines: [number, number] } };

const cite = (ctx: SceneContext, section: DocSection, lines: Span): Draft['source'] => ({ document: ctx.document, section: section.heading, lines: [lines.start, Math.max(lines.start, lines.end)] });

/** Chunks of at most MAX_ITEMS, balanced (8 → 4 + 4, not 6 + 2). */
function chunks<T>(items: readonly T[]): T[][] {
  const n = Math.ceil(items.length / MAX_ITEMS);
  const size = Math.ceil(items.length / n);
  return Array.from({ length: n }, (_, i) => items.slice(i * size, (i + 1) * size));
}

const groupKey = (item: DocListItem) => (item.title && item.description ? item.title.replace(/[:.]$/, '').toLowerCase() : undefined);

/**
 * List chunks that keep items sharing a title together ("Debug", "Debug", "Debug" in one scene), so each scene says a
 * title once: a boundary inside such a run moves forward while the earlier chunk has room, else back.
 */
function listChunks(items: readonly DocListItem[]): DocListItem[][] {
  const parts = chunks(items);
  for (let i = 0; i + 1 < parts.length; i++) {
    const a = parts[i]!;
    const b = parts[i + 1]!;
    const splits = () => a.length && b.length && groupKey(a.at(-1)!) !== undefined && groupKey(a.at(-1)!) === groupKey(b[0]!);
    const moved = { a: [...a], b: [...b] };
    while (splits() && a.length < MAX_ITEMS && b.length > 1) a.push(b.shift()!);
    if (splits()) {
      // Forward did not close the run: undo, and move the run's start into the later chunk instead.
      a.splice(0, a.length, ...moved.a);
      b.splice(0, b.length, ...moved.b);
      while (splits() && b.length < MAX_ITEMS && a.length > 1) b.unshift(a.pop()!);
      if (splits()) {
        a.splice(0, a.length, ...moved.a);
        b.splice(0, b.length, ...moved.b);
      }
    }
  }
  return parts.filter((p) => p.length);
}

function screenItem(item: DocListItem): string | { title: string; description?: string } {
  // Long "Symptom: fix" items read better as a title with a description than as one cut line.
  const colon = /^([^:]{3,60}):\s+(.{8,})$/.exec(item.text);
  if (!item.title && colon && item.text.length > 60 && colon[1]!.split(' ').length <= 8) item = { ...item, title: colon[1]!, description: colon[2]! };
  if (item.title && item.description) item = { ...item, description: capital(item.description) };
  if (item.title) return item.description ? { title: shorten(item.title, 56), description: stripStop(shorten(item.description, 100)) } : { title: shorten(item.title, 60) };
  return stripStop(shorten(item.text, 90));
}

export function sectionScenes(section: DocSection, ctx: SceneContext): Draft[] {
  const out: Draft[] = [];
  const topic = topicOf(section.heading, ctx.names);
  const title = shorten(section.heading, TITLE_CHARS);
  const voice: Voice = { topic, language: ctx.language, names: ctx.names };
  let prose: DocBlock[] = [];
  let lastBlock: DocBlock | undefined;
  const proseText = () => prose.map((b) => (b.type === 'paragraph' ? b.text : '')).join(' ');
  const span = (block: DocBlock): Span => ({ start: Math.min(out.length ? block.lines.start : section.lines.start, prose[0]?.lines.start ?? Infinity, block.lines.start), end: block.lines.end });

  const flushProse = (force: boolean) => {
    if (!prose.length) return;
    const text = proseText();
    const words = text.split(/\s+/).length;
    // Long prose gets its own key-points scene; a short lead-in is spoken over the next visual instead.
    if (force || words > 60) {
      const scene = proseScene(title, text, voice);
      if (scene) out.push({ ...scene, source: cite(ctx, section, { start: out.length ? prose[0]!.lines.start : section.lines.start, end: prose.at(-1)!.lines.end }) });
      prose = [];
    }
  };

  // What this section's code scenes have said, by predicate ("loads commander and creates a Command instance").
  const saidCode = new Map<string, number>();
  // Long code continues over consecutive scenes, each titled by the function it shows or "…, continued".
  const pushCode = (parts: CodePart[], language: string, lead: string | undefined, source: Draft['source']) => {
    parts.forEach((part, i) => {
      const named = i > 0 && part.name && `${section.heading}: ${part.name}`.length <= TITLE_CHARS ? `${section.heading}: ${part.name}` : undefined;
      const partTitle = i === 0 ? title : (named ?? shorten(`${section.heading}, continued`, TITLE_CHARS));
      let narration = language === 'bash' && i === 0 ? commandNarration(commandLines(part.code), lead, voice) : codeNarration(part.code, language, i === 0 ? lead : undefined, voice, i);
      narration = unrepeated(narration, part.code, language, saidCode);
      const previous = out.at(-1);
      if (!narration && i > 0 && previous?.kind === 'code') narration = shareNarration(previous, part.code, language);
      out.push({ kind: 'code', title: partTitle, code: part.code, language, narration, source });
    });
  };

  for (const block of section.blocks) {
    if (block.type === 'paragraph') {
      prose.push(block);
      lastBlock = block;
      continue;
    }
    flushProse(false);
    const lead = prose.length ? leadSentences(proseText(), 40, ctx.language, block.type === 'code') : undefined;
    // A lead-in ending in ":" already introduces the block ("Install it with npm:"), so no bridge sentence follows.
    const introduces = /:\s*$/.test(proseText());
    // "Start a Redis server on 127.0.0.1:6379, and then" reads as cut off on screen: the dangling words go.
    const description = prose.length ? firstSentence(proseText(), 100, ctx.language)?.replace(/[\s,;]+(?:and then|then|and|or)$/i, '') : undefined;
    const lines = span(block);
    const source = cite(ctx, section, lines);
    const previous = out.at(-1);
    if (block.type === 'code' && isShell(block)) {
      const commands = commandLines(block.code);
      // Consecutive shell blocks with nothing between them read as one terminal session.
      if (previous?.kind === 'command' && lastBlock?.type === 'code' && !prose.length && previous.commands.length + commands.length <= 10) {
        previous.commands.push(...commands);
        previous.source.lines[1] = block.lines.end;
        previous.narration = commandNarration(previous.commands, undefined, voice);
      } else if (commands.length <= 10) {
        out.push({ kind: 'command', title, ...(description ? { description } : {}), commands, narration: commandNarration(commands, lead, voice, introduces), source });
      } else {
        pushCode(splitCode(block.code, 'bash', ctx), 'bash', lead, source);
      }
    } else if (block.type === 'code') {
      const language = block.language ?? 'text';
      pushCode(splitCode(block.code, language, ctx), language, lead, source);
    } else if (block.type === 'list') {
      const parts = listChunks(block.items);
      parts.forEach((items, i) => {
        const continued = i > 0;
        out.push({
          kind: 'list',
         
          title: continued ? shorten(`${section.heading}, continued`, TITLE_CHARS) : title,
          ...(description && !continued ? { description } : {}),
          items: items.map(screenItem),
          numbered: block.ordered,
          narration: listNarration(block, items, continued ? undefined : lead, voice, i),
          source,
        });
      });
    } else if (block.type === 'table') {
      const header = block.header;
      const parts = chunks(block.rows);
      // Wide tables drop the "Column:" labels from every row and show the column names once, as the description.
      const compact = block.rows.some((row) => labelled(header, row).length > 80);
      parts.forEach((rows, i) => {
        out.push({
          kind: 'list',
         
          title: i ? shorten(`${section.heading}, continued`, TITLE_CHARS) : title,
          ...(!i && (compact || description) ? { description: compact ? shorten(header.slice(1).join(' · '), 80) : description! } : {}),
          items: rows.map((row) => tableRow(header, row, compact)),
          numbered: false,
          narration: tableNarration(header, rows, i ? undefined : lead, voice, i),
          source,
        });
      });
    } else {
      out.push({ kind: 'quote', text: quoteText(block.text), ...(block.attribution ? { attribution: shorten(block.attribution, 60) } : {}), narration: quoteNarration(block.text, block.attribution, lead, voice), source });
    }
    prose = [];
    lastBlock = block;
  }
  if (prose.length) {
    // Trailing prose: its own scene when the section has nothing else (or it is long), else spoken after the last visual.
    const last = out.at(-1);
    const text = proseText();
    if (last && text.split(/\s+/).length <= 40 && 'narration' in last && last.narration) {
      last.narration = `${last.narration} ${leadSentences(text, 40, ctx.language)}`;
      last.source.lines[1] = prose.at(-1)!.lines.end;
    } else flushProse(true);
  }
  // A scene whose words were all pointers or code ("Example file: x.js") still needs narration: read its visuals.
  for (const draft of out) if (!draft.narration?.trim()) draft.narration = speakable(templateNarration(validScene(draft))) || `${sentence(title)}`;
  return out;
}

/** Words of the language, not names a listener would want to hear. */
const KEYWORD = /^(?:const|let|var|return|function|await|async|else|for|while|new|this|self|true|false|null|None|undefined|import|from|export|default|class|def|end)$/;

/**
 * Narration for a continued code part that has no facts of its own: the previous part's last sentence moves here
 * (the code is still on screen while it is said); with a one-sentence previous part, the names this part uses.
 */
function shareNarration(previous: Draft, code: string, language: string): string {
  const sentences = splitProse(previous.narration ?? '');
  if (sentences.length >= 2) {
    previous.narration = sentences.slice(0, -1).join(' ');
    return sentences.at(-1)!;
  }
  const names = [...new Set(tokenizeCode(code, language).tokens.filter((t) => t.kind === 'ident' && t.text.length > 2 && !KEYWORD.test(t.text)).map((t) => t.text))].slice(0, 3);
  const what = languageName(language) ?? 'code';
  return names.length ? speakable(`The ${what} goes on with ${spokenList(names)}.`) : `The rest of the ${what} closes the block above.`;
}

/** The subjects code-explain.ts varies ("This example", "The code", …): the predicate after them is what is said. */
const CODE_SUBJECT = /^(?:This example|The code|This snippet|Here, the code|The sample|This listing|The configuration)\s+/;
const SAME_AGAIN = ['The same code, written for', 'Here it is again, in', 'And once more, in'];

/**
 * Code scenes of one section that do the same thing (one snippet in CommonJS, ECMAScript and TypeScript) got the same
 * sentence with another subject ("This example loads commander…", "The code loads commander…"): a repeated predicate
 * is said once; later scenes name what differs, from their first comment ("// ECMAScript (.mjs)") or language.
 */
function unrepeated(narration: string, code: string, language: string, said: Map<string, number>): string {
  const sentences = splitProse(narration);
  const kept = sentences.filter((s) => {
    if (!CODE_SUBJECT.test(s)) return true;
    const key = s.replace(CODE_SUBJECT, '').toLowerCase();
    const n = said.get(key) ?? 0;
    said.set(key, n + 1);
    return n === 0;
  });
  if (kept.length === sentences.length) return narration;
  if (kept.length) return kept.join(' ');
  const repeat = Math.max(...said.values()) - 1;
  const comment = /^\s*(?:\/\/|#|--)\s*([A-Z][\w+#. -]{1,30}?)\s*(?:\([^)]*\))?\s*$/m.exec(code)?.[1];
  const what = comment ?? languageName(language);
  return what ? `${SAME_AGAIN[(repeat - 1 + SAME_AGAIN.length) % SAME_AGAIN.length]} ${what}.` : narration;
}

/** Drafts are scene inputs; the visual template reads only fields they always have. */
const validScene = (draft: Draft) => ({ ...draft, narration: undefined }) as unknown as Scene;

const labelled = (header: readonly string[], row: readonly string[]) =>
  row
    .slice(1)
    .map((cell, i) => (cell ? `${header[i + 1] ? `${header[i + 1]}: ` : ''}${cell}` : ''))
    .filter(Boolean)
    .join(' — ');

/** A table row as a list item: the first cell is the title, the others "Column: value" pairs (or bare values). */
function tableRow(header: readonly string[], row: readonly string[], compact: boolean): string | { title: string; description?: string } {
  const title = shorten(row[0] || header[0] || 'Row', 40);
  const rest = compact ? row.slice(1).map((c) => c || '–').join(' · ') : labelled(header, row);
  return rest.replace(/[–·\s]/g, '') ? { title, description: stripStop(shorten(rest, 80)) } : title;
}

/** Whole sentences up to ~220 characters, so a quote fits its card without being cut mid-thought. */
function quoteText(text: string): string {
  if (text.length <= 220) return text;
  const lead = leadSentences(text, 36);
  return lead.length <= 240 ? lead : shorten(text, 220);
}

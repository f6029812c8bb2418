import { describe, expect, it } from 'vitest';
import { validateSpec, type Scene, type VideoSpec, type VideoSpecInput } from '../../src/spec/index.ts';
import { drawScene, layoutScene, type LaidOutScene } from '../../src/render/compose.ts';
import { applyReveals } from '../../src/render/reveal.ts';
import { elementsSignature } from '../../src/render/draw.ts';
import type { Element } from '../../src/render/elements.ts';
import { contrast } from '../../src/render/color.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { FOCUS_FADE, STAGGER, focusLevel } from '../../src/render/motion.ts';
import { estimateBeats } from '../../src/timeline/beats.ts';
import { createSurface } from '../../src/media/canvas.ts';
import { layoutContext, sentenceBeats } from './helpers.ts';

function video(scenes: VideoSpecInput['scenes'], mode: 'light' | 'dark' = 'light'): VideoSpec {
  const r = validateSpec({ id: 'reveal', title: 'Reveal', theme: { accent: 'blue', mode }, scenes });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}


async function laidOut(spec: VideoSpec, index = 0): Promise<LaidOutScene> {
  return layoutScene(spec, spec.scenes[index]!, index, { ...(await layoutContext()), frame: frameFor(spec.aspect, 540) });
}

/** Top-level elements tagged as content steps, in step order. */
function steps(laid: LaidOutScene): Element[] {
  return laid.elements.filter((e) => e.enter?.step !== undefined).sort((a, b) => a.enter!.step! - b.enter!.step!);
}

const TOOLS = ['Git for version control', 'Node for running scripts', 'Vitest for tests', 'ESLint for style', 'Prettier for formatting', 'ffmpeg for media'];
const listSpec = video([{ id: 'tools', kind: 'list', title: 'Six tools for every project', numbered: true, items: TOOLS }]);
const SENTENCES: [string, number][] = [
  ['Here are six tools worth knowing.', 2],
  ['Git keeps the history of your version control.', 2.5],
  ['Node runs your scripts.', 1.5],
  ['Vitest checks your code with tests.', 2],
  ['ESLint keeps the style consistent.', 2],
  ['Prettier takes care of formatting.', 2],
  ['And ffmpeg handles all the media.', 2],
];

describe('reveal pass: list items appear as the narration reaches them', () => {
  it('each item enters while the sentence that names it plays, in order, never before the heading', async () => {
    const laid = await laidOut(listSpec);
    const b = sentenceBeats(SENTENCES);
    const timed = applyReveals(laid, b);
    const rows = steps(timed);
    expect(rows).toHaveLength(6);
    rows.forEach((row, i) => {
      const s = b.sentences[i + 1]!;
      expect(row.enter!.delay, `item ${i}`).toBeGreaterThanOrEqual(s.start);
      expect(row.enter!.delay, `item ${i}`).toBeLessThan(s.end);
    });
    expect(timed.reveals!.steps.map((s) => [s.sentence, s.mentioned])).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, true]));
    // The scene settles once the last emphasis has faded, after the narration ends — not after the entrances.
    expect(timed.settlesAt).toBeCloseTo(b.narrationEnd + FOCUS_FADE, 5);
    expect(laid.settlesAt).toBeLessThan(2);
    // The input is left as it was (layout can be reused with other beats).
    expect(steps(laid)[5]!.enter!.delay).toBeLessThan(2);
  });

  it('the voice names several items in one sentence: each at its word, 100 ms apart at least', async () => {
    const laid = await laidOut(listSpec);
    const b = sentenceBeats([['Six tools.', 1], ['We use Git for version control, Node for scripts, Vitest for tests, ESLint for style, Prettier for formatting and ffmpeg for media.', 7]]);
    const delays = steps(applyReveals(laid, b)).map((e) => e.enter!.delay);
    for (let i = 1; i < delays.length; i++) expect(delays[i]! - delays[i - 1]!).toBeGreaterThanOrEqual(STAGGER - 1e-9);
    expect(delays[0]).toBeGreaterThan(b.sentences[1]!.start);
    expect(delays[5]).toBeLessThan(b.sentences[1]!.end);
    // Spread along the sentence (word positions), not bunched at its start.
    expect(delays[5]! - delays[0]!).toBeGreaterThan(2);
  });

  it('items the narration never names are spread over its sentences in order', async () => {
    const laid = await laidOut(listSpec);
    const b = sentenceBeats([['A short intro.', 2], ['Then a second thought.', 2], ['And a third one.', 2]]);
    const timed = applyReveals(laid, b);
    expect(timed.reveals!.steps.map((s) => s.sentence)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(timed.reveals!.steps.every((s) => !s.mentioned && !s.focus)).toBe(true);
  });

  it('items after the last one named follow it with a short stagger', async () => {
    const laid = await laidOut(listSpec);
    const b = sentenceBeats([['Six tools.', 1], ['Git keeps your version control.', 3]]);
    const at = applyReveals(laid, b).reveals!.steps.map((s) => s.at);
    for (let i = 1; i < 6; i++) expect(at[i]! - at[i - 1]!).toBeCloseTo(STAGGER, 5);
    // With a sentence still to come, they wait for it instead.
    const later = applyReveals(laid, sentenceBeats([['Six tools.', 1], ['Git keeps your version control.', 3], ['That is all for today.', 2]])).reveals!.steps;
    expect(later.slice(1).map((s) => s.sentence)).toEqual([2, 2, 2, 2, 2]);
  });

  it('a scene whose narration names none of its items and has one sentence keeps its layout timing (deck-12)', async () => {
    const laid = await laidOut(listSpec);
    const timed = applyReveals(laid, sentenceBeats([['The key takeaways.', 1.2]]));
    expect(steps(timed).map((e) => e.enter!.delay)).toEqual(steps(laid).map((e) => e.enter!.delay));
    expect(timed.settlesAt).toBe(laid.settlesAt);
  });

  it('a silent scene is returned unchanged', async () => {
    const laid = await laidOut(listSpec);
    expect(applyReveals(laid, { sentences: [], narrationEnd: 0, measured: true })).toBe(laid);
  });
});

describe('emphasis of the current item', () => {
  it('the item the voice is on has a ring that fades in, holds, and is gone once the voice moves on; the last one is normal after the narration', async () => {
    const laid = await laidOut(listSpec);
    const b = sentenceBeats(SENTENCES);
    const timed = applyReveals(laid, b);
    const rows = steps(timed);
    rows.forEach((row, i) => {
      const f = row.focus!;
      expect(f, `item ${i}`).toBeDefined();
      const next = rows[i + 1]?.enter!.delay ?? b.narrationEnd;
      expect(f.end).toBeCloseTo(next, 5);
      expect(focusLevel(f, (f.start + f.end) / 2)).toBe(1);
      expect(focusLevel(f, f.end + FOCUS_FADE + 0.01)).toBe(0);
    });
    expect(focusLevel(rows[5]!.focus!, b.narrationEnd + FOCUS_FADE)).toBe(0);
  });

  it('never flashes: at most one emphasis change per second (WCAG 2.3.1 allows three flashes)', async () => {
    const laid = await laidOut(listSpec);
    const b = sentenceBeats([['Six tools.', 1], ['We use Git for version control, Node for scripts, Vitest for tests, ESLint for style, Prettier for formatting and ffmpeg for media.', 7], ['That is the list.', 2]]);
    const rings = steps(applyReveals(laid, b)).flatMap((e) => (e.focus ? [e.focus] : []));
    for (const f of rings) expect(f.end - f.start).toBeGreaterThanOrEqual(1.2);
  });

  it('the ring has the text-safe accent (≥ 4.5:1 on the background and on cards, both modes) and changes no text/backdrop pair', async () => {
    for (const mode of ['light', 'dark'] as const) {
      const laid = await laidOut({ ...listSpec, theme: { ...listSpec.theme, mode } });
      const timed = applyReveals(laid, sentenceBeats(SENTENCES));
      const ring = steps(timed)[0]!.focus!;
      expect(contrast(ring.color, timed.theme.background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(ring.color, timed.theme.surface)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('is drawn: pixels on the ring change while the item is current and are back to normal after', async () => {
    const laid = await laidOut(listSpec);
    const timed = applyReveals(laid, sentenceBeats(SENTENCES));
    const row = steps(timed)[0]!;
    const f = row.focus!;
    const draw = (t: number) => {
      const s = createSurface(timed.frame.width, timed.frame.height);
      drawScene(s.ctx, timed, t);
      // A pixel just outside the row's left edge, at its vertical middle: where the ring runs.
      const x = Math.round(f.box.x - f.lineWidth * 1.5);
      const y = Math.round(f.box.y + f.box.h / 2);
      return [...s.ctx.getImageData(x, y, 1, 1).data];
    };
    const during = draw((f.start + f.end) / 2 + 0.3);
    const after = draw(timed.settlesAt + 0.5);
    expect(during).not.toEqual(after);
  });
});

describe('stills between the moments', () => {
  it('frames between two reveals have the same signature; frames of an entrance or a fade do not', async () => {
    const laid = await laidOut(listSpec);
    const b = sentenceBeats(SENTENCES);
    const timed = applyReveals(laid, b);
    const rows = steps(timed);
    const a = rows[1]!.enter!.delay;
    const z = rows[2]!.enter!.delay;
    // Between "Node…" settling (entrance + fade over) and "Vitest…" starting: a still.
    const still = [a + 0.5, a + 0.8, z - 0.01].map((t) => elementsSignature(timed.elements, t));
    expect(new Set(still).size).toBe(1);
    const moving = [z + 0.05, z + 0.15, z + 0.3].map((t) => elementsSignature(timed.elements, t));
    expect(new Set(moving).size).toBe(3);
  });
});

describe('code lines follow the narration', () => {
  const codeSpec = video([
    {
      id: 'fetch',
      kind: 'code',
      language: 'python',
      title: 'Fetch three pages',
      code: 'import asyncio\n\nasync def fetch(session, url):\n    return await session.get(url)\n\nasync def main(urls):\n    return await asyncio.gather(*(fetch(s, u) for u in urls))',
    },
  ]);

  it('a line is banded from the word that names one of its identifiers until the voice names another line', async () => {
    const laid = await laidOut(codeSpec);
    const b = sentenceBeats([['Three pages at once.', 1.5], ['First, fetch asks the session for one URL.', 3], ['Then gather runs them together.', 2.5]]);
    const timed = applyReveals(laid, b);
    const code = timed.elements.flatMap(function all(e): Element[] {
      return e.type === 'group' ? e.children.flatMap(all) : [e];
    }).find((e) => e.type === 'code');
    if (code?.type !== 'code') throw new Error('no code element');
    const banded = code.lines.map((l, i) => (l.focus ? i + 1 : 0)).filter(Boolean);
    // "fetch": lines 3 and 7; "session" and "URL": lines 3 and 4; "gather": line 7.
    expect(banded).toEqual([3, 4, 7]);
    const [s1, s2] = [b.sentences[1]!, b.sentences[2]!];
    const [line3, line4, line7] = [code.lines[2]!.focus!, code.lines[3]!.focus!, code.lines[6]!.focus!];
    // Line 3 from "fetch" to the end of the sentence ("session" and "URL" name it too; a band lasts ≥ 0.8 s, so one
    // named by the last word runs a little into the pause).
    const endsWith = (w: { end: number }, s: { end: number }) => w.end >= s.end - 1e-9 && w.end <= s.end + 0.8;
    expect(line3).toHaveLength(1);
    expect(line3[0]!.start).toBeGreaterThan(s1.start);
    expect(endsWith(line3[0]!, s1)).toBe(true);
    // Line 4 from "session", later than "fetch"; line 7 from "fetch" until "session", then again while "gather" is said.
    expect(line4[0]!.start).toBeGreaterThan(line3[0]!.start);
    expect(endsWith(line4[0]!, s1)).toBe(true);
    expect(line7).toHaveLength(2);
    expect(line7[0]).toEqual({ start: line3[0]!.start, end: line4[0]!.start });
    expect(line7[1]!.start).toBeGreaterThan(s2.start);
    expect(endsWith(line7[1]!, s2)).toBe(true);
    expect(timed.reveals!.codeFocus.length).toBe(4);
    // The bar at the start of a banded line is a non-text mark: ≥ 3:1 on the panel (WCAG 1.4.11).
    expect(contrast(code.focusMarker!, code.on)).toBeGreaterThanOrEqual(3);
    // Syntax colours are chosen for the band; they keep AA on it.
    for (const i of [2, 3, 6]) {
      for (const t of code.lines[i]!.tokens) if (t.text.trim()) expect(contrast(t.color, code.emphasisFill), t.text).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('code bands follow the explanation, not the prose around it (commander README)', () => {
  // The real code and narration of commander's "Options" and "Quick Start" sections (test/fixtures/real/commander-README.md).
  const OPTIONS = "program\n  .option('-p, --port <number>', 'server port number')\n  .option('--trace', 'add extra debugging output')\n  .option('--ws, --workspace <name>', 'use a custom workspace')";
  const QUICK =
    "const { program } = require('commander');\n\nprogram\n  .option('--first')\n  .option('-s, --separator <char>')\n  .argument('<string>');\n\nprogram.parse();\n\nconst options = program.opts();\nconst limit = options.first ? 1 : undefined;\nconsole.log(program.args[0].split(options.separator, limit));";
  const PIZZA = "program\n  .option('-d, --debug', 'output extra debugging')\n  .option('-s, --small', 'small pizza size')\n  .option('-p, --pizza-type <type>', 'flavour of pizza');\n\nprogram.parse(process.argv);";
  const codeOf = async (code: string, said: [string, number][]) => {
    const spec = video([{ id: 'c', kind: 'code', language: 'javascript', title: 'Options', code }], 'dark');
    const b = sentenceBeats(said);
    const timed = applyReveals(await laidOut(spec), b);
    const el = timed.elements.flatMap(function all(e): Element[] {
      return e.type === 'group' ? e.children.flatMap(all) : [e];
    }).find((e) => e.type === 'code');
    if (el?.type !== 'code') throw new Error('no code element');
    // Lines (1-based) banded during each sentence.
    const during = b.sentences.map((s) => el.lines.flatMap((l, i) => (l.focus?.some((w) => w.start < s.end && w.start >= s.start) ? [i + 1] : [])));
    return { el, b, during };
  };

  it('"declares the port, trace, and ws options" walks down the three lines; the prose about options bands nothing', async () => {
    const { el, b, during } = await codeOf(OPTIONS, [
      ['Options are defined with the option method, also serving as documentation for the options.', 4],
      ['Each option can have a short flag (single character) and a long name, separated by a comma, a space, or a vertical bar.', 5],
      ['Here, the code declares the port, trace, and ws options.', 3],
    ]);
    expect(during).toEqual([[], [], [2, 3, 4]]);
    const starts = [1, 2, 3].map((i) => el.lines[i]!.focus![0]!.start);
    expect(starts[0]).toBeLessThan(starts[1]!);
    expect(starts[1]).toBeLessThan(starts[2]!);
    expect(starts[0]).toBeGreaterThan(b.sentences[2]!.start);
    // Dark panel: the bar at the start of the band stays a visible non-text mark.
    expect(contrast(el.focusMarker!, el.on)).toBeGreaterThanOrEqual(3);
    // The band itself stands out from the dark panel: an accent tint (blue 1.43:1, purple 1.36:1, green 1.58:1) where
    // the layout's grey band was 1.30:1 and colourless, lost in a video…
    expect(contrast(el.emphasisFill, el.on)).toBeGreaterThanOrEqual(1.35);
    // …and every token keeps AA on it.
    for (const line of el.lines) for (const t of line.tokens) if (t.text.trim()) expect(contrast(t.color, el.emphasisFill), t.text).toBeGreaterThanOrEqual(4.5);
  });

  it('quick start: "Commander looks after…" lights nothing; the explanation lights the lines it names', async () => {
    const { during } = await codeOf(QUICK, [
      ['You write code to describe your command line interface.', 3],
      ['Commander looks after parsing the arguments into options and command-arguments, displays usage errors for problems, and implements a help system.', 7],
      ['This snippet loads commander, declares the first and separator options, takes a string argument, calls opts on program, parses the command line, and prints the result.', 9],
    ]);
    expect(during[0]).toEqual([]);
    expect(during[1]).toEqual([]);
    // commander (1), --first (4, options.first 11), --separator (5, 12), the string argument (6), opts (10), parse (8).
    for (const line of [1, 4, 5, 6, 10]) expect(during[2]).toContain(line);
  });

  it('a flag is matched whole: "pizza-type" is the third option, not the line whose help text says "pizza"', async () => {
    const { el } = await codeOf(PIZZA, [['The code declares the debug, small, and pizza-type options and parses the command line.', 5]]);
    const banded = el.lines.map((l, i) => (l.focus ? i + 1 : 0)).filter(Boolean);
    // …and "parses" lights program.parse (line 6).
    expect(banded).toEqual([2, 3, 4, 6]);
    const [small, pizza] = [el.lines[2]!.focus!, el.lines[3]!.focus!];
    // "small" is lit once, and "pizza-type" after it.
    expect(small).toHaveLength(1);
    expect(pizza[0]!.start).toBeGreaterThan(small[0]!.start);
  });

  it('identifiers read aloud word by word are found: "Invalid Argument Error", "my parse int"', async () => {
    const code =
      "function myParseInt(value, dummyPrevious) {\n  // parseInt takes a string and a radix\n  const parsedValue = parseInt(value, 10);\n  if (isNaN(parsedValue)) {\n    throw new commander.InvalidArgumentError('Not a number.');\n  }\n  return parsedValue;\n}";
    const { el } = await codeOf(code, [['Here, the code creates an Invalid Argument Error instance and defines the my parse int function.', 6]]);
    const banded = el.lines.map((l, i) => (l.focus ? i + 1 : 0)).filter(Boolean);
    expect(banded).toEqual([1, 5]);
    // In spoken order: the throw first, then the function.
    expect(el.lines[4]!.focus![0]!.start).toBeLessThan(el.lines[0]!.focus![0]!.start);
  });
});

describe('quiz options appear as they are read, and the answer reveal keeps its distance', () => {
  it('options at their words; the reveal after the last option by the layout gap', async () => {
    const quiz = video([
      { id: 'q', kind: 'quiz', question: 'What does await asyncio.sleep(0) do?', options: ['Nothing at all', 'Yields control to the event loop', 'Blocks the thread', 'Cancels the task'], answer: 1, reveal: true },
    ]);
    const laid = await laidOut(quiz);
    const b = estimateBeats(quiz.scenes[0] as Scene);
    const timed = applyReveals(laid, b);
    const opts = steps(timed);
    expect(opts).toHaveLength(4);
    const sentence = b.sentences.find((s) => s.text.startsWith('Is it'))!;
    for (const o of opts) {
      expect(o.enter!.delay).toBeGreaterThanOrEqual(sentence.start);
      expect(o.enter!.delay).toBeLessThan(sentence.end);
    }
    const revealOf = (l: LaidOutScene) => Math.max(...l.elements.filter((e) => e.enter?.step === undefined).map((e) => e.enter?.delay ?? 0));
    const gap = (l: LaidOutScene) => revealOf(l) - Math.max(...steps(l).map((e) => e.enter!.delay));
    expect(gap(timed)).toBeCloseTo(gap(laid), 5);
  });
});

describe('estimated beats (previews, before any audio)', () => {
  it('sentences in order from the lead-in, separated by the sentence pause', () => {
    const b = estimateBeats({ ...(listSpec.scenes[0] as Scene), narration: SENTENCES.map((s) => s[0]).join(' ') } as Scene);
    expect(b.sentences).toHaveLength(7);
    expect(b.sentences[0]!.start).toBeCloseTo(0.3, 5);
    for (let i = 1; i < 7; i++) expect(b.sentences[i]!.start - b.sentences[i - 1]!.end).toBeCloseTo(0.25, 5);
    expect(b.measured).toBe(false);
  });
});

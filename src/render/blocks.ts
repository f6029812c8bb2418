import type { CodeElement, CodeLine, CodeToken, Element, RectElement, TextElement } from './elements.ts';
import type { Box } from './geometry.ts';
import { sliceLeft, sliceTop } from './geometry.ts';
import type { IconName } from './icons.ts';
import { enterEnd, stagger, type Enter } from './motion.ts';
import type { LayoutEnv } from './scene-types.ts';
import { fitText, textBounds, type TextStyle } from './text.ts';
import { textStyle, type TypeRole } from './type-scale.ts';
import { cssFont } from './fonts.ts';
import { separateLigatures } from './code-highlight.ts';
import { graphemes } from './text.ts';
import { blend } from './color.ts';

/** Shared design pieces: every scene kind is built from these, so spacing and type stay consistent. */

export interface TextOptions extends Partial<TextStyle> {
  color: string;
  on: string;
  enter?: Enter;
  weight?: 400 | 500 | 600 | 700 | 800;
  size?: number;
  tracking?: number;
}

/** Fits `text` into `box` with a type role and warns (naming the slot) when it had to be cut. */
export function textBlock(env: LayoutEnv, slot: string, text: string, box: Box, role: TypeRole, opts: TextOptions): TextElement {
  const { color, on, enter, tracking, ...style } = opts;
  const fitted = fitText(text, box, textStyle(role, env.frame.unit, style), env.measure);
  if (fitted.truncated) env.warn(`${slot}: text was too long for its box and was cut with "…"; shorten it or split the scene`);
  return { type: 'text', text: fitted, color, on, ...(enter ? { enter } : {}), ...(tracking ? { tracking } : {}) };
}

/** Spacing step: 8 px at 1080p. */
export function space(env: LayoutEnv, steps: number): number {
  return 8 * steps * env.frame.unit;
}

export function card(env: LayoutEnv, box: Box, opts: { fill?: string; stroke?: string; enter?: Enter; radius?: number; shadow?: boolean } = {}): RectElement {
  const { theme, frame } = env;
  return {
    type: 'rect',
    box,
    fill: opts.fill ?? theme.surface,
    stroke: opts.stroke ?? theme.surfaceBorder,
    lineWidth: 2 * frame.unit,
    radius: opts.radius ?? 28 * frame.unit,
    ...(opts.shadow === false ? {} : { shadow: { color: theme.shadow, blur: 36 * frame.unit, offsetY: 12 * frame.unit } }),
    ...(opts.enter ? { enter: opts.enter } : {}),
  };
}

/** A rounded accent tile with a line icon, used at the start of headers. */
export function iconTile(env: LayoutEnv, icon: IconName, box: Box, enter?: Enter, fill = env.theme.accentFill, color = env.theme.onAccent): Element {
  const pad = box.w * 0.24;
  return {
    type: 'group',
    box,
    ...(enter ? { enter } : {}),
    children: [
      { type: 'rect', box, fill, radius: box.w * 0.26 },
      { type: 'icon', name: icon, box: { x: box.x + pad, y: box.y + pad, w: box.w - 2 * pad, h: box.h - 2 * pad }, color, lineWidth: 2.6 * env.frame.unit * (box.w / 88) },
    ],
  };
}

export interface HeaderResult {
  elements: Element[];
  /** Space left below the header. */
  rest: Box;
  /** Next stagger index. */
  next: number;
}

/** Icon tile + heading + optional description at the top of `box`; the heading wraps to two lines at most. */
export function header(env: LayoutEnv, box: Box, content: { icon: IconName; title: string; description?: string | undefined }, startIndex = 0): HeaderResult {
  const { theme, frame } = env;
  const u = frame.unit;
  const tile = 88 * u;
  const [tileBox, textArea] = sliceLeft(box, tile, space(env, 4));
  // A portrait column is narrow: the heading and the description may take a third line before they shrink or cut.
  const lines = frame.portrait ? 3 : 2;
  const titleMaxH = 66 * 1.18 * u * lines;
  const title = textBlock(env, 'title', content.title, { ...textArea, h: titleMaxH }, 'heading', { color: theme.text, on: theme.background, maxLines: lines, enter: stagger(startIndex, 'up') });
  const titleH = Math.max(title.text.lines.length * title.text.lineHeight, tile * 0.8);
  const elements: Element[] = [iconTile(env, content.icon, { ...tileBox, h: tile, y: box.y + Math.max(0, (Math.min(titleH, title.text.lineHeight) - tile) / 2) }, stagger(startIndex, 'scale')), title];
  let bottom = box.y + Math.max(titleH, tile);
  if (content.description) {
    const descBox = { x: textArea.x, y: box.y + titleH + space(env, 1), w: textArea.w, h: 40 * 1.32 * u * lines };
    const desc = textBlock(env, 'description', content.description, descBox, 'body', { color: theme.textMuted, on: theme.background, maxLines: lines, enter: stagger(startIndex + 1, 'up') });
    elements.push(desc);
    bottom = Math.max(bottom, descBox.y + desc.text.lines.length * desc.text.lineHeight);
  }
  const [, rest] = sliceTop(box, bottom - box.y, space(env, 5));
  return { elements, rest, next: startIndex + (content.description ? 2 : 1) };
}

/** A pill label (badge). `x` is its left edge, or its centre when `center` is set. Returns the element and its box. */
export function pill(env: LayoutEnv, slot: string, label: string, at: { x: number; y: number; center?: boolean; maxW: number }, colors: { fill: string; text: string; stroke?: string }, enter?: Enter): { element: Element; box: Box } {
  const u = env.frame.unit;
  const padX = 22 * u;
  const h = 52 * u;
  const style = textStyle('label', u, { size: 26, weight: 700, maxLines: 1 });
  const measured = env.measure.width(label.toUpperCase(), cssFont(style.font)) + 1.2 * u * label.length;
  const w = Math.min(at.maxW, measured + 2 * padX);
  const x = at.center ? at.x - w / 2 : at.x;
  const box = { x, y: at.y, w, h };
  const text = textBlock(env, slot, label.toUpperCase(), { x: x + padX, y: at.y, w: w - 2 * padX, h }, 'label', { size: 26, weight: 700, maxLines: 1, align: 'center', valign: 'middle', color: colors.text, on: colors.fill, tracking: 1.2 * u });
  return {
    box,
    element: { type: 'group', box, ...(enter ? { enter } : {}), children: [{ type: 'rect', box, fill: colors.fill, radius: h / 2, ...(colors.stroke ? { stroke: colors.stroke, lineWidth: 2 * u } : {}) }, text] },
  };
}

export { textBounds };

/** A numbered (or bulleted) round marker. */
export function marker(env: LayoutEnv, cx: number, cy: number, r: number, label: string, colors: { fill: string; text: string }): Element[] {
  const u = env.frame.unit;
  const box = { x: cx - r, y: cy - r, w: 2 * r, h: 2 * r };
  return [
    { type: 'circle', cx, cy, r, fill: colors.fill },
    textBlock(env, 'marker', label, box, 'label', { size: Math.min(30, (r / u) * 1.05), weight: 700, align: 'center', valign: 'middle', maxLines: 1, color: colors.text, on: colors.fill }),
  ];
}

export interface CodePanelContent {
  code: string;
  language?: string | undefined;
  label?: string | undefined;
  /** Colour of the label text's dot in the header bar. */
  labelDot?: string;
  highlight?: number[] | undefined;
  lineNumbers?: boolean;
  /** Pre-tokenised lines (terminals style their own). */
  lines?: CodeLine[];
  /** Keep the panel at the full box height (side-by-side panels); otherwise it shrinks to its lines. */
  fullHeight?: boolean;
}

/**
 * A dark code panel with a window bar. The type is the largest code size (34 → 28 at 1080p) at which the longest line
 * and all lines fit; lines still too long at 28 wrap, each continuation marked "↳", so a line is never cut silently.
 * Lines past the bottom collapse into a "+N more lines" note (H3's splitter keeps that rare). A line's own `enter`
 * (terminals type in line by line) is kept by its wrapped continuations, so a long command appears all at once.
 */
export function codePanel(env: LayoutEnv, slot: string, box: Box, content: CodePanelContent, enter?: Enter): Element {
  const { theme, frame } = env;
  const u = frame.unit;
  const barH = 56 * u;
  const pad = 30 * u;
  const body: Box = { x: box.x + pad, y: box.y + barH + pad * 0.8, w: box.w - 2 * pad, h: box.h - barH - pad * 1.6 };
  const source = content.code.replace(/\t/g, '  ').replace(/\s+$/, '');
  // Emphasised lines sit on a lighter band; colours are fitted against it, so they pass on both backdrops.
  const emphasisFill = blend('#94a3b8', theme.codeBackground, 0.16);
  const lines: CodeLine[] =
    content.lines ??
    env.code.tokenize(source, content.language, emphasisFill).map((tokens, i) => ({
      tokens,
      ...(content.lineNumbers ? { gutter: { text: String(i + 1), color: theme.codeMuted } } : {}),
      ...(content.highlight?.includes(i + 1) ? { emphasis: true } : {}),
    }));
  const gutterChars = content.lineNumbers ? String(lines.length).length + 2 : lines.some((l) => l.gutter) ? 2 : 0;
  const base = textStyle('code', u);
  const cssAt = (s: number) => cssFont({ role: 'mono', weight: 400, size: s });
  const charW = (s: number) => env.measure.width('M', cssAt(s));
  const lineW = (l: CodeLine, s: number) => env.measure.width(l.tokens.map((t) => t.text).join(''), cssAt(s));
  const widest = (s: number) => Math.max(0, ...lines.map((l) => lineW(l, s)));
  let size = base.font.size;
  while (size > base.minSize && (widest(size) + charW(size) * gutterChars > body.w || lines.length * size * 1.45 > body.h)) size = Math.max(base.minSize, size - u);
  const lineHeight = size * 1.45;
  const css = cssAt(size);
  const gutterWidth = charW(size) * gutterChars;
  const maxWidth = body.w - gutterWidth;
  const wrapped = lines.flatMap((line) => wrapCodeLine(line, maxWidth, (t) => env.measure.width(t, css), theme.codeMuted, gutterChars > 0));
  if (wrapped.length > lines.length) env.warn(`${slot}: some code lines are wider than the panel at the smallest code size; they wrap (marked ↳)`);
  const capacity = Math.max(1, Math.floor(body.h / lineHeight));
  let shown = wrapped;
  if (wrapped.length > capacity) {
    shown = wrapped.slice(0, capacity - 1);
    const hidden = wrapped.slice(capacity - 1).filter((l) => !l.continuation).length;
    // The note stands for the hidden lines, so it enters with the last of them (after everything shown).
    const last = latestEnter(wrapped.slice(capacity - 1));
    shown.push({ tokens: [{ text: `⋯ ${hidden} more line${hidden === 1 ? '' : 's'}`, color: theme.codeMuted, italic: true }], ...(last ? { enter: last } : {}) });
    env.warn(`${slot}: ${lines.length} code lines do not fit; showing ${lines.length - hidden}. Split the code or use a shorter excerpt`);
  }
  const fitted: CodeLine[] = shown.map(({ continuation, ...line }) => ({ ...line, tokens: separateLigatures(line.tokens), ...(continuation ? { clipped: true } : {}) }));
  const code: CodeElement = {
    type: 'code',
    box: { x: body.x, y: body.y, w: body.w, h: fitted.length * lineHeight },
    lines: fitted,
    css,
    fontSize: size,
    lineHeight,
    gutterWidth,
    on: theme.codeBackground,
    emphasisFill,
  };
  box = content.fullHeight ? box : { ...box, h: Math.min(box.h, barH + pad * 1.6 + fitted.length * lineHeight + 1) };
  const dots = ['#ff5f56', '#ffbd2e', '#27c93f'].map((fill, i): Element => ({ type: 'circle', cx: box.x + pad + i * 26 * u + 8 * u, cy: box.y + barH / 2, r: 8 * u, fill }));
  const children: Element[] = [
    { type: 'rect', box, fill: theme.codeBackground, radius: 22 * u, shadow: { color: theme.shadow, blur: 40 * u, offsetY: 14 * u }, stroke: theme.mode === 'dark' ? '#26324a' : '#0f172a', lineWidth: 2 * u },
    { type: 'rect', box: { x: box.x, y: box.y, w: box.w, h: barH }, fill: theme.codeHeader, radius: 22 * u },
    { type: 'rect', box: { x: box.x, y: box.y + barH - 22 * u, w: box.w, h: 22 * u }, fill: theme.codeHeader, radius: 0 },
    ...dots,
  ];
  if (content.label) {
    const labelX = box.x + pad + 3 * 26 * u + 16 * u;
    if (content.labelDot) children.push({ type: 'circle', cx: labelX + 7 * u, cy: box.y + barH / 2, r: 7 * u, fill: content.labelDot });
    const offset = content.labelDot ? 24 * u : 0;
    children.push(textBlock(env, `${slot} label`, content.label, { x: labelX + offset, y: box.y, w: box.x + box.w - pad - labelX - offset, h: barH }, 'label', { size: 28, weight: 600, maxLines: 1, valign: 'middle', color: theme.codeText, on: theme.codeHeader }));
  }
  children.push(code);
  return { type: 'group', box, ...(enter ? { enter } : {}), children };
}

/** Moves fitted text so its first line starts at `y`, and shrinks its box to the lines it has. */
export function placeText(el: TextElement, y: number): TextElement {
  const h = el.text.lines.length * el.text.lineHeight;
  el.text = { ...el.text, box: { ...el.text.box, y, h }, top: y };
  return el;
}

/** Height of fitted text. */
export function textHeight(el: TextElement): number {
  return el.text.lines.length * el.text.lineHeight;
}

/** The centred column text-heavy layouts use: the whole safe width in portrait, at most `max` units wide otherwise. */
export function readingColumn(env: LayoutEnv, max = 1440): Box {
  const { safe, portrait, unit } = env.frame;
  const w = portrait ? safe.w : Math.min(safe.w, max * unit);
  return { x: safe.x + (safe.w - w) / 2, y: safe.y, w, h: safe.h };
}

/**
 * The centred headline of title and outro cards: a display-size title and a muted subtitle in the reading column,
 * fitted but not yet placed (the caller stacks them with its own decorations).
 */
export function centredHeadline(env: LayoutEnv, text: { title: string; subtitle?: string | undefined }, opts: { titleLines: number; subtitleEnter: number }) {
  const { frame, theme } = env;
  const u = frame.unit;
  const { x, w: width } = readingColumn(env, 1500);
  const title = textBlock(env, 'title', text.title, { x, y: 0, w: width, h: 108 * 1.12 * u * opts.titleLines }, 'display', { align: 'center', color: theme.text, on: theme.background, enter: stagger(1, 'up') });
  const subtitle = text.subtitle
    ? textBlock(env, 'subtitle', text.subtitle, { x: x + width * 0.06, y: 0, w: width * 0.88, h: 46 * 1.25 * u * 3 }, 'subheading', { weight: 500, align: 'center', color: theme.textMuted, on: theme.background, enter: stagger(opts.subtitleEnter, 'up') })
    : undefined;
  return { x, width, cx: x + width / 2, title, subtitle };
}

type WrappedLine = CodeLine & { continuation?: boolean };

/**
 * Splits a code line wider than `maxWidth` into visual lines: at the last space that leaves the piece at least half
 * full, else at the width. Continuations keep the line's indentation and carry a muted "↳" (in the gutter when the
 * panel has one, else as a prefix), so a wrapped line never reads as two statements.
 */
/** The entrance that ends last among some lines' own entrances (undefined when none has one). */
function latestEnter(lines: readonly CodeLine[]): Enter | undefined {
  let latest: Enter | undefined;
  for (const { enter } of lines) if (enter && (!latest || enterEnd(enter) > enterEnd(latest))) latest = enter;
  return latest;
}

function wrapCodeLine(line: CodeLine, maxWidth: number, measure: (s: string) => number, muted: string, gutter: boolean): WrappedLine[] {
  const text = line.tokens.map((t) => t.text).join('');
  if (measure(text) <= maxWidth) return [line];
  const indent = /^\s*/.exec(text)![0];
  const prefix = gutter ? indent : `${indent}↳ `;
  // Grapheme-level characters, each with its token's style, so a cut inside a token keeps its colour.
  const chars: { g: string; t: CodeToken }[] = line.tokens.flatMap((t) => graphemes(t.text).map((g) => ({ g, t })));
  const out: WrappedLine[] = [];
  let start = 0;
  while (start < chars.length) {
    const lead = out.length ? prefix : '';
    let end = start;
    let width = measure(lead);
    while (end < chars.length && width + measure(chars[end]!.g) <= maxWidth) width += measure(chars[end++]!.g);
    if (end === start) end = start + 1;
    if (end < chars.length) {
      let space = end;
      while (space > start && chars[space - 1]!.g !== ' ') space--;
      if (space - start > (end - start) / 2) end = space;
    }
    const tokens: CodeToken[] = [];
    for (const c of chars.slice(start, end)) {
      const last = tokens[tokens.length - 1];
      if (last && last.color === c.t.color && last.italic === c.t.italic && last.bold === c.t.bold) last.text += c.g;
      else tokens.push({ ...c.t, text: c.g });
    }
    if (out.length) {
      const mark = { text: lead, color: muted };
      out.push({ tokens: [mark, ...tokens], continuation: true, ...(line.emphasis ? { emphasis: true } : {}), ...(line.enter ? { enter: line.enter } : {}), ...(gutter ? { gutter: { text: '↳', color: muted } } : {}) });
    } else out.push({ ...line, tokens });
    start = end;
  }
  return out;
}

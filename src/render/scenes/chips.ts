import { readingColumn } from '../blocks.ts';
import type { Difficulty } from '../../spec/index.ts';
import type { Element, TextElement } from '../elements.ts';
import type { Box } from '../geometry.ts';
import type { IconName } from '../icons.ts';
import type { Enter } from '../motion.ts';
import type { LayoutEnv } from '../scene-types.ts';
import { card, iconTile, marker, space, textBlock } from '../blocks.ts';
import { cssFont } from '../fonts.ts';
import { difficultyColors } from '../theme.ts';
import { TYPE, textStyle } from '../type-scale.ts';

/** Pieces shared by the five educational scenes (chips, difficulty meter, eyebrow, reading column, content-sized rows). */
export interface Chip {
  slot: string;
  label: string;
  icon?: IconName;
  /** Fill, label/icon colour and optional border; neutral (surface, muted text, hairline) when absent. */
  colors?: { fill: string; text: string; stroke?: string };
  /** `meter`: difficulty 1–3 as a signal meter instead of an icon; `upper`: badge lettering; `scale`: × the 52 px chip. */
  meter?: number;
  upper?: boolean;
  scale?: number;
}

const [CHIP_H, LABEL_SIZE] = [52, 28];

/** Width a chip needs for its label (before any clamping to the space available). */
export function chipWidth(env: LayoutEnv, chip: Chip): number {
  const u = env.frame.unit * (chip.scale ?? 1);
  const label = chip.upper ? chip.label.toUpperCase() : chip.label;
  const [tracking, lead] = [chip.upper ? 1.2 * u * label.length : 0, chip.icon || chip.meter ? 38 * u : 0];
  return env.measure.width(label, cssFont(textStyle('label', u, { size: LABEL_SIZE, weight: 600 }).font)) + tracking + lead + 46 * u;
}

/** One chip at (x, y), at most `maxW` wide; a label too long for that is fitted (shrunk, then cut with a warning). */
export function chip(env: LayoutEnv, spec: Chip, at: { x: number; y: number; maxW: number }, enter?: Enter): Element {
  const u = env.frame.unit * (spec.scale ?? 1);
  const colors = spec.colors ?? { fill: env.theme.surface, text: env.theme.textMuted, stroke: env.theme.surfaceBorder };
  const [h, w] = [CHIP_H * u, Math.min(at.maxW, chipWidth(env, spec))];
  const box = { x: at.x, y: at.y, w, h };
  const children: Element[] = [{ type: 'rect', box, fill: colors.fill, radius: h / 2, ...(colors.stroke ? { stroke: colors.stroke, lineWidth: 2 * u } : {}) }];
  const glyph = 26 * u;
  let textX = at.x + 22 * u;
  if (spec.meter) {
    // Three rising bars, the first `meter` of them solid: difficulty is readable without colour.
    for (let i = 0; i < 3; i++) {
      const bh = (10 + 7 * i) * u;
      children.push({ type: 'rect', box: { x: textX + i * 9 * u, y: at.y + h / 2 + 11 * u - bh, w: 6 * u, h: bh }, fill: colors.text, radius: 2 * u, ...(i < spec.meter ? {} : { alpha: 0.28 }) });
    }
    textX += glyph + 12 * u;
  } else if (spec.icon) {
    // The "?" glyph only fills the middle of its grid; drawn a size up it matches the other icons' weight.
    const g = spec.icon === 'question' ? glyph * 1.4 : glyph;
    children.push({ type: 'icon', name: spec.icon, box: { x: textX - (g - glyph) / 2, y: at.y + (h - g) / 2, w: g, h: g }, color: colors.text, lineWidth: 2.6 * u });
    textX += glyph + 12 * u;
  }
  const label = spec.upper ? spec.label.toUpperCase() : spec.label;
  const textBox = { x: textX, y: at.y, w: Math.max(1, at.x + w - 22 * u - textX), h };
  const style = { size: LABEL_SIZE * (spec.scale ?? 1), weight: 600, maxLines: 1, valign: 'middle', color: colors.text, on: colors.fill, ...(spec.upper ? { tracking: 1.2 * u } : {}) } as const;
  children.push(textBlock(env, spec.slot, label, textBox, 'label', style));
  return { type: 'group', box, ...(enter ? { enter } : {}), children };
}

/** Difficulty as a chip: tinted pill in the difficulty's colour with a 1–3 bar meter and "Easy"/"Medium"/"Hard". */
export function difficultyChip(env: LayoutEnv, slot: string, difficulty: Difficulty): Chip {
  const c = difficultyColors(env.theme, difficulty);
  return { slot, label: difficulty[0]!.toUpperCase() + difficulty.slice(1), meter: ['easy', 'medium', 'hard'].indexOf(difficulty) + 1, colors: { fill: c.tint, text: c.text } };
}

/** Chips left to right (or centred), wrapping when the row is full; `enter(i)` staggers them. Returns elements and height. */
export function chipRow(env: LayoutEnv, chips: readonly Chip[], box: { x: number; y: number; w: number }, enter: (i: number) => Enter, align: 'left' | 'center' = 'left'): { elements: Element[]; h: number } {
  const [gap, h] = [space(env, 1.5), CHIP_H * env.frame.unit * Math.max(1, ...chips.map((c) => c.scale ?? 1))];
  const lines: { chip: Chip; w: number }[][] = [[]];
  let used = -gap;
  for (const c of chips) {
    const w = Math.min(box.w, chipWidth(env, c));
    const wrap = lines[lines.length - 1]!.length > 0 && used + gap + w > box.w;
    if (wrap) lines.push([]);
    used = (wrap ? 0 : used + gap) + w;
    lines[lines.length - 1]!.push({ chip: c, w });
  }
  const elements: Element[] = [];
  let i = 0;
  lines.forEach((line, li) => {
    const total = line.reduce((s, c) => s + c.w, 0) + gap * (line.length - 1);
    let x = align === 'center' ? box.x + (box.w - total) / 2 : box.x;
    for (const c of line) {
      elements.push(chip(env, c.chip, { x, y: box.y + li * (h + gap), maxW: c.w }, enter(i++)));
      x += c.w + gap;
    }
  });
  return { elements, h: chips.length ? lines.length * h + (lines.length - 1) * gap : 0 };
}

/** Eyebrow: an optional small icon tile, then an upper-case accent label. Returns elements and height. */
export function eyebrow(env: LayoutEnv, slot: string, label: string, at: { x: number; y: number; w: number }, enter: Enter, icon?: IconName): { elements: Element[]; h: number; right: number } {
  const u = env.frame.unit;
  const [tile, lineH] = [icon ? 60 * u : 0, 30 * 1.25 * u];
  const h = Math.max(tile, lineH);
  const elements: Element[] = icon ? [iconTile(env, icon, { x: at.x, y: at.y, w: tile, h: tile }, { ...enter, from: 'scale' })] : [];
  const x = at.x + (icon ? tile + space(env, 2) : 0);
  const box = { x, y: at.y + (h - lineH) / 2, w: at.x + at.w - x, h: lineH };
  const text = textBlock(env, slot, label.toUpperCase(), box, 'label', { size: 30, weight: 700, maxLines: 1, color: env.theme.accentText, on: env.theme.background, tracking: 2.4 * u, enter });
  elements.push(text);
  // Canvas letter-spacing adds `tracking` after every character, which the measured width does not include.
  const right = Math.min(box.x + box.w, x + (text.text.widths[0] ?? 0) + 2.4 * u * [...(text.text.lines[0] ?? '')].length);
  return { elements, h, right };
}

/** The reading column: the whole safe width in portrait, at most `max` px (×unit) centred in landscape. */
export function column(env: LayoutEnv, max = 1440): Box {
  return readingColumn(env, max);
}

/** `marker`: a number label, an icon in a `markerFill` disc, or (`bare`) the icon alone. `cards`: each row on its own card, else rows sit on `on`. */
export interface StackRowsOptions {
  slot: string;
  marker: (i: number) => { label: string } | { icon: IconName; bare?: boolean };
  markerFill: string;
  markerText: string;
  cards: boolean;
  on: string;
  enter: (i: number) => Enter;
  /** Preferred type size (1080p px), line budget per item, and columns. */
  size?: number;
  maxLines?: number;
  columns?: number;
}

/**
 * Marker + text rows sized to their content: every row uses one type size (so a long item never looks smaller than
 * its neighbours) and wraps up to `maxLines`. When the rows do not fit `box`, the size steps down to the floor, then
 * the line budget drops; if even one line each is too tall, the last rows collapse into "+N more" (with a warning).
 */
export function stackRows(env: LayoutEnv, box: Box, all: readonly string[], o: StackRowsOptions): { elements: Element[]; h: number } {
  const [u, quiet] = [env.frame.unit, { ...env, warn: () => {} }];
  const cols = Math.max(1, Math.min(o.columns ?? 1, all.length));
  const [colGap, gap] = [space(env, 4), space(env, o.cards ? 2 : 1)];
  const colW = (box.w - colGap * (cols - 1)) / cols;
  const [padX, padY, r] = [(o.cards ? 28 : 4) * u, (o.cards ? 20 : 14) * u, 24 * u];
  const textX = padX + 2 * r + space(env, 2.5);
  const [textW, lh] = [colW - textX - (o.cards ? padX : 0), (size: number) => size * TYPE.bodyStrong.lineHeight * u];
  const fit = (e: LayoutEnv, text: string, i: number, size: number, lines: number, h = lh(size) * lines + 1): TextElement =>
    textBlock(e, `${o.slot}[${i}]`, text, { x: 0, y: 0, w: textW, h }, 'bodyStrong', { size, maxLines: lines, color: env.theme.text, on: o.cards ? env.theme.surface : o.on });
  let items = [...all];
  // Row heights at a size and line budget, and whether some item only fits by shrinking below `size` or breaking a word.
  const measureAt = (size: number, lines: number) => {
    let shrank = false;
    const hs = items.map((t, i) => {
      const el = fit(quiet, t, i, size, lines);
      shrank ||= el.text.font.size < size * u - 0.01 || t.split(/\s+/).some((w) => env.measure.width(w, el.text.css) > textW);
      return Math.max(2 * r, el.text.lines.length * el.text.lineHeight) + 2 * padY;
    });
    const perCol = Math.ceil(items.length / cols);
    const tall = Math.max(...Array.from({ length: cols }, (_, c) => hs.slice(c * perCol, (c + 1) * perCol).reduce((s, h) => s + h + gap, -gap))) > box.h + 0.5;
    return { hs, shrank, tall };
  };
  let [size, lines] = [o.size ?? 38, o.maxLines ?? 3];
  let m = measureAt(size, lines);
  while (m.shrank || m.tall) {
    if (size > TYPE.bodyStrong.min) size = Math.max(TYPE.bodyStrong.min, size - 2);
    else if (lines > 1 && m.tall) lines--;
    else break;
    m = measureAt(size, lines);
  }
  const more = m.tall ? Math.max(1, cols * Math.floor((box.h + gap) / (Math.max(2 * r, lh(size)) + 2 * padY + gap))) : items.length;
  if (more < items.length) {
    env.warn(`${o.slot}: ${items.length} items do not fit; showing ${more - 1} and "+${items.length - more + 1} more". Split the scene`);
    items = [...items.slice(0, more - 1), `+${items.length - more + 1} more`];
    m = measureAt(size, lines);
  }
  const perCol = Math.ceil(items.length / cols);
  const [elements, ys]: [Element[], number[]] = [[], Array.from({ length: cols }, () => box.y)];
  items.forEach((item, i) => {
    const c = Math.floor(i / perCol);
    const row = { x: box.x + c * (colW + colGap), y: ys[c]!, w: colW, h: m.hs[i]! };
    ys[c]! += row.h + gap;
    const extra = i === items.length - 1 && items.length < all.length;
    const text = fit(extra ? quiet : env, item, i, size, lines, row.h - 2 * padY);
    if (extra) text.color = env.theme.textMuted;
    const [textH, cx] = [text.text.lines.length * text.text.lineHeight, row.x + padX + r];
    const ty = row.y + (row.h - textH) / 2;
    text.text = { ...text.text, box: { x: row.x + textX, y: ty, w: textW, h: textH }, top: ty };
    // The marker lines up with the first line of text, so multi-line rows read from their marker.
    const cy = text.text.lines.length > 1 ? ty + text.text.lineHeight / 2 : row.y + row.h / 2;
    const mk = o.marker(i);
    const g = 'icon' in mk && mk.bare ? r * 1.5 : r * 1.2;
    const children: Element[] = o.cards ? [card(env, row, { radius: 20 * u, shadow: env.theme.mode === 'light' })] : [];
    // "+N more" has no marker: it is a note about the list, not an item of it.
    if (!extra && 'label' in mk) children.push(...marker(env, cx, cy, r, mk.label, { fill: o.markerFill, text: o.markerText }));
    if (!extra && 'icon' in mk && !mk.bare) children.push({ type: 'circle', cx, cy, r, fill: o.markerFill });
    if (!extra && 'icon' in mk) children.push({ type: 'icon', name: mk.icon, box: { x: cx - g / 2, y: cy - g / 2, w: g, h: g }, color: o.markerText, lineWidth: 3.2 * u });
    children.push(text);
    elements.push({ type: 'group', box: row, enter: o.enter(i), children });
  });
  return { elements, h: Math.max(...ys.map((y) => y - box.y - gap), 0) };
}

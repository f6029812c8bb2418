import { readingColumn } from '../blocks.ts';
import type { Difficulty } from '../../spec/index.ts';
import type { Element } from '../elements.ts';
import type { Box } from '../geometry.ts';
import type { IconName } from '../icons.ts';
import type { Enter } from '../motion.ts';
import type { LayoutEnv } from '../scene-types.ts';
import { iconTile, space, textBlock } from '../blocks.ts';
import { fillRows, type RowMarker } from '../item-rows.ts';
import { cssFont } from '../fonts.ts';
import { difficultyColors } from '../theme.ts';
import { textStyle } from '../type-scale.ts';

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
  marker: (i: number) => RowMarker;
  markerFill: string;
  markerText: string;
  cards: boolean;
  on: string;
  enter: (i: number) => Enter;
  /** Largest type size (1080p px), line budget per item, and columns. */
  size?: number;
  maxLines?: number;
  columns?: number;
  /** Spread the rows over the box height instead of hugging their text. */
  spread?: boolean;
}

/**
 * Marker + text rows for the educational scenes: one type size for every row (so a long item never looks smaller than
 * its neighbours), as large as fits (item-rows.fillRows), wrapping before shrinking and shrinking before cutting.
 */
export function stackRows(env: LayoutEnv, box: Box, all: readonly string[], o: StackRowsOptions): { elements: Element[]; h: number } {
  return fillRows(env, box, all.map((title) => ({ title })), {
    slot: o.slot,
    marker: o.marker,
    markerFill: o.markerFill,
    markerText: o.markerText,
    cards: o.cards,
    on: o.on,
    enter: o.enter,
    ...(o.size ? { maxSize: o.size } : {}),
    ...(o.maxLines ? { maxLines: o.maxLines } : {}),
    maxColumns: o.columns ?? 1,
    spread: o.spread ?? false,
  });
}

import type { Element } from './elements.ts';
import type { Box } from './geometry.ts';
import type { IconName } from './icons.ts';
import { stepEnter, type Enter } from './motion.ts';
import type { LayoutEnv } from './scene-types.ts';
import { card, marker, space, textBlock } from './blocks.ts';
import { cssFont } from './fonts.ts';
import { wrapText } from './text.ts';
import { TYPE } from './type-scale.ts';

export interface RowItem {
  title: string;
  description?: string | undefined;
}

export type RowMarker = { label: string } | { icon: IconName; bare?: boolean };

export interface FillRowsOptions {
  slot: string;
  /** Marker per row: a number ("1"), an icon in a disc, or (`bare`) the icon alone. */
  marker: (index: number) => RowMarker;
  markerFill: string;
  markerText: string;
  /** Each row on its own card; otherwise rows sit on `on`. */
  cards: boolean;
  on: string;
  enter: (index: number) => Enter;
  /** Largest title size (1080p px); the search steps down from here to BODY_MIN, then to the cut floor. */
  maxSize?: number;
  /** Lines an item may wrap to before a smaller size is tried. */
  maxLines?: number;
  maxColumns?: number;
  /** Grow rows and gaps to use the box's height (up to a comfortable limit), instead of hugging the text. */
  spread?: boolean;
}

/** QUALITY.md: body text is 36–44 px at 1080p; 32 only when the alternative is cutting text. */
export const BODY_MAX = 44;
export const BODY_MIN = 36;
export const BODY_FLOOR = 32;

interface Plan {
  size: number;
  cols: number;
  lines: number;
  descriptions: boolean;
  /** Natural height of each row (px), and of the tallest column. */
  heights: number[];
  height: number;
  /** Floor layout: tight padding and gaps. */
  compact: boolean;
}

/**
 * Marker + title (+ description) rows that use the space: the largest type size (44 → 36 at 1080p) and column count at
 * which every item fits whole, preferring one column; then 32 px with one more line; then without descriptions; only
 * then "+N more" with a warning. With `spread`, rows and gaps grow so the block fills the box instead of leaving a band.
 * Rows in two columns share their heights row by row, so the grid lines up.
 */
export function fillRows(env: LayoutEnv, box: Box, items: readonly RowItem[], o: FillRowsOptions): { elements: Element[]; h: number } {
  const u = env.frame.unit;
  const metrics = rowMetrics(env, o);
  const maxCols = box.w >= 1100 * u ? Math.max(1, o.maxColumns ?? 2) : 1;
  const floorCols = box.w >= 800 * u ? 2 : 1;
  const colGap = space(env, 4);
  const rowGap = space(env, o.cards ? 1.5 : 1);
  // At the cut floor rows give up their padding before any text is given up.
  const compactGap = space(env, 0.75);
  // A caller may start below BODY_MIN (a stack sharing one size): then only the cut floor is tried.
  const maxSize = o.maxSize ?? BODY_MAX;
  const baseLines = o.maxLines ?? 3;
  const hasDesc = items.some((i) => i.description);

  // Height of every row at a size / column count / line budget, or undefined when some item would need more lines.
  const plan = (list: readonly RowItem[], size: number, cols: number, lines: number, descriptions: boolean, allowBreaks: boolean): Plan | undefined => {
    const colW = (box.w - colGap * (cols - 1)) / cols;
    const m = metrics(size, colW, allowBreaks);
    const gap = allowBreaks ? compactGap : rowGap;
    if (m.textW < 160 * u) return undefined;
    const heights: number[] = [];
    for (const item of list) {
      const title = wrapText(item.title, m.textW, m.measureTitle);
      if (title.length > lines) return undefined;
      if (!allowBreaks && brokeWord(item.title, m.textW, m.measureTitle)) return undefined;
      let textH = title.length * m.titleLH;
      if (descriptions && item.description) {
        const desc = wrapText(item.description, m.textW, m.measureDesc);
        if (desc.length > lines) return undefined;
        textH += m.descGap + desc.length * m.descLH;
      }
      heights.push(Math.max(2 * m.r, textH) + 2 * m.padY);
    }
    const rowsH = gridHeights(heights, cols);
    const height = rowsH.reduce((s, h) => s + h + gap, -gap);
    return height <= box.h + 0.5 ? { size, cols, lines, descriptions, heights, height, compact: allowBreaks } : undefined;
  };
  const search = (list: readonly RowItem[], descriptions: boolean): Plan | undefined => {
    for (let size = maxSize; size >= BODY_MIN; size -= 2) {
      for (let cols = 1; cols <= Math.min(maxCols, list.length); cols++) {
        if (cols > 1 && list.length < 3) continue;
        const p = plan(list, size, cols, baseLines, descriptions, false);
        if (p) return p;
      }
    }
    // The cut floor: smaller type, more lines, long words broken and (in a square frame too) a second column, before
    // anything is left out.
    for (let cols = 1; cols <= Math.min(floorCols, list.length); cols++) {
      const p = plan(list, BODY_FLOOR, cols, baseLines + 9, descriptions, true);
      if (p) return p;
    }
    return undefined;
  };

  let list: RowItem[] = [...items];
  let chosen = search(list, hasDesc);
  if (!chosen && hasDesc) {
    chosen = search(list, false);
    if (chosen) env.warn(`${o.slot}: ${items.length} items with descriptions do not fit; descriptions were left out`);
  }
  let extra = false;
  if (!chosen) {
    // Nothing fits whole: the rows that fit at the floor in one line budget, then a "+N more" note.
    const cols = floorCols;
    const m = metrics(BODY_FLOOR, (box.w - colGap * (cols - 1)) / cols, true);
    const rowH = Math.max(2 * m.r, m.titleLH) + 2 * m.padY;
    const capacity = Math.max(1, cols * Math.floor((box.h + compactGap) / (rowH + compactGap)));
    const shown = Math.max(0, Math.min(items.length, capacity) - 1);
    env.warn(`${o.slot}: ${items.length} items do not fit; showing ${shown} and "+${items.length - shown} more". Split the scene`);
    list = [...items.slice(0, shown).map((i) => ({ title: i.title })), { title: `+${items.length - shown} more` }];
    extra = true;
    for (let lines = baseLines + 1; lines >= 1 && !chosen; lines--) chosen = plan(list, BODY_FLOOR, cols, lines, false, true);
    chosen ??= { size: BODY_FLOOR, cols, lines: 1, descriptions: false, heights: list.map(() => rowH), height: box.h, compact: true };
  }
  return placeRows(env, box, list, chosen, o, { gap: chosen.compact ? compactGap : rowGap, colGap, extraLast: extra });
}

/** True when wrapping `text` had to break a word (it is wider than the line on its own). */
function brokeWord(text: string, width: number, measure: (s: string) => number): boolean {
  return text.split(/\s+/).some((w) => w && measure(w) > width);
}

/** Row heights by grid row: rows of all columns at the same index share the tallest height. */
function gridHeights(heights: readonly number[], cols: number): number[] {
  const perCol = Math.ceil(heights.length / cols);
  return Array.from({ length: perCol }, (_, r) => Math.max(...Array.from({ length: cols }, (_, c) => heights[c * perCol + r] ?? 0)));
}

/** Geometry of one row at a title size (1080p px) and column width. */
function rowMetrics(env: LayoutEnv, o: FillRowsOptions) {
  const u = env.frame.unit;
  return (size: number, colW: number, compact = false) => {
    const px = size * u;
    const descSize = Math.max(BODY_FLOOR, Math.round(size * 0.84));
    const titleCss = cssFont({ role: 'sans', weight: TYPE.bodyStrong.weight, size: px });
    const descCss = cssFont({ role: 'sans', weight: TYPE.body.weight, size: descSize * u });
    const r = Math.round(size * 0.62) * u;
    const padX = (o.cards ? 30 : 4) * u;
    const padY = (compact ? 6 : o.cards ? 14 : 8) * u;
    const textX = padX + 2 * r + space(env, 2.5);
    return {
      size,
      descSize,
      r,
      padX,
      padY,
      textX,
      textW: colW - textX - (o.cards ? padX : 0),
      titleLH: px * TYPE.bodyStrong.lineHeight,
      descLH: descSize * u * TYPE.body.lineHeight,
      descGap: 4 * u,
      measureTitle: (s: string) => env.measure.width(s, titleCss),
      measureDesc: (s: string) => env.measure.width(s, descCss),
    };
  };
}

function placeRows(env: LayoutEnv, box: Box, list: readonly RowItem[], p: Plan, o: FillRowsOptions, g: { gap: number; colGap: number; extraLast: boolean }): { elements: Element[]; h: number } {
  const { theme } = env;
  const u = env.frame.unit;
  const colW = (box.w - g.colGap * (p.cols - 1)) / p.cols;
  const m = rowMetrics(env, o)(p.size, colW, p.compact);
  const perCol = Math.ceil(list.length / p.cols);
  let rowsH = gridHeights(p.heights, p.cols);
  let gap = g.gap;
  if (o.spread && rowsH.length) {
    // Spare height goes first into the rows (up to ~a line each, so cards breathe), then into the gaps (up to 3×).
    const free = Math.max(0, box.h - p.height);
    const grow = Math.min(free / rowsH.length, p.size * 1.2 * u);
    rowsH = rowsH.map((h) => h + grow);
    const left = free - grow * rowsH.length;
    if (rowsH.length > 1) gap += Math.min(left / (rowsH.length - 1), gap * 2);
  }
  const on = o.cards ? theme.surface : o.on;
  const elements: Element[] = [];
  list.forEach((item, i) => {
    const c = Math.floor(i / perCol);
    const r = i % perCol;
    const y = box.y + rowsH.slice(0, r).reduce((s, h) => s + h + gap, 0);
    const row: Box = { x: box.x + c * (colW + g.colGap), y, w: colW, h: rowsH[r]! };
    const isExtra = g.extraLast && i === list.length - 1;
    const children: Element[] = o.cards ? [card(env, row, { radius: 20 * u, shadow: theme.mode === 'light' })] : [];
    const textBox = { x: row.x + m.textX, y: 0, w: m.textW, h: m.titleLH * p.lines + 1 };
    const quiet = isExtra ? { ...env, warn: () => {} } : env;
    const title = textBlock(quiet, `${o.slot}[${i}]`, item.title, textBox, 'bodyStrong', { size: p.size, minSize: p.size * u, maxLines: p.lines, color: isExtra ? theme.textMuted : theme.text, on });
    const titleH = title.text.lines.length * title.text.lineHeight;
    const desc =
      p.descriptions && item.description
        ? textBlock(env, `${o.slot}[${i}].description`, item.description, { ...textBox, h: m.descLH * p.lines + 1 }, 'body', { size: m.descSize, minSize: m.descSize * u, maxLines: p.lines, color: theme.textMuted, on })
        : undefined;
    const descH = desc ? m.descGap + desc.text.lines.length * desc.text.lineHeight : 0;
    // The text block sits in the middle of its row; the marker lines up with the first line of the title.
    const top = row.y + (row.h - titleH - descH) / 2;
    title.text = { ...title.text, box: { ...title.text.box, y: top, h: titleH }, top };
    if (desc) {
      const dy = top + titleH + m.descGap;
      desc.text = { ...desc.text, box: { ...desc.text.box, y: dy, h: descH - m.descGap }, top: dy };
    }
    const cx = row.x + m.padX + m.r;
    const cy = title.text.lines.length > 1 || desc ? top + title.text.lineHeight / 2 : row.y + row.h / 2;
    // "+N more" has no marker: it is a note about the list, not an item of it.
    if (!isExtra) children.push(...markerElements(env, o.marker(i), cx, cy, m.r, o));
    children.push(title, ...(desc ? [desc] : []));
    elements.push({ type: 'group', box: row, enter: o.enter(i), children });
  });
  const h = rowsH.reduce((s, rh) => s + rh + gap, -gap);
  return { elements, h: Math.max(0, h) };
}

function markerElements(env: LayoutEnv, mk: RowMarker, cx: number, cy: number, r: number, o: FillRowsOptions): Element[] {
  const u = env.frame.unit;
  if ('label' in mk) return marker(env, cx, cy, r, mk.label, { fill: o.markerFill, text: o.markerText });
  const g = mk.bare ? r * 1.5 : r * 1.2;
  const icon: Element = { type: 'icon', name: mk.icon, box: { x: cx - g / 2, y: cy - g / 2, w: g, h: g }, color: o.markerText, lineWidth: 3.2 * u * (r / (26 * u)) };
  return mk.bare ? [icon] : [{ type: 'circle', cx, cy, r, fill: o.markerFill }, icon];
}

export interface RowOptions {
  marker: (index: number) => RowMarker;
  markerFill?: string;
  markerText?: string;
  /** First stagger index. */
  startIndex: number;
  slot: string;
  cards?: boolean;
  on?: string;
  maxColumns?: number;
}

/** List rows on cards, spread over the box (the list scene). */
export function itemRows(env: LayoutEnv, box: Box, items: readonly RowItem[], opts: RowOptions): Element[] {
  const { theme } = env;
  return fillRows(env, box, items, {
    slot: opts.slot,
    marker: opts.marker,
    markerFill: opts.markerFill ?? theme.accentFill,
    markerText: opts.markerText ?? theme.onAccent,
    cards: opts.cards !== false,
    on: opts.on ?? theme.background,
    enter: (i) => stepEnter(i, opts.startIndex + i, 'up'),
    ...(opts.maxColumns ? { maxColumns: opts.maxColumns } : {}),
    spread: true,
  }).elements;
}

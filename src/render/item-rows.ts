import type { Element } from './elements.ts';
import { columns, type Box } from './geometry.ts';
import type { IconName } from './icons.ts';
import { stepEnter } from './motion.ts';
import type { LayoutEnv } from './scene-types.ts';
import { card, marker, placeText, space, textBlock } from './blocks.ts';

export interface RowItem {
  title: string;
  description?: string | undefined;
}

export interface RowOptions {
  /** Marker per row: a number ("1"), a bullet (""), or an icon. */
  marker: (index: number) => { label: string } | { icon: IconName };
  markerFill?: string;
  markerText?: string;
  /** First stagger index. */
  startIndex: number;
  slot: string;
  /** Draw each row on its own card (otherwise rows sit on the backdrop `on`). */
  cards?: boolean;
  on?: string;
  maxColumns?: number;
}

/**
 * Stacked rows of marker + title (+ description), sized to the space: rows share the height evenly up to a
 * comfortable maximum, and long lists in wide frames flow into two columns instead of shrinking the text.
 */
export function itemRows(env: LayoutEnv, box: Box, items: readonly RowItem[], opts: RowOptions): Element[] {
  const { theme, frame } = env;
  const u = frame.unit;
  const gap = space(env, 2);
  // Row heights (1080p units): a title line + a description line + padding needs 124; a title line alone 72.
  const DESC_ROW = 124 * u;
  const TITLE_ROW = 72 * u;
  const wide = box.w > 1100 * u;
  const maxCols = wide ? Math.max(1, opts.maxColumns ?? 2) : 1;
  const fits = (rowsPerCol: number, minRow: number) => (box.h - gap * (rowsPerCol - 1)) / rowsPerCol >= minRow;
  let hasDesc = items.some((i) => i.description);
  let cols = 1;
  let shown = items.length;
  // Prefer one column; then two; then drop descriptions; last, show as many rows as fit and say how many are left.
  if (!fits(items.length, hasDesc ? DESC_ROW : TITLE_ROW) && maxCols > 1 && items.length > 3) cols = 2;
  if (hasDesc && !fits(Math.ceil(items.length / cols), DESC_ROW)) {
    hasDesc = false;
    env.warn(`${opts.slot}: ${items.length} items with descriptions do not fit; descriptions were left out`);
  }
  const capacity = Math.max(1, Math.floor((box.h + gap) / (TITLE_ROW + gap))) * cols;
  if (!hasDesc && items.length > capacity) {
    shown = capacity - 1;
    env.warn(`${opts.slot}: ${items.length} items do not fit; showing ${shown} and a "+${items.length - shown} more" row. Split the list`);
  }
  const rowsList: RowItem[] = items.slice(0, shown).map((i) => (hasDesc ? i : { title: i.title }));
  if (shown < items.length) rowsList.push({ title: `+ ${items.length - shown} more` });
  const n = rowsList.length;
  const perCol = Math.ceil(n / cols);
  const colBoxes = columns(box, cols, space(env, 4));
  const ideal = (hasDesc ? 132 : 100) * u;
  const rowH = Math.min(ideal, (box.h - gap * (perCol - 1)) / perCol);
  const on = opts.cards === false ? (opts.on ?? theme.background) : theme.surface;
  const elements: Element[] = [];
  rowsList.forEach((item, i) => {
    const col = colBoxes[Math.floor(i / perCol)]!;
    const row: Box = { x: col.x, y: col.y + (i % perCol) * (rowH + gap), w: col.w, h: rowH };
    const children: Element[] = [];
    if (opts.cards !== false) children.push(card(env, row, { radius: 20 * u, shadow: theme.mode === 'light' }));
    const padX = (opts.cards === false ? 4 : 28) * u;
    const r = Math.min(26 * u, rowH * 0.32);
    const cx = row.x + padX + r;
    const m = opts.marker(i);
    const fill = opts.markerFill ?? theme.accentFill;
    const fg = opts.markerText ?? theme.onAccent;
    const markerCy = row.y + rowH / 2;
    if ('icon' in m) {
      children.push({ type: 'circle', cx, cy: markerCy, r, fill }, { type: 'icon', name: m.icon, box: { x: cx - r * 0.62, y: markerCy - r * 0.62, w: r * 1.24, h: r * 1.24 }, color: fg, lineWidth: 3.2 * u });
    } else children.push(...marker(env, cx, markerCy, r, m.label, { fill, text: fg }));
    const textX = cx + r + space(env, 3);
    const textW = row.x + row.w - padX - textX;
    const padY = 14 * u;
    const inner: Box = { x: textX, y: row.y + padY, w: textW, h: rowH - 2 * padY };
    if (item.description) {
      const titleH = Math.min(inner.h * 0.55, 38 * 1.3 * u);
      const title = textBlock(env, `${opts.slot}[${i}].title`, item.title, { ...inner, h: titleH }, 'bodyStrong', { maxLines: 1, valign: 'middle', color: theme.text, on, size: Math.max(28, titleH / 1.3 / u) });
      const desc = textBlock(env, `${opts.slot}[${i}].description`, item.description, { ...inner, y: inner.y + titleH + 4 * u, h: inner.h - titleH - 4 * u }, 'body', { size: 32, maxLines: 2, color: theme.textMuted, on });
      // Centre the title + description pair in the row.
      const used = title.text.lines.length * title.text.lineHeight + 4 * u + desc.text.lines.length * desc.text.lineHeight;
      const dy = Math.max(0, (inner.h - used) / 2);
      placeText(title, inner.y + dy);
      placeText(desc, inner.y + dy + title.text.lines.length * title.text.lineHeight + 4 * u);
      children.push(title, desc);
    } else {
      // Tight rows (many items) get a smaller title, never one taller than the row.
      const size = Math.max(28, Math.min(38, inner.h / 1.3 / u));
      children.push(textBlock(env, `${opts.slot}[${i}]`, item.title, inner, 'bodyStrong', { size, maxLines: 2, valign: 'middle', color: theme.text, on }));
    }
    elements.push({ type: 'group', box: row, enter: stepEnter(i, opts.startIndex + i, 'up'), children });
  });
  return elements;
}

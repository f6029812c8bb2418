import { defineScene } from '../scene-types.ts';
import type { Element } from '../elements.ts';
import type { Box } from '../geometry.ts';
import type { IconName } from '../icons.ts';
import type { LayoutEnv } from '../scene-types.ts';
import { card, space, textBlock } from '../blocks.ts';
import { stagger, stepEnter } from '../motion.ts';
import { centerVertically } from '../arrange.ts';
import { difficultyColors } from '../theme.ts';
import { chipRow, stackRows } from './chips.ts';

interface Section {
  key: 'completed' | 'review' | 'next';
  title: string;
  icon: IconName;
  items: string[];
  /** Header strip fill and the colour of its text and of the item icons. */
  tint: string;
  ink: string;
}

const HEADER_H = 76;

/**
 * A progress checkpoint: a "✓ Checkpoint N" badge over up to three cards — Completed (success), Review (warning),
 * Next (accent) — each with a tinted header strip and icon-marked items. Empty sections are left out rather than
 * drawn blank. Side by side in landscape (equal heights); stacked, each sized to its content, in portrait (and in
 * 1:1 when three columns would be too narrow).
 */
export const checkpointScene = defineScene({
  kind: 'checkpoint',
  layout(scene, env) {
    const { theme, frame } = env;
    const u = frame.unit;
    const safe = frame.safe;
    const warn = difficultyColors(theme, 'medium');
    const all: Section[] = [
      { key: 'completed', title: 'Completed', icon: 'check', items: scene.completed, tint: theme.successTint, ink: theme.successText },
      { key: 'review', title: 'Review', icon: 'question', items: scene.review, tint: warn.tint, ink: warn.text },
      { key: 'next', title: 'Next', icon: 'arrowRight', items: scene.next, tint: theme.accentTint, ink: theme.accentText },
    ];
    const sections = all.filter((s) => s.items.length);
    if (!sections.length) env.warn('completed, review and next are all empty; the checkpoint shows only its badge');

    const label = scene.number !== undefined ? `Checkpoint ${scene.number}` : 'Checkpoint';
    const badge = chipRow(env, [{ slot: 'number', label, icon: 'check', upper: true, scale: 1.3, colors: { fill: theme.successTint, text: theme.successText, stroke: theme.success } }], { x: safe.x, y: safe.y, w: safe.w }, () => stagger(0, 'scale'), 'center');
    const elements: Element[] = [...badge.elements];
    const top = safe.y + badge.h + space(env, 5);
    const area: Box = { x: safe.x, y: top, w: safe.w, h: safe.y + safe.h - top };
    // Stacked sections in portrait, and in 1:1 when three columns would be narrow, unless the stack would cut more
    // than the columns do; columns otherwise.
    const n = sections.length;
    const gap = space(env, 3);
    const free = area.h - gap * (n - 1);
    const needs = sections.map((s) => section(env, s, { ...area, h: free }, 0, true).h);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const narrow = (area.w - space(env, 4) * (n - 1)) / n < 440 * u;
    const arrange = (e: typeof env, columns: boolean, out: Element[]): void => {
      let next = 1;
      let steps = 0; // content steps so far, numbered across sections in reading order
      if (columns) {
        // Columns share the width (a lone section stays a readable width); every column takes the whole height and
        // its rows spread inside, so the cards do not float in an empty band.
        const colW = Math.min(n === 1 ? 980 * u : Infinity, (area.w - space(env, 4) * (n - 1)) / Math.max(1, n));
        const x0 = area.x + (area.w - (colW * n + space(env, 4) * (n - 1))) / 2;
        sections.forEach((s, i) => {
          out.push(...section(e, s, { x: x0 + i * (colW + space(env, 4)), y: area.y, w: colW, h: area.h }, next, false, steps).elements);
          next += s.items.length + 1;
          steps += s.items.length;
        });
        return;
      }
      // Stacked: each section gets the height its content asks for (and a share of what is spare). When they do not
      // all fit, each keeps room for its header and up to two rows (scaled down if even that is too much) and the
      // rest is shared by need.
      // One type size for the whole stack: the largest at which every section fits at its natural height.
      let size = 44;
      let needs = sections.map((s) => section(env, s, { ...area, h: free }, 0, true, 0, size).h);
      let compact = false;
      // Compact also tightens the gaps: the stack moves up into the badge's margin and sections sit closer.
      let [top, between, room] = [area.y, gap, free];
      while (sum(needs) > room && !compact) {
        if (size > 32) size = size > 36 ? size - 2 : 32;
        else {
          compact = true;
          [top, between] = [area.y - space(env, 3), space(env, 1.5)];
          room = area.y + area.h - top - between * (n - 1);
        }
        needs = sections.map((s) => section(env, s, { ...area, h: room }, 0, true, 0, size, compact).h);
      }
      const floors = sections.map((s, i) => Math.min(needs[i]!, (HEADER_H + 48 + Math.min(2, s.items.length) * 84) * u));
      const [total, base] = [sum(needs), sum(floors)];
      const k = Math.min(1, room / base);
      let y = top;
      sections.forEach((s, i) => {
        const h = total <= room ? needs[i]! + ((room - total) * needs[i]!) / total : floors[i]! * k + (Math.max(0, room - base) * (needs[i]! - floors[i]!)) / Math.max(1, total - base);
        const built = section(e, s, { ...area, y, h }, next, false, steps, size, compact);
        out.push(...built.elements);
        next += s.items.length + 1;
        steps += s.items.length;
        y += built.h + between;
      });
    };
    const cuts = (columns: boolean) => {
      let count = 0;
      arrange({ ...env, warn: () => void count++ }, columns, []);
      return count;
    };
    arrange(env, !frame.portrait && (!narrow || (sum(needs) > free && cuts(true) < cuts(false))), elements);
    return centerVertically(elements, safe);
  },
});

/**
 * One section card. With `measure` set it only reports the height its items need in `box`; otherwise it returns
 * elements sized to `box.h`. The card enters first, then its items one by one.
 */
function section(env: LayoutEnv, s: Section, box: Box, start: number, measure: boolean, firstStep = 0, size = 44, compact = false): { elements: Element[]; h: number } {
  const { theme } = env;
  const u = env.frame.unit;
  // Compact: a slimmer header strip and padding, when a stack of three does not fit otherwise.
  const headerH = (compact ? 52 : HEADER_H) * u;
  const pad = (compact ? 8 : 24) * u;
  const inner: Box = { x: box.x + pad, y: box.y + headerH + pad, w: box.w - 2 * pad, h: box.h - headerH - 2 * pad };
  const rowsEnv = measure ? { ...env, warn: () => {} } : env;
  const rows = stackRows(rowsEnv, inner, s.items, {
    slot: s.key,
    marker: () => ({ icon: s.icon, bare: true }),
    markerFill: theme.surface,
    markerText: s.ink,
    cards: false,
    on: theme.surface,
    enter: (i) => stepEnter(firstStep + i, start + 1 + i, 'up'),
    size,
    maxLines: 3,
    spread: !measure,
  });
  const h = measure ? headerH + 2 * pad + rows.h : box.h;
  if (measure) return { elements: [], h };
  const cardBox = { ...box, h };
  const r = 24 * u;
  const glyph = 30 * u;
  const titleX = box.x + pad + glyph + space(env, 1.5);
  const title = textBlock(env, `${s.key} title`, s.title, { x: titleX, y: box.y, w: box.x + box.w - pad - titleX, h: headerH }, 'subheading', { size: 36, maxLines: 1, valign: 'middle', color: s.ink, on: s.tint });
  const shell: Element = {
    type: 'group',
    box: cardBox,
    enter: stagger(start, 'up'),
    children: [
      card(env, cardBox, { radius: r }),
      // Header strip: rounded top, square bottom (a second rect covers the lower corners), hairline underneath.
      { type: 'rect', box: { x: box.x + 1 * u, y: box.y + 1 * u, w: box.w - 2 * u, h: headerH }, fill: s.tint, radius: r - 1 * u },
      { type: 'rect', box: { x: box.x + 1 * u, y: box.y + headerH - r, w: box.w - 2 * u, h: r + 1 * u }, fill: s.tint, radius: 0 },
      { type: 'line', x1: box.x + 1 * u, y1: box.y + headerH + 1 * u, x2: box.x + box.w - 1 * u, y2: box.y + headerH + 1 * u, color: s.ink, lineWidth: 2 * u, alpha: 0.35 },
      { type: 'icon', name: s.icon, box: { x: box.x + pad, y: box.y + (headerH - glyph) / 2 + 1 * u, w: glyph, h: glyph }, color: s.ink, lineWidth: 3.4 * u },
      title,
    ],
  };
  return { elements: [shell, ...rows.elements], h };
}

import type { Element, TextElement } from './elements.ts';
import type { Box } from './geometry.ts';
import { mirroredIcon } from './icons.ts';
import { hasRtl } from './text.ts';
import type { Enter } from './motion.ts';

/** Moves elements vertically by `dy` pixels (layout-time, before anything is drawn). */
export function shiftElements(elements: readonly Element[], dy: number): void {
  for (const el of elements) {
    switch (el.type) {
      case 'rect':
      case 'icon':
      case 'media':
        el.box = { ...el.box, y: el.box.y + dy };
        break;
      case 'circle':
        el.cy += dy;
        break;
      case 'text':
        el.text = { ...el.text, box: { ...el.text.box, y: el.text.box.y + dy }, top: el.text.top + dy };
        break;
      case 'code':
        el.box = { ...el.box, y: el.box.y + dy };
        break;
      case 'line':
        el.y1 += dy;
        el.y2 += dy;
        break;
      case 'group':
        el.box = { ...el.box, y: el.box.y + dy };
        shiftElements(el.children, dy);
        break;
    }
  }
}

/** The rectangle covering every element. */
export function elementsBounds(elements: readonly Element[]): Box {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const add = (b: Box) => {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  };
  for (const el of elements) {
    if (el.type === 'circle') add({ x: el.cx - el.r, y: el.cy - el.r, w: 2 * el.r, h: 2 * el.r });
    else if (el.type === 'text') add({ x: el.text.box.x, y: el.text.top, w: el.text.box.w, h: el.text.lines.length * el.text.lineHeight });
    else if (el.type === 'line') add({ x: Math.min(el.x1, el.x2), y: Math.min(el.y1, el.y2), w: Math.abs(el.x2 - el.x1), h: Math.abs(el.y2 - el.y1) });
    else add(el.box);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : { x: 0, y: 0, w: 0, h: 0 };
}

/**
 * Centres a composition vertically in `area` when it is shorter than the area, with a slight upward bias (the
 * optical centre of a frame sits above the geometric one). Returns the same array for chaining.
 */
export function centerVertically(elements: Element[], area: Box, bias = 0.42): Element[] {
  const b = elementsBounds(elements);
  const free = area.y + area.h - (b.y + b.h);
  if (free > 1 && b.y >= area.y - 0.5) shiftElements(elements, Math.max(0, area.y + (area.h - b.h) * bias - b.y));
  return elements;
}

/** Moves elements horizontally by `dx` pixels. */
export function shiftElementsX(elements: readonly Element[], dx: number): void {
  for (const el of elements) {
    if (el.type === 'circle') el.cx += dx;
    else if (el.type === 'line') {
      el.x1 += dx;
      el.x2 += dx;
    } else if (el.type === 'text') el.text = { ...el.text, box: { ...el.text.box, x: el.text.box.x + dx } };
    else {
      el.box = { ...el.box, x: el.box.x + dx };
      if (el.type === 'group') shiftElementsX(el.children, dx);
    }
  }
}

const flipEnter = (enter: Enter | undefined): Enter | undefined =>
  enter && (enter.from === 'left' || enter.from === 'right') ? { ...enter, from: enter.from === 'left' ? 'right' : 'left' } : enter;

/**
 * Mirrors a left-to-right composition for a right-to-left scene, about the vertical centre line of `area` (the safe
 * area, whose margins differ left and right in 9:16): markers, icons, accent rules and the quote mark move to the
 * reading side, columns swap order, text aligns to the right and directional icons point the other way. Code panels
 * move as a whole but keep their inside left to right, as code is written.
 */
export function mirrorElements(elements: readonly Element[], area: Box): void {
  const axis = 2 * area.x + area.w;
  const flip = (b: Box): Box => ({ ...b, x: axis - b.x - b.w });
  for (const el of elements) {
    const enter = flipEnter(el.enter);
    if (enter) el.enter = enter;
    switch (el.type) {
      case 'rect':
      case 'media':
        // A backdrop wider than the area on both sides (a full-frame picture, a scrim) stays put: flipped about the
        // safe area, whose margins differ left and right in 9:16, it would slide off the frame's edge.
        if (el.box.x > area.x || el.box.x + el.box.w < area.x + area.w) el.box = flip(el.box);
        break;
      case 'icon':
        el.box = flip(el.box);
        el.name = mirroredIcon(el.name);
        break;
      case 'circle':
        el.cx = axis - el.cx;
        break;
      case 'line':
        el.x1 = axis - el.x1;
        el.x2 = axis - el.x2;
        break;
      case 'text':
        mirrorText(el, flip);
        break;
      case 'code':
        el.box = flip(el.box);
        break;
      case 'group':
        if (el.children.some((c) => c.type === 'code')) shiftElementsX([el], axis - el.box.x - el.box.w - el.box.x);
        else {
          el.box = flip(el.box);
          mirrorElements(el.children, area);
        }
        break;
    }
  }
}

/**
 * Mirrors a whole laid-out page for a right-to-left language: content about the safe area (mirrorElements), and page
 * furniture that reaches a side edge of the frame (the accent bar, a full-frame picture) about the frame's centre, so
 * it stays flush with that edge although the safe area's margins differ left and right (9:16).
 */
export function mirrorPage(elements: readonly Element[], frame: { width: number; height: number; safe: Box }): void {
  const page = { x: 0, y: 0, w: frame.width, h: frame.height };
  for (const el of elements) mirrorElements([el], reachesSide(el, frame.width) ? page : frame.safe);
}

function reachesSide(el: Element, width: number): boolean {
  if (el.type !== 'rect' && el.type !== 'media') return false;
  return el.box.x <= 0.5 || el.box.x + el.box.w >= width - 0.5;
}

/**
 * Right-to-left text was already set right-aligned by fitText; anything else aligned to a side swaps sides. On a
 * right-to-left page a line with any right-to-left text takes the right-to-left base direction, so "Python هي لغة"
 * reads with Python first, at the right, as the bidi algorithm would order it under an Arabic heading.
 */
function mirrorText(el: TextElement, flip: (b: Box) => Box): void {
  const t = el.text;
  const align = t.align === 'center' ? 'center' : t.rtl ? 'right' : t.align === 'left' ? 'right' : 'left';
  el.text = { ...t, box: flip(t.box), align, rtl: t.rtl || t.lines.some(hasRtl) };
}

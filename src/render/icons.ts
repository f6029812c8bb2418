import type { Box } from './geometry.ts';

/** Line icons drawn as vectors on a 24-unit grid (Feather-style), so they never depend on a font having the glyph. */
export type IconName = 'check' | 'chevron' | 'list' | 'bolt' | 'quote' | 'question' | 'flag' | 'target' | 'clock' | 'book' | 'pencil' | 'arrowRight' | 'arrowLeft' | 'chevronLeft' | 'code' | 'play' | 'star' | 'layers';

type Ctx = CanvasRenderingContext2D;

const PATHS: Record<IconName, (c: Ctx) => void> = {
  check: (c) => poly(c, [[5, 12.5], [10, 17.5], [19.5, 7]]),
  chevron: (c) => poly(c, [[8, 5], [15, 12], [8, 19]]),
  chevronLeft: (c) => poly(c, [[16, 5], [9, 12], [16, 19]]),
  arrowRight: (c) => {
    poly(c, [[4, 12], [20, 12]]);
    poly(c, [[13, 5], [20, 12], [13, 19]]);
  },
  arrowLeft: (c) => {
    poly(c, [[20, 12], [4, 12]]);
    poly(c, [[11, 5], [4, 12], [11, 19]]);
  },
  list: (c) => {
    for (const y of [6, 12, 18]) {
      poly(c, [[9, y], [20, y]]);
      dot(c, 4.5, y, 1.4);
    }
  },
  bolt: (c) => poly(c, [[13, 2.5], [4.5, 13.5], [12, 13.5], [11, 21.5], [19.5, 10.5], [12, 10.5], [13, 2.5]], true),
  quote: (c) => {
    for (const x of [4, 13]) {
      c.moveTo(x + 6, 6);
      c.quadraticCurveTo(x, 7, x, 13);
      c.lineTo(x, 17);
      c.lineTo(x + 6, 17);
      c.lineTo(x + 6, 11.5);
      c.lineTo(x + 1.5, 11.5);
    }
  },
  question: (c) => {
    c.moveTo(8.5, 8.5);
    c.bezierCurveTo(8.5, 4.5, 15.5, 4.5, 15.5, 8.5);
    c.bezierCurveTo(15.5, 11.5, 12, 11.5, 12, 14.5);
    dot(c, 12, 19, 1.3);
  },
  flag: (c) => {
    poly(c, [[5, 21.5], [5, 3.5]]);
    poly(c, [[5, 4], [19, 4], [15.5, 8.5], [19, 13], [5, 13]]);
  },
  target: (c) => {
    ring(c, 12, 12, 9);
    ring(c, 12, 12, 5);
    dot(c, 12, 12, 1.5);
  },
  clock: (c) => {
    ring(c, 12, 12, 9);
    poly(c, [[12, 7], [12, 12], [15.5, 14]]);
  },
  book: (c) => {
    poly(c, [[4, 4.5], [10, 4.5], [12, 6.5], [12, 20], [10, 18.5], [4, 18.5], [4, 4.5]], true);
    poly(c, [[20, 4.5], [14, 4.5], [12, 6.5], [12, 20], [14, 18.5], [20, 18.5], [20, 4.5]], true);
  },
  pencil: (c) => {
    poly(c, [[16, 4], [20, 8], [8.5, 19.5], [4, 20], [4.5, 15.5], [16, 4]], true);
    poly(c, [[13.5, 6.5], [17.5, 10.5]]);
  },
  code: (c) => {
    poly(c, [[8, 7], [3, 12], [8, 17]]);
    poly(c, [[16, 7], [21, 12], [16, 17]]);
    poly(c, [[13.5, 5], [10.5, 19]]);
  },
  play: (c) => poly(c, [[7, 4.5], [19, 12], [7, 19.5], [7, 4.5]], true),
  star: (c) => {
    const pts: [number, number][] = [];
    for (let i = 0; i < 10; i++) {
      const r = i % 2 === 0 ? 9.5 : 4.2;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      pts.push([12 + r * Math.cos(a), 12.5 + r * Math.sin(a)]);
    }
    poly(c, [...pts, pts[0]!], true);
  },
  layers: (c) => {
    poly(c, [[12, 3], [21, 8], [12, 13], [3, 8], [12, 3]], true);
    poly(c, [[3, 12.5], [12, 17.5], [21, 12.5]]);
    poly(c, [[3, 16.5], [12, 21.5], [21, 16.5]]);
  },
};

function poly(c: Ctx, points: [number, number][], close = false): void {
  points.forEach(([x, y], i) => (i === 0 ? c.moveTo(x, y) : c.lineTo(x, y)));
  if (close) c.closePath();
}

function ring(c: Ctx, x: number, y: number, r: number): void {
  c.moveTo(x + r, y);
  c.arc(x, y, r, 0, Math.PI * 2);
}

function dot(c: Ctx, x: number, y: number, r: number): void {
  c.moveTo(x + r, y);
  c.arc(x, y, r, 0, Math.PI * 2);
}

export function drawIcon(ctx: Ctx, name: IconName, box: Box, color: string, lineWidth: number): void {
  const size = Math.min(box.w, box.h);
  const scale = size / 24;
  ctx.save();
  ctx.translate(box.x + (box.w - size) / 2, box.y + (box.h - size) / 2);
  ctx.scale(scale, scale);
  ctx.beginPath();
  PATHS[name](ctx);
  ctx.strokeStyle = color;
  ctx.lineWidth = lineWidth / scale;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.stroke();
  ctx.restore();
}

/** Icons that point along the reading direction, and their right-to-left counterparts. */
const MIRRORED: Partial<Record<IconName, IconName>> = { arrowRight: 'arrowLeft', arrowLeft: 'arrowRight', chevron: 'chevronLeft', chevronLeft: 'chevron' };

export function mirroredIcon(name: IconName): IconName {
  return MIRRORED[name] ?? name;
}

export const ICON_NAMES = Object.keys(PATHS) as IconName[];

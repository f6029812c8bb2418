import type { VideoSpec } from '../spec/index.ts';
import type { Element } from './elements.ts';
import { drawElements } from './draw.ts';
import { frameFor, type Frame } from './geometry.ts';
import { buildTheme } from './theme.ts';
import { fitText, type Measurer } from './text.ts';
import { textStyle } from './type-scale.ts';
import { withAlpha } from './color.ts';

/** YouTube's recommended thumbnail size. */
export const THUMBNAIL_SIZE = { width: 1280, height: 720 } as const;

/**
 * A thumbnail is not a shrunken title scene: it must read at 168×94, so the title is huge and heavy, on a solid,
 * saturated accent field, with at most three lines and a small label for the series or badge.
 */
export function layoutThumbnail(spec: Pick<VideoSpec, 'title' | 'theme'> & { badge?: string }, measure: Measurer): { frame: Frame; elements: Element[]; fill: [string, string] } {
  const frame = frameFor('16:9', THUMBNAIL_SIZE.height);
  const theme = buildTheme(spec.theme.accent, 'dark');
  const u = frame.unit;
  const pad = 80 * u;
  const box = { x: pad, y: pad * 1.4, w: frame.width - 2 * pad, h: frame.height - pad * 2.6 };
  const fitted = fitText(spec.title, box, textStyle('display', u, { size: 150, weight: 800, maxLines: 3, valign: 'middle' }), measure);
  const fill: [string, string] = [theme.accentFill, '#0b1120'];
  const elements: Element[] = [
    { type: 'rect', box: { x: pad, y: box.y - 40 * u, w: 160 * u, h: 14 * u }, fill: theme.onAccent === '#ffffff' ? '#ffffff' : theme.text, radius: 7 * u },
    { type: 'text', text: fitted, color: '#ffffff', on: fill[0] },
  ];
  if (spec.badge) {
    const label = fitText(spec.badge.toUpperCase(), { x: pad, y: frame.height - pad * 1.1, w: box.w, h: 60 * u }, textStyle('label', u, { size: 44, weight: 700, maxLines: 1 }), measure);
    elements.push({ type: 'text', text: label, color: '#ffffff', on: fill[1] });
  }
  return { frame, elements, fill };
}

export function drawThumbnail(ctx: CanvasRenderingContext2D, layout: ReturnType<typeof layoutThumbnail>): void {
  const { width, height } = layout.frame;
  const g = ctx.createLinearGradient(0, 0, width, height);
  g.addColorStop(0, layout.fill[0]);
  g.addColorStop(1, layout.fill[1]);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
  // A soft light from the top right gives depth without adding noise at small sizes.
  const glow = ctx.createRadialGradient(width * 0.9, 0, 0, width * 0.9, 0, width * 0.7);
  glow.addColorStop(0, withAlpha('#ffffff', 0.16));
  glow.addColorStop(1, withAlpha('#ffffff', 0));
  ctx.fillStyle = glow;
  ctx.fillRect(0, 0, width, height);
  drawElements(ctx, layout.elements, Infinity, layout.frame.unit);
}

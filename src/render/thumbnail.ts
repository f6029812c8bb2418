import type { VideoSpec } from '../spec/index.ts';
import type { Element } from './elements.ts';
import { drawElements } from './draw.ts';
import { frameFor, type Frame } from './geometry.ts';
import { buildTheme } from './theme.ts';
import { fitText, isRtl, isRtlLanguage, type Measurer } from './text.ts';
import { cssFont } from './fonts.ts';
import { textStyle } from './type-scale.ts';
import { withAlpha } from './color.ts';
import { placePicture, type Placement } from './media-fit.ts';
import { minScrimAlpha, scrimBackdrop } from './media-scrim.ts';

/** What a thumbnail shows; `language` (the spec's) sets the reading side even for a Latin title in an Arabic video. */
export type ThumbnailSpec = Pick<VideoSpec, 'title' | 'theme'> & { badge?: string; language?: string };

/** Right to left when the language is, or when the title itself reads right to left. */
const readsRtl = (spec: ThumbnailSpec) => isRtlLanguage(spec.language) || isRtl(spec.title);

/** YouTube's recommended thumbnail size. */
export const THUMBNAIL_SIZE = { width: 1280, height: 720 } as const;

/**
 * A thumbnail is not a shrunken title scene: it must read at 168×94, so the title is huge and heavy, on a solid,
 * saturated accent field, with at most three lines and a small label for the series or badge.
 */
export function layoutThumbnail(spec: ThumbnailSpec, measure: Measurer): { frame: Frame; elements: Element[]; fill: [string, string] } {
  const frame = frameFor('16:9', THUMBNAIL_SIZE.height);
  const theme = buildTheme(spec.theme.accent, 'dark');
  const u = frame.unit;
  const pad = 80 * u;
  const rtl = readsRtl(spec);
  const align = rtl ? 'right' : 'left';
  const box = { x: pad, y: pad * 1.4, w: frame.width - 2 * pad, h: frame.height - pad * 2.6 };
  const fitted = fitText(spec.title, box, textStyle('display', u, { size: 150, weight: 800, maxLines: 3, valign: 'middle', align, lang: spec.language }), measure);
  const fill: [string, string] = [theme.accentFill, '#0b1120'];
  const ruleW = 160 * u;
  const elements: Element[] = [
    { type: 'rect', box: { x: rtl ? frame.width - pad - ruleW : pad, y: box.y - 40 * u, w: ruleW, h: 14 * u }, fill: theme.onAccent === '#ffffff' ? '#ffffff' : theme.text, radius: 7 * u },
    { type: 'text', text: fitted, color: '#ffffff', on: fill[0] },
  ];
  if (spec.badge) {
    const label = fitText(spec.badge.toUpperCase(), { x: pad, y: frame.height - pad * 1.1, w: box.w, h: 60 * u }, textStyle('label', u, { size: 44, weight: 700, maxLines: 1, align, lang: spec.language }), measure);
    elements.push({ type: 'text', text: label, color: '#ffffff', on: fill[1] });
  }
  return { frame, elements, fill };
}

/** The size of a picture for the thumbnail (an image, or a frame of a clip), known before it is drawn. */
export interface ThumbnailPicture {
  width: number;
  height: number;
}

export interface PictureThumbnailLayout {
  frame: Frame;
  elements: Element[];
  placement: Placement;
  /** Darkening over the picture: `top` at the top edge, rising to `alpha` at `full` (y) and kept to the bottom. */
  scrim: { top: number; full: number; alpha: number };
}

/**
 * A thumbnail over a picture: the picture fills the frame (cover), a scrim darkens it from the top down so the title,
 * set large in the lower part, stays ≥ 4.5:1 even where the picture is pure white (the same worst case as scenes over
 * media), and an accent badge sits above the title. The upper part stays light, so the picture is what one sees
 * first. A portrait picture (a 9:16 Short's b-roll) is cropped to its middle band.
 */
export function layoutPictureThumbnail(spec: ThumbnailSpec, picture: ThumbnailPicture, measure: Measurer): PictureThumbnailLayout {
  const frame = frameFor('16:9', THUMBNAIL_SIZE.height);
  const theme = buildTheme(spec.theme.accent, 'dark');
  const u = frame.unit;
  const pad = 72 * u;
  const rtl = readsRtl(spec);
  // Badge and rule start on the reading side: x of a piece `w` wide set from the left, or from the right.
  const from = (w: number) => (rtl ? frame.width - pad - w : pad);
  const box = { x: pad, y: frame.height * 0.36, w: frame.width - 2 * pad, h: frame.height * 0.64 - pad * 0.8 };
  const fitted = fitText(spec.title, box, textStyle('display', u, { size: 140, weight: 800, maxLines: 3, valign: 'bottom', align: rtl ? 'right' : 'left', lang: spec.language }), measure);
  const alpha = minScrimAlpha(['#ffffff']);
  const textTop = fitted.top;
  const label = (spec.badge ?? '').toUpperCase();
  const badgeH = 58 * u;
  const badgeY = Math.max(pad * 0.6, textTop - badgeH - 22 * u);
  const elements: Element[] = [];
  if (label) {
    const style = textStyle('label', u, { size: 34, weight: 800, maxLines: 1 });
    const labelW = Math.min(box.w, measure.width(label, cssFont(style.font)) + 44 * u);
    const text = fitText(label, { x: from(labelW) + 22 * u, y: badgeY, w: labelW - 44 * u, h: badgeH }, { ...style, valign: 'middle', align: rtl ? 'right' : 'left' }, measure);
    elements.push({ type: 'rect', box: { x: from(labelW), y: badgeY, w: labelW, h: badgeH }, fill: theme.accentFill, radius: 10 * u }, { type: 'text', text, color: theme.onAccent, on: theme.accentFill });
  } else {
    elements.push({ type: 'rect', box: { x: from(160 * u), y: badgeY + badgeH - 14 * u, w: 160 * u, h: 14 * u }, fill: theme.accentFill, radius: 7 * u });
  }
  elements.push({ type: 'text', text: fitted, color: '#ffffff', on: scrimBackdrop(alpha) });
  const placement = placePicture(picture.width, picture.height, { x: 0, y: 0, w: frame.width, h: frame.height }, 'cover', undefined);
  return { frame, elements, placement, scrim: { top: 0.12, full: Math.max(0, badgeY - 8 * u), alpha } };
}

export function drawPictureThumbnail(ctx: CanvasRenderingContext2D, layout: PictureThumbnailLayout, picture: CanvasImageSource): void {
  const { width, height } = layout.frame;
  const { source: s, dest: d } = layout.placement;
  ctx.fillStyle = '#000000';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(picture, s.x, s.y, s.w, s.h, d.x, d.y, d.w, d.h);
  const { top, full, alpha } = layout.scrim;
  const g = ctx.createLinearGradient(0, 0, 0, height);
  const at = Math.min(1, full / height);
  g.addColorStop(0, `rgba(0, 0, 0, ${top})`);
  // Eased: a straight ramp shows a kink where it meets the solid part.
  g.addColorStop(at * 0.5, `rgba(0, 0, 0, ${top + (alpha - top) * 0.3})`);
  g.addColorStop(at, `rgba(0, 0, 0, ${alpha})`);
  g.addColorStop(1, `rgba(0, 0, 0, ${alpha})`);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, width, height);
  drawElements(ctx, layout.elements, Infinity, layout.frame.unit);
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

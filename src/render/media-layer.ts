import type { Element, MediaElement, TextElement } from './elements.ts';
import { textElements } from './draw.ts';
import { GRADIENT_REF, type MediaCatalog, type MediaClip } from './media.ts';
import { minScrimAlpha, scrimBackdrop } from './media-scrim.ts';
import type { LayoutEnv } from './scene-types.ts';
import type { Theme } from './theme.ts';

/**
 * A clip as drawing needs it: its kind and (footage) its end from the catalog, so the draw loop, settling and
 * signatures never look anything up. A ref the catalog does not know keeps what it had.
 */
export function resolveClip(clip: MediaClip, catalog: MediaCatalog): MediaClip {
  if (clip.ref === GRADIENT_REF) return { ...clip };
  const asset = catalog[clip.ref];
  if (!asset) return { ...clip };
  const end = clip.sourceEnd ?? (asset.kind === 'video' ? asset.duration : undefined);
  return { ...clip, kind: asset.kind, ...(end !== undefined ? { sourceEnd: end } : {}) };
}

/** The fallback gradient's colours: the theme page and accent. */
export function paletteOf(theme: Theme): { page: string; accent: string } {
  return { page: theme.mode === 'dark' ? theme.background : '#0b1120', accent: theme.accent };
}

/** The clip drawn when nothing was resolved: the animated gradient, from the scene's start. */
export function gradientClip(sourceStart = 0, loop = false): MediaClip {
  return { ref: GRADIENT_REF, sentence: 0, at: 0, sourceStart, loop };
}

/** Darkening of a background picture away from text: enough to sit cards on, light enough to see the picture. */
export const BACKGROUND_SCRIM = 0.35;
/** Text spread over more than this share of the height gets one even scrim: a band that tall would read as a smear. */
const BAND_MAX_SHARE = 0.6;

/**
 * Puts a full-frame picture or footage behind a laid-out scene: element 0, under the accent bar and every card. The
 * kinds lay out as always, on a dark theme; text drawn straight on the page then sits on the scrim, so across the rows
 * that text occupies the scrim is raised to what the dimmest such text needs against a pure white picture, and that
 * text's `on` becomes the worst-case backdrop (so the contrast checks test what can really be behind it). Elsewhere the
 * picture is darkened only lightly. Cards keep their own fills.
 */
export function withMediaBackground(elements: Element[], env: LayoutEnv, clips: readonly MediaClip[], requested = 0): Element[] {
  const { frame, theme } = env;
  const onPage = textElements(elements).filter((el): el is TextElement => el.type === 'text' && el.on === theme.background && el.text.lines.length > 0);
  const underText = minScrimAlpha(onPage.map((el) => el.color), requested);
  const elsewhere = onPage.length ? Math.min(underText, Math.max(BACKGROUND_SCRIM, requested)) : Math.max(BACKGROUND_SCRIM, requested);
  const backdrop = scrimBackdrop(underText);
  for (const el of onPage) el.on = backdrop;
  // Entrances slide text up into place: the band also covers where it starts.
  const pad = (28 + 24) * frame.unit;
  const top = Math.min(...onPage.map((el) => el.text.box.y)) - pad;
  const bottom = Math.max(...onPage.map((el) => el.text.box.y + el.text.box.h)) + pad;
  const banded = onPage.length > 0 && bottom - top <= frame.height * BAND_MAX_SHARE;
  const resolved = clips.map((c) => resolveClip(c, env.catalog));
  const media: MediaElement = {
    type: 'media',
    box: { x: 0, y: 0, w: frame.width, h: frame.height },
    fit: 'cover',
    // Stills get the slow push so a background never looks frozen; footage already moves (drawn as is).
    motion: 'kenburns',
    clips: resolved,
    radius: 0,
    scrim: banded ? elsewhere : onPage.length ? underText : elsewhere,
    ...(banded ? { scrimBand: { top, bottom, alpha: underText, feather: frame.height * 0.12 } } : {}),
    palette: paletteOf(theme),
  };
  return [media, ...elements];
}

import type { Element, MediaElement } from './elements.ts';
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

/**
 * Puts a full-frame picture or footage behind a laid-out scene: element 0, under the accent bar and every card. The
 * kinds lay out as always, on a dark theme; text drawn straight on the page then sits on the scrim, so the scrim is
 * raised to what the dimmest such text needs against a pure white picture, and that text's `on` becomes the
 * worst-case backdrop (so the contrast checks test what can really be behind it). Cards keep their own fills.
 */
export function withMediaBackground(elements: Element[], env: LayoutEnv, clips: readonly MediaClip[], requested = 0): Element[] {
  const { frame, theme } = env;
  const onPage = textElements(elements).filter((el) => el.type === 'text' && el.on === theme.background);
  const colors = onPage.map((el) => (el.type === 'text' ? el.color : theme.text));
  const scrim = minScrimAlpha(colors, requested);
  const backdrop = scrimBackdrop(scrim);
  for (const el of onPage) el.on = backdrop;
  const resolved = clips.map((c) => resolveClip(c, env.catalog));
  const media: MediaElement = {
    type: 'media',
    box: { x: 0, y: 0, w: frame.width, h: frame.height },
    fit: 'cover',
    // Stills get the slow push so a background never looks frozen; footage already moves.
    motion: resolved.every((c) => c.kind === 'image') ? 'kenburns' : 'none',
    clips: resolved,
    radius: 0,
    scrim,
    palette: paletteOf(theme),
  };
  return [media, ...elements];
}

import type { Element, MediaElement, TextElement } from '../elements.ts';
import type { LayoutEnv } from '../scene-types.ts';
import type { MediaClip } from '../media.ts';
import { card, placeText, space, textBlock, textHeight, readingColumn } from '../blocks.ts';
import { containRect } from '../media-fit.ts';
import { gradientClip, paletteOf, resolveClip } from '../media-layer.ts';
import { minScrimAlpha, scrimBackdrop } from '../media-scrim.ts';
import { stagger } from '../motion.ts';

/** What an image or video scene shows: its picture, how it fits, how it moves, and the words over or under it. */
export interface PictureContent {
  clip: MediaClip | undefined;
  /** What the clip is when the catalog does not say (the scene kind knows). */
  kind: 'image' | 'video';
  fit: 'cover' | 'contain';
  motion: 'kenburns' | 'none';
  title?: string | undefined;
  caption?: string | undefined;
}

/** Text over a picture: white title, a near-white caption (dimmer colours would need a much darker scrim). */
const OVER_TITLE = '#ffffff';
const OVER_CAPTION = '#e2e8f0';

function pictureClip(env: LayoutEnv, content: PictureContent): MediaClip {
  const clip = content.clip ?? gradientClip();
  const resolved = resolveClip(clip, env.catalog);
  return clip === content.clip && !resolved.kind ? { ...resolved, kind: content.kind } : resolved;
}

/** Title and caption, fitted to `column` but not placed; colours for where they will sit. */
function words(env: LayoutEnv, content: PictureContent, column: { x: number; w: number }, colors: { title: string; caption: string; on: string }, align: 'left' | 'center'): TextElement[] {
  const { frame } = env;
  const u = frame.unit;
  const out: TextElement[] = [];
  if (content.title) {
    const lines = frame.portrait ? 3 : 2;
    out.push(textBlock(env, 'title', content.title, { ...column, y: 0, h: 66 * 1.18 * u * lines }, 'heading', { maxLines: lines, align, color: colors.title, on: colors.on, enter: stagger(1, 'up') }));
  }
  if (content.caption) {
    out.push(textBlock(env, 'caption', content.caption, { ...column, y: 0, h: 46 * 1.25 * u * 2 }, 'subheading', { maxLines: 2, weight: 500, align, color: colors.caption, on: colors.on, enter: stagger(2, 'up') }));
  }
  return out;
}

const stackHeight = (env: LayoutEnv, texts: readonly TextElement[]) => texts.reduce((h, t, i) => h + textHeight(t) + (i ? space(env, 2) : 0), 0);

function placeStack(env: LayoutEnv, texts: readonly TextElement[], y: number): void {
  let cy = y;
  for (const t of texts) {
    placeText(t, cy);
    cy += textHeight(t) + space(env, 2);
  }
}

/**
 * The picture over the whole frame; a title and caption sit in a lower band (inside the title-safe area, so above the
 * Shorts buttons in 9:16) on a scrim that deepens towards the bottom. The band's darkness is what the text needs
 * against a pure white picture, so any picture keeps the words at ≥ 4.5:1.
 */
function fullBleed(env: LayoutEnv, content: PictureContent, clip: MediaClip): Element[] {
  const { frame, theme } = env;
  const u = frame.unit;
  const safe = frame.safe;
  const column = { x: safe.x, w: frame.portrait ? safe.w : Math.min(safe.w, 1400 * u) };
  const texts = words(env, content, column, { title: OVER_TITLE, caption: OVER_CAPTION, on: '#000000' }, 'left');
  const media: MediaElement = { type: 'media', box: { x: 0, y: 0, w: frame.width, h: frame.height }, fit: 'cover', motion: content.motion, clips: [clip], radius: 0, palette: paletteOf(theme) };
  if (!texts.length) {
    // No words: the picture as it is, darkened only if the spec asked for it.
    if (env.media?.scrim) media.scrim = env.media.scrim;
    return [media];
  }
  const ruleH = 8 * u;
  const ruleGap = space(env, 3);
  const top = safe.y + safe.h - stackHeight(env, texts);
  const ruleY = top - ruleGap - ruleH;
  placeStack(env, texts, top);
  const alpha = minScrimAlpha(texts.map((t) => t.color), env.media?.scrim ?? 0);
  for (const t of texts) t.on = scrimBackdrop(alpha);
  // The band starts well above the words so the darkening reads as evening light, not a box.
  media.scrimBand = { top: ruleY - space(env, 3), bottom: frame.height, alpha, feather: (frame.portrait ? 420 : 300) * u };
  const rule: Element = { type: 'rect', box: { x: column.x, y: ruleY, w: 96 * u, h: ruleH }, fill: theme.accent, radius: ruleH / 2, enter: { ...stagger(0, 'scale'), duration: 0.6 } };
  return [media, rule, ...texts];
}

/**
 * The picture shown whole, with rounded corners, on the theme page; the title and caption under it in page colours.
 * The picture's box is its own shape when the catalog knows its size, so the corners round the picture, not a frame
 * around it; the stack is centred in the safe area.
 */
function contained(env: LayoutEnv, content: PictureContent, clip: MediaClip): Element[] {
  const { frame, theme } = env;
  const u = frame.unit;
  const safe = frame.safe;
  const column = readingColumn(env, 1500);
  const texts = words(env, content, column, { title: theme.text, caption: theme.textMuted, on: theme.background }, 'center');
  const gap = texts.length ? space(env, 5) : 0;
  const textH = stackHeight(env, texts);
  const asset = env.catalog[clip.ref];
  const [aw, ah] = asset && asset.width > 0 && asset.height > 0 ? [asset.width, asset.height] : [16, 9];
  const area = { x: safe.x, y: safe.y, w: safe.w, h: Math.max(safe.h * 0.3, safe.h - textH - gap) };
  const rect = containRect(aw, ah, area);
  const y = safe.y + Math.max(0, (safe.h - rect.h - gap - textH) / 2);
  const box = { ...rect, y };
  placeStack(env, texts, y + rect.h + gap);
  const radius = 24 * u;
  const media: MediaElement = { type: 'media', box, fit: 'contain', motion: content.motion, clips: [clip], radius, palette: paletteOf(theme) };
  // A shadowed card the picture's size lifts it off the page like the cards of other kinds.
  return [card(env, box, { radius, stroke: theme.surfaceBorder }), media, ...texts];
}

/** Elements of an image or video scene. */
export function pictureLayout(env: LayoutEnv, content: PictureContent): Element[] {
  const clip = pictureClip(env, content);
  return content.fit === 'contain' ? contained(env, content, clip) : fullBleed(env, content, clip);
}

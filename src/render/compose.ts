import type { Scene, VideoSpec } from '../spec/index.ts';
import { VideogenError } from '../errors.ts';
import { drawBackground, themeForScene } from './background.ts';
import type { CodeHighlighter } from './code-highlight.ts';
import { drawElements, elementsSettleAt } from './draw.ts';
import type { Element } from './elements.ts';
import { frameFor, type Frame } from './geometry.ts';
import type { LayoutEnv } from './scene-types.ts';
import { SCENE_RENDERERS } from './scenes/index.ts';
import type { Measurer } from './text.ts';
import type { SceneReveals } from './reveal.ts';
import { buildTheme, type Theme } from './theme.ts';
import type { MediaCatalog, MediaFrames, SceneMedia } from './media.ts';
import { gradientClip, withMediaBackground } from './media-layer.ts';

/** Kinds whose own picture fills the frame: a background behind them would never be seen. */
const PICTURE_KINDS: ReadonlySet<Scene['kind']> = new Set(['image', 'video']);

/** A scene after layout: everything needed to draw any of its frames cheaply. */
export interface LaidOutScene {
  scene: Scene;
  index: number;
  frame: Frame;
  theme: Theme;
  gradient?: [string, string];
  elements: Element[];
  /** Seconds from scene start after which the picture does not change. */
  settlesAt: number;
  warnings: string[];
  /** When content steps appear and what is emphasised, once the reveal pass has timed them to the narration. */
  reveals?: SceneReveals;
}

export interface LayoutContext {
  measure: Measurer;
  code: CodeHighlighter;
  /** Overrides the spec's frame (previews, thumbnails, golden tests at reduced size). */
  frame?: Frame;
  /**
   * Rows (pixels) that burned-in word captions will cover: scene text is laid out in the safe area on the other side
   * of them, so a Short's headline never sits under its captions.
   */
  captionBand?: { top: number; bottom: number };
  /** Pictures and footage per scene (index = scene index) and the assets' sizes, resolved before layout. */
  media?: { scenes: readonly (SceneMedia | undefined)[]; catalog: MediaCatalog };
}

/** The spec asks for a picture or footage behind the scene; without one resolved, the drawn gradient stands in. */
function pictureBackground(scene: Scene): boolean {
  const bg = scene.background;
  return typeof bg === 'object' && ('src' in bg || 'stock' in bg);
}

export function frameOf(spec: Pick<VideoSpec, 'aspect' | 'resolution'>): Frame {
  return frameFor(spec.aspect, spec.resolution);
}

export function layoutScene(spec: Pick<VideoSpec, 'aspect' | 'resolution' | 'theme'> & Partial<Pick<VideoSpec, 'language'>>, scene: Scene, index: number, ctx: LayoutContext): LaidOutScene {
  const frame = ctx.frame ?? frameOf(spec);
  const base = buildTheme(spec.theme.accent, spec.theme.mode);
  const media = ctx.media?.scenes[index];
  const background = PICTURE_KINDS.has(scene.kind) ? undefined : media?.background?.length ? media.background : pictureBackground(scene) ? [gradientClip()] : undefined;
  // Over a picture the text is light on a dark scrim whatever the spec's mode (b-roll comes without `background`).
  const { theme, gradient } = background ? { theme: buildTheme(base.accentName, 'dark'), gradient: undefined } : themeForScene(base, scene.background);
  const renderer = SCENE_RENDERERS[scene.kind] as { layout(s: Scene, env: LayoutEnv): Element[] } | undefined;
  if (!renderer) throw new VideogenError('RENDER_FAILED', `no renderer for scene kind "${scene.kind}"`);
  const warnings: string[] = [];
  const label = scene.id ?? `scenes[${index}]`;
  const env: LayoutEnv = { frame: clearOf(frame, ctx.captionBand), theme, measure: ctx.measure, code: ctx.code, catalog: ctx.media?.catalog ?? {}, ...(media ? { media } : {}), ...(spec.language ? { language: spec.language } : {}), warn: (m) => warnings.push(`${label}: ${m}`) };
  const laid = renderer.layout(scene, env);
  const elements = background ? withMediaBackground(laid, env, background, media?.scrim) : laid;
  return { scene, index, frame, theme, ...(gradient ? { gradient } : {}), elements, settlesAt: elementsSettleAt(elements), warnings };
}

/** The frame with its safe area cut back to the larger side of the caption band (a gap of 4 % of the height kept). */
function clearOf(frame: Frame, band: { top: number; bottom: number } | undefined): Frame {
  if (!band) return frame;
  const gap = frame.height * 0.04;
  const { safe } = frame;
  const above = band.top - gap - safe.y;
  const below = safe.y + safe.h - (band.bottom + gap);
  if (Math.max(above, below) <= 0) return frame;
  return above >= below ? { ...frame, safe: { ...safe, h: above } } : { ...frame, safe: { ...safe, y: band.bottom + gap, h: below } };
}

export function layoutVideo(spec: VideoSpec, ctx: LayoutContext): LaidOutScene[] {
  return spec.scenes.map((scene, i) => layoutScene(spec, scene, i, ctx));
}

/** Draws one scene at scene time `t` seconds onto a canvas the size of its frame; pictures come from `frames`. */
export function drawScene(ctx: CanvasRenderingContext2D, laid: LaidOutScene, t: number, frames?: MediaFrames): void {
  drawBackground(ctx, laid.frame, laid.theme, laid.gradient);
  drawElements(ctx, laid.elements, t, laid.frame.unit, frames);
}

/** Finds a scene by id or 1-based number ("3"). */
export function findScene(spec: VideoSpec, ref: string): number {
  const byId = spec.scenes.findIndex((s) => s.id === ref);
  if (byId >= 0) return byId;
  const n = Number(ref);
  if (Number.isInteger(n) && n >= 1 && n <= spec.scenes.length) return n - 1;
  throw new VideogenError('SCENE_NOT_FOUND', `no scene "${ref}"; use an id (${spec.scenes.map((s) => s.id).join(', ')}) or a number 1–${spec.scenes.length}`);
}

/**
 * The live preview's drawing pipeline: the very functions `videogen preview` runs (src/pipeline/preview.ts
 * previewFrame: layout with measurer + code highlighter + frame + caption band, then withEstimatedReveals, then
 * drawScene), here on a browser canvas. Nothing is re-implemented, so a preview frame equals the CLI's.
 */
import type { VideoSpec } from '../../../src/spec/index.ts';
import { captionBandFor } from '../../../src/render/captions-overlay.ts';
import { createCodeHighlighter, languagesOf, type CodeHighlighter } from '../../../src/render/code-highlight.ts';
import { drawScene, frameOf, layoutScene, type LaidOutScene, type LayoutContext } from '../../../src/render/compose.ts';
import { estimatedSceneTiming, withEstimatedReveals } from '../../../src/render/estimated-reveals.ts';
import { canvasMeasurer, type CanvasMeasurer } from '../../../src/render/text.ts';
import { drawTransition } from '../../../src/render/transitions.ts';

const highlighters = new Map<string, Promise<CodeHighlighter>>();

/** Shiki with the spec's languages, loaded once per language set (grammars cost hundreds of ms; keystrokes must not). */
export function highlighterFor(languages: readonly string[]): Promise<CodeHighlighter> {
  const key = languages.join(',');
  let highlighter = highlighters.get(key);
  if (!highlighter) {
    highlighter = createCodeHighlighter(languages);
    // A failed load must be retried by the next spec change, not cached forever.
    highlighter.catch(() => highlighters.delete(key));
    highlighters.set(key, highlighter);
  }
  return highlighter;
}

let measurer: CanvasMeasurer | undefined;

/** The spec's code languages as a stable key (sorted, lower case, comma-separated) for caching the highlighter. */
export function languagesKey(spec: Pick<VideoSpec, 'scenes'>): string {
  return [...new Set(languagesOf(spec.scenes).map((l) => l.toLowerCase()))].sort().join(',');
}

/** One measuring context for the page; its memo is dropped when fonts finish loading (widths change). */
export function sharedMeasurer(): CanvasMeasurer {
  if (!measurer) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) throw new Error('this browser has no 2D canvas');
    measurer = canvasMeasurer(ctx);
  }
  return measurer;
}

/** A scene ready to draw at any time of its estimated length, including the blend into the next scene. */
export interface PreviewScene {
  laid: LaidOutScene;
  /** Estimated scene length in seconds (scrubber range). */
  seconds: number;
  /** Seconds at the end spent blending into the next scene (0 for the last scene or transition "none"). */
  transition: number;
  /** The next scene, laid out on first use (only the transition needs it). */
  next(): LaidOutScene | undefined;
}

function layoutOne(spec: VideoSpec, index: number, context: LayoutContext): LaidOutScene {
  return withEstimatedReveals(spec, layoutScene(spec, spec.scenes[index]!, index, context));
}

/** Lays out scene `index` exactly as previewFrame does (throws VideogenError when the layout fails). */
export function layoutPreview(spec: VideoSpec, index: number, code: CodeHighlighter): PreviewScene {
  const frame = frameOf(spec);
  const band = captionBandFor(spec, frame);
  const context: LayoutContext = { measure: sharedMeasurer(), code, frame, ...(band ? { captionBand: band } : {}) };
  const laid = layoutOne(spec, index, context);
  const timing = estimatedSceneTiming(spec, laid);
  let next: LaidOutScene | undefined;
  return {
    laid,
    ...timing,
    next: () => (next ??= index + 1 < spec.scenes.length ? layoutOne(spec, index + 1, context) : undefined),
  };
}

/** Two offscreen canvases for the transition's outgoing and incoming pictures, made once per preview. */
export interface TransitionSurfaces {
  from: HTMLCanvasElement;
  to: HTMLCanvasElement;
}

function surfaceFor(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return canvas.getContext('2d')!;
}

/**
 * Draws the scene at scene time `t`. In its last `transition` seconds the render blends it into the next scene's first
 * frame (render/video-frame.ts); the preview does the same with the same drawTransition.
 */
export function drawPreview(ctx: CanvasRenderingContext2D, scene: PreviewScene, t: number, surfaces: TransitionSurfaces): void {
  const { laid } = scene;
  const blendFrom = scene.seconds - scene.transition;
  // t = Infinity is "the settled picture" of a scene whose footage never settles (as `videogen preview` draws it): no blend.
  const next = scene.transition > 0 && Number.isFinite(t) && t > blendFrom ? scene.next() : undefined;
  if (!next) {
    drawScene(ctx, laid, t);
    return;
  }
  const { width, height } = laid.frame;
  drawScene(surfaceFor(surfaces.from, width, height), laid, t);
  drawScene(surfaceFor(surfaces.to, width, height), next, 0);
  ctx.clearRect(0, 0, width, height);
  drawTransition(ctx, laid.scene.transition ?? 'fade', (t - blendFrom) / scene.transition, surfaces.from, surfaces.to, width, height);
}

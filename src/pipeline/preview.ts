import { captionBandFor } from './caption-band.ts';
import type { VideoSpec } from '../spec/index.ts';
import { createCodeHighlighter, languagesOf } from '../render/code-highlight.ts';
import { drawScene, findScene, frameOf, layoutScene, layoutVideo, type LaidOutScene } from '../render/compose.ts';
import { drawSheet, sheetLayout } from '../render/sheet.ts';
import { withEstimatedReveals } from '../render/estimated-reveals.ts';
import type { Frame } from '../render/geometry.ts';
import { createSurface, nodeMeasurer } from '../media/canvas.ts';
import { mediaNeeds } from '../render/media-needs.ts';
import { NO_FILES, type FileScope } from '../sources/confine.ts';
import { ffmpegOptionsFrom, findFfmpeg } from '../media/index.ts';
import type { VideogenConfig } from '../config.ts';
import { prepareMedia, type PreparedMedia } from './media-stage.ts';

export interface PreviewResult {
  png: Buffer;
  warnings: string[];
}

async function layoutContext(spec: VideoSpec, frame?: Frame, media?: PreparedMedia) {
  // Scene text keeps clear of burned-in word captions exactly as in the render.
  const band = captionBandFor(spec, frame ?? frameOf(spec));
  return {
    measure: nodeMeasurer(),
    code: await createCodeHighlighter(languagesOf(spec.scenes)),
    ...(frame ? { frame } : {}),
    ...(band ? { captionBand: band } : {}),
    ...(media ? { media: { scenes: media.scenes, catalog: media.catalog } } : {}),
  };
}

/**
 * The pictures and footage a preview shows: resolved, probed and cached as the render does (the same content cache,
 * so the render after a preview fetches nothing again). `scope` is where relative paths may point.
 */
export async function preparePreviewMedia(spec: VideoSpec, opts: { config: VideogenConfig; scope?: FileScope; frame?: Frame; mediaDir?: string; onWarning?: (message: string) => void }): Promise<PreparedMedia> {
  return prepareMedia(spec, {
    config: opts.config,
    tools: await findFfmpeg(ffmpegOptionsFrom(opts.config)),
    frame: opts.frame ?? frameOf(spec),
    scope: opts.scope ?? NO_FILES,
    ...(opts.mediaDir ? { mediaDir: opts.mediaDir } : {}),
    ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
  });
}

/** Draws `laid` at `t` with its media decoded first (drawing is synchronous, decoding is not). */
async function drawWithMedia(ctx: CanvasRenderingContext2D, laid: LaidOutScene, t: number, media?: PreparedMedia): Promise<void> {
  if (!media) {
    drawScene(ctx, laid, t);
    return;
  }
  const feeder = media.feeder();
  try {
    await feeder.prepare(mediaNeeds(laid, t));
    drawScene(ctx, laid, t, feeder);
  } finally {
    await feeder.close();
  }
}

// Moved to render/ so the studio's browser preview times reveals with the same code; re-exported for callers.
export { withEstimatedReveals };

/**
 * One frame of one scene at scene time `at` seconds (default: once it has settled). With `media`
 * (preparePreviewMedia) pictures and footage are drawn; without it the drawn gradient stands in for them.
 */
export async function previewFrame(spec: VideoSpec, sceneRef: string, at?: number, frame?: Frame, media?: PreparedMedia): Promise<PreviewResult> {
  const index = findScene(spec, sceneRef);
  const laid = withEstimatedReveals(spec, layoutScene(spec, spec.scenes[index]!, index, await layoutContext(spec, frame, media)));
  const surface = createSurface(laid.frame.width, laid.frame.height);
  await drawWithMedia(surface.ctx, laid, at ?? laid.settlesAt, media);
  return { png: await surface.canvas.encode('png'), warnings: laid.warnings };
}

/** Renders each laid-out scene at its settled instant onto its own surface (one scene at a time: bounded memory). */
export async function settledFrames(laid: readonly LaidOutScene[], media?: PreparedMedia) {
  const surfaces = [];
  for (const scene of laid) {
    const surface = createSurface(scene.frame.width, scene.frame.height);
    await drawWithMedia(surface.ctx, scene, scene.settlesAt, media);
    surfaces.push(surface);
  }
  return surfaces;
}

/** A contact sheet: every scene in its settled state, labelled "n · id · kind". */
export async function previewSheet(spec: VideoSpec, frame?: Frame, media?: PreparedMedia): Promise<PreviewResult> {
  const laid = layoutVideo(spec, await layoutContext(spec, frame, media)).map((scene) => withEstimatedReveals(spec, scene));
  const layout = sheetLayout(frame ?? frameOf(spec), laid.length);
  const sheet = createSurface(layout.width, layout.height);
  const frames = await settledFrames(laid, media);
  drawSheet(
    sheet.ctx,
    layout,
    laid.map((scene, i) => ({ image: frames[i]!.canvas as unknown as CanvasImageSource, label: `${i + 1} · ${scene.scene.id} · ${scene.scene.kind}` })),
  );
  return { png: await sheet.canvas.encode('png'), warnings: laid.flatMap((l) => l.warnings) };
}

import type { VideoSpec } from '../spec/index.ts';
import { createCodeHighlighter, languagesOf } from '../render/code-highlight.ts';
import { drawScene, findScene, frameOf, layoutScene, layoutVideo, type LaidOutScene } from '../render/compose.ts';
import { drawSheet, sheetLayout } from '../render/sheet.ts';
import { applyReveals } from '../render/reveal.ts';
import { estimateBeats } from '../timeline/beats.ts';
import type { Frame } from '../render/geometry.ts';
import { createSurface, nodeMeasurer } from '../media/canvas.ts';

export interface PreviewResult {
  png: Buffer;
  warnings: string[];
}

async function layoutContext(spec: VideoSpec, frame?: Frame) {
  return { measure: nodeMeasurer(), code: await createCodeHighlighter(languagesOf(spec.scenes)), ...(frame ? { frame } : {}) };
}

/**
 * A scene timed as the render will time it, before any audio exists: reveals follow beats estimated from the length
 * of its narration (timeline/beats.ts), so a preview at 40 % of a scene shows what the video will show there.
 */
export function withEstimatedReveals(spec: Pick<VideoSpec, 'language'>, laid: LaidOutScene): LaidOutScene {
  return applyReveals(laid, estimateBeats(laid.scene, spec.language), { language: spec.language });
}

/** One frame of one scene at scene time `at` seconds (default: once it has settled). */
export async function previewFrame(spec: VideoSpec, sceneRef: string, at?: number, frame?: Frame): Promise<PreviewResult> {
  const index = findScene(spec, sceneRef);
  const laid = withEstimatedReveals(spec, layoutScene(spec, spec.scenes[index]!, index, await layoutContext(spec, frame)));
  const surface = createSurface(laid.frame.width, laid.frame.height);
  drawScene(surface.ctx, laid, at ?? laid.settlesAt);
  return { png: await surface.canvas.encode('png'), warnings: laid.warnings };
}

/** Renders each laid-out scene at its settled instant onto its own surface. */
export function settledFrames(laid: readonly LaidOutScene[]) {
  return laid.map((scene) => {
    const surface = createSurface(scene.frame.width, scene.frame.height);
    drawScene(surface.ctx, scene, scene.settlesAt);
    return surface;
  });
}

/** A contact sheet: every scene in its settled state, labelled "n · id · kind". */
export async function previewSheet(spec: VideoSpec, frame?: Frame): Promise<PreviewResult> {
  const laid = layoutVideo(spec, await layoutContext(spec, frame)).map((scene) => withEstimatedReveals(spec, scene));
  const layout = sheetLayout(frame ?? frameOf(spec), laid.length);
  const sheet = createSurface(layout.width, layout.height);
  const frames = settledFrames(laid);
  drawSheet(
    sheet.ctx,
    layout,
    laid.map((scene, i) => ({ image: frames[i]!.canvas as unknown as CanvasImageSource, label: `${i + 1} · ${scene.scene.id} · ${scene.scene.kind}` })),
  );
  return { png: await sheet.canvas.encode('png'), warnings: laid.flatMap((l) => l.warnings) };
}

import type { Scene, VideoSpec } from '../spec/index.ts';
import { toChapters, type TimelinePlan } from '../timeline/index.ts';
import { drawPictureThumbnail, drawThumbnail, layoutPictureThumbnail, layoutThumbnail, THUMBNAIL_SIZE } from '../render/thumbnail.ts';
import { createSurface, nodeMeasurer } from '../media/canvas.ts';
import { loadImage } from '@napi-rs/canvas';

/** A chapter name for a scene: its own title where it has one, else what kind of moment it is. */
export function chapterTitle(scene: Scene): string {
  switch (scene.kind) {
    case 'quote':
      return scene.attribution ? `Quote: ${scene.attribution}` : 'Quote';
    case 'quiz':
      return 'Quiz';
    case 'checkpoint':
      return `Checkpoint${scene.number ? ` ${scene.number}` : ''}`;
    case 'code':
      return scene.title ?? 'Code';
    case 'image':
      return scene.title ?? 'Picture';
    case 'video':
      return scene.title ?? 'Footage';
    case 'problem':
      return `Problem${scene.number ? ` ${scene.number}` : ''}: ${scene.title}`;
    default:
      return scene.title;
  }
}

export function chaptersText(spec: VideoSpec, plan: TimelinePlan): { text: string; count: number } {
  const lines = toChapters(
    plan.scenes.map((s, i) => ({ start: s.startFrame / plan.fps, title: chapterTitle(spec.scenes[i]!) })),
    plan.totalFrames / plan.fps,
  );
  return { text: `${lines.join('\n')}\n`, count: lines.length };
}

/**
 * The designed 1280×720 thumbnail (readable at YouTube's smallest 168×94 size). With `picture` (an image file, or a
 * PNG frame of the b-roll) the title is set over it; a picture that cannot be decoded falls back to the design.
 */
export async function thumbnailPng(spec: VideoSpec, picture?: string | Buffer): Promise<Buffer> {
  const first = spec.scenes[0];
  const badge = first?.kind === 'title' ? first.badge : undefined;
  const title = { title: spec.title, theme: spec.theme, language: spec.language, ...(badge ? { badge } : {}) };
  const surface = createSurface(THUMBNAIL_SIZE.width, THUMBNAIL_SIZE.height);
  const image = picture ? await loadImage(picture).catch(() => undefined) : undefined;
  if (image && image.width > 0 && image.height > 0) {
    drawPictureThumbnail(surface.ctx, layoutPictureThumbnail(title, { width: image.width, height: image.height }, nodeMeasurer()), image as unknown as CanvasImageSource);
  } else {
    drawThumbnail(surface.ctx, layoutThumbnail(title, nodeMeasurer()));
  }
  return surface.canvas.encode('png');
}

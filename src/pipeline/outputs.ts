import type { Scene, VideoSpec } from '../spec/index.ts';
import { toChapters, type TimelinePlan } from '../timeline/index.ts';
import { drawThumbnail, layoutThumbnail, THUMBNAIL_SIZE } from '../render/thumbnail.ts';
import { createSurface, nodeMeasurer } from '../media/canvas.ts';

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

/** The designed 1280×720 thumbnail (readable at YouTube's smallest 168×94 size). */
export async function thumbnailPng(spec: VideoSpec): Promise<Buffer> {
  const first = spec.scenes[0];
  const badge = first?.kind === 'title' ? first.badge : undefined;
  const layout = layoutThumbnail({ title: spec.title, theme: spec.theme, ...(badge ? { badge } : {}) }, nodeMeasurer());
  const surface = createSurface(THUMBNAIL_SIZE.width, THUMBNAIL_SIZE.height);
  drawThumbnail(surface.ctx, layout);
  return surface.canvas.encode('png');
}

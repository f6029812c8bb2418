import type { VideoSpec } from '../spec/index.ts';
import { locateFrame, type CaptionCue, type TimelinePlan } from '../timeline/index.ts';
import type { LaidOutScene } from '../render/compose.ts';
import { VideoFrameComposer } from '../render/video-frame.ts';
import { drawCaption } from '../render/captions-overlay.ts';
import { FrameEncoder, type MediaTools, type PresetName } from '../media/index.ts';
import { createSurface, nodeMeasurer, type Surface } from '../media/canvas.ts';
import type { ArtifactCache} from './artifact-cache.ts';
import { RENDER_VERSION, contentHash } from './artifact-cache.ts';
import { VideogenError } from '../errors.ts';

/**
 * A segment is the stretch of frames from the start of scene i's transition-in (the last frames of scene i-1) to the
 * start of scene i's own transition-out. Its picture depends only on scene i-1 and scene i, so editing one scene
 * re-renders at most two segments, and segments can be cached and joined without re-encoding.
 */
export interface Segment {
  index: number;
  startFrame: number;
  endFrame: number;
  key: string;
  path: string;
  cached: boolean;
}

export interface SegmentRenderOptions {
  spec: VideoSpec;
  plan: TimelinePlan;
  laid: readonly LaidOutScene[];
  preset: PresetName;
  tools: MediaTools;
  cache: ArtifactCache;
  /** Burned-in captions (cues) when enabled. */
  burnCaptions?: readonly CaptionCue[];
  signal?: AbortSignal;
  onFrames?: (framesDone: number) => void;
}

function cueAt(cues: readonly CaptionCue[] | undefined, seconds: number): CaptionCue | undefined {
  return cues?.find((c) => seconds >= c.start && seconds < c.end);
}

export async function planSegments(opts: SegmentRenderOptions): Promise<Segment[]> {
  const { plan, laid, spec } = opts;
  const segments: Segment[] = [];
  for (const [i, scene] of plan.scenes.entries()) {
    const previous = i > 0 ? plan.scenes[i - 1]! : undefined;
    const startFrame = scene.startFrame - (previous?.transition.frames ?? 0);
    const endFrame = scene.endFrame - scene.transition.frames;
    const cues = opts.burnCaptions?.filter((c) => c.end > startFrame / plan.fps && c.start < endFrame / plan.fps).map((c) => ({ ...c, index: 0 }));
    const key = contentHash({
      v: RENDER_VERSION,
      preset: opts.preset,
      frame: laid[i]!.frame,
      fps: plan.fps,
      theme: spec.theme,
      scene: laid[i]!.scene,
      previous: previous ? { scene: laid[i - 1]!.scene, frames: previous.frames, transition: previous.transition } : null,
      frames: scene.frames,
      transition: scene.transition,
      // Absolute times matter only for burned-in captions; relative to the segment start they are what is drawn.
      cues: cues?.map((c) => ({ text: c.text, start: c.start - startFrame / plan.fps, end: c.end - startFrame / plan.fps })),
      style: opts.burnCaptions ? spec.captions.style : null,
    });
    const path = await opts.cache.pathFor('segments', key, 'mp4');
    segments.push({ index: i, startFrame, endFrame, key, path, cached: await opts.cache.has(path) });
  }
  return segments;
}

/** Renders one segment: animated frames are drawn and piped; the final still hold is looped inside ffmpeg. */
export async function renderSegment(segment: Segment, opts: SegmentRenderOptions, surfaces: SegmentSurfaces): Promise<void> {
  const { plan, laid } = opts;
  const offscreen = (s: Surface) => ({ canvas: s.canvas as unknown as CanvasImageSource, ctx: s.ctx });
  const composer = new VideoFrameComposer(laid, [offscreen(surfaces.a), offscreen(surfaces.b)], offscreen(surfaces.background));
  const frame = laid[segment.index]!.frame;
  const measure = nodeMeasurer();
  const captionStyle = opts.spec.captions.style;
  // The hold: trailing frames identical to the first settled one (no transition, settled, same burned caption).
  let holdStart = segment.endFrame;
  for (let f = segment.endFrame - 1; f >= segment.startFrame; f--) {
    const at = locateFrame(plan, f);
    const sameCue = cueAt(opts.burnCaptions, f / plan.fps) === cueAt(opts.burnCaptions, (segment.endFrame - 1) / plan.fps);
    if (!composer.isSettled(at) || !sameCue) break;
    holdStart = f;
  }
  const drawnEnd = holdStart < segment.endFrame ? holdStart + 1 : segment.endFrame;
  const encoder = await FrameEncoder.open({
    output: segment.path,
    width: frame.width,
    height: frame.height,
    fps: plan.fps,
    preset: opts.preset,
    tools: opts.tools,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(holdStart < segment.endFrame ? { holdLast: { at: holdStart - segment.startFrame, count: segment.endFrame - holdStart - 1 } } : {}),
  });
  try {
    let previousKey = '';
    let buffer: Buffer | undefined;
    for (let f = segment.startFrame; f < drawnEnd; f++) {
      if (opts.signal?.aborted) throw new VideogenError('CANCELLED', 'render cancelled');
      const at = locateFrame(plan, f);
      const cue = cueAt(opts.burnCaptions, f / plan.fps);
      // Frames with the same picture (before anything enters, between staggered entrances, once settled) and the same
      // caption are identical: send the same pixels again without drawing or reading them back.
      const key = `${composer.signature(at)}|${cue?.index ?? ''}`;
      if (key !== previousKey || !buffer) {
        composer.draw(surfaces.main.ctx, at);
        if (cue) drawCaption(surfaces.main.ctx, frame, cue.text, captionStyle, measure);
        // getImageData is 2–3× cheaper than canvas.data() here; on an opaque frame its RGBA equals the premultiplied one.
        const pixels = surfaces.main.ctx.getImageData(0, 0, frame.width, frame.height).data;
        buffer = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
        previousKey = key;
      }
      await encoder.writeFrame(buffer);
      opts.onFrames?.(1);
    }
    await encoder.finish();
    opts.onFrames?.(segment.endFrame - drawnEnd);
  } catch (error) {
    await encoder.abort();
    throw error;
  }
}

export interface SegmentSurfaces {
  main: Surface;
  a: Surface;
  b: Surface;
  background: Surface;
}

export function createSegmentSurfaces(width: number, height: number): SegmentSurfaces {
  return { main: createSurface(width, height), a: createSurface(width, height), b: createSurface(width, height), background: createSurface(width, height) };
}

/**
 * A segment rendered apart from its video: the planning worker saves everything a segment's pixels depend on (the
 * segment context) in the artifact store, and any worker renders segment i from it into the store. Layouts are plain
 * data (render/plain-data.test.ts), so a worker draws exactly what the planner would have drawn, without fonts being
 * measured again or voices being synthesised again.
 */
import type { VideoSpec } from '../spec/index.ts';
import type { CaptionCue, TimelinePlan } from '../timeline/index.ts';
import type { LaidOutScene } from '../render/compose.ts';
import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import { ffmpegOptionsFrom, findFfmpeg, fpsValue, type MediaTools, type PresetName } from '../media/index.ts';
import { NodeMediaFeeder, PictureCache, type FeederAsset } from '../media/media-feeder.ts';
import { ArtifactCache, contentHash } from './artifact-cache.ts';
import type { ArtifactStore } from './artifact-store.ts';
import type { PreparedMedia } from './media-stage.ts';
import { createSegmentSurfaces } from '../media/segment-surfaces.ts';
import { planSegments, renderSegment, type SegmentRenderOptions, type SegmentStats } from './segments.ts';
import type { SegmentTask } from './segment-distributor.ts';

export interface SegmentContext {
  spec: VideoSpec;
  plan: TimelinePlan;
  laid: LaidOutScene[];
  preset: PresetName;
  burnCaptions?: CaptionCue[];
  media?: { scenes: PreparedMedia['scenes']; sceneHashes: string[][]; catalog: PreparedMedia['catalog']; assets: FeederAsset[] };
}

const KIND = 'segment-context';

/** The context of a planned render as data, and its key. */
export function segmentContextOf(opts: SegmentRenderOptions): { key: string; context: SegmentContext } {
  const context: SegmentContext = {
    spec: opts.spec,
    plan: opts.plan,
    laid: [...opts.laid],
    preset: opts.preset,
    ...(opts.burnCaptions ? { burnCaptions: [...opts.burnCaptions] } : {}),
    ...(opts.media ? { media: { scenes: opts.media.scenes, sceneHashes: opts.media.sceneHashes, catalog: opts.media.catalog, assets: opts.media.assets } } : {}),
  };
  // JSON first: the key must be of what a worker will read back (undefined fields dropped), not of the live objects.
  const data = JSON.parse(JSON.stringify(context)) as SegmentContext;
  return { key: contentHash(data), context: data };
}

export async function saveSegmentContext(store: ArtifactStore, opts: SegmentRenderOptions): Promise<string> {
  const { key, context } = segmentContextOf(opts);
  await store.putJson(KIND, key, context);
  return key;
}

/** Media of a context with a feeder of this worker's own (its own decoders and picture cache). */
function mediaFor(media: SegmentContext['media'], laid: readonly LaidOutScene[], fps: number, tools: MediaTools): PreparedMedia | undefined {
  if (!media) return undefined;
  const frame = laid[0]!.frame;
  const assets = new Map(media.assets.map((a) => [a.ref, a]));
  const pictures = new PictureCache(frame);
  return { scenes: media.scenes, sceneHashes: media.sceneHashes, catalog: media.catalog, assets: media.assets, credits: [], beds: [], feeder: () => new NodeMediaFeeder({ assets, pictures, frame, fps, tools }) };
}

export interface SegmentTaskOptions {
  config: VideogenConfig;
  /** Default: the shared directory `config.cacheDir`. */
  store?: ArtifactCache;
  signal?: AbortSignal;
  onFrames?: (frames: number) => void;
}

/**
 * Renders segment `task.index` of a saved context into the artifact store under `task.key` (nothing to do when another
 * worker already did). The key is computed again here, with this worker's renderer, fonts, canvas and ffmpeg: when it
 * differs from the planner's, this worker would draw other pixels, so it refuses (RENDERER_MISMATCH, retried).
 */
export async function renderSegmentTask(task: SegmentTask, opts: SegmentTaskOptions): Promise<SegmentStats & { cached: boolean }> {
  const store = opts.store ?? new ArtifactCache(opts.config.cacheDir);
  const context = await store.getJson<SegmentContext>(KIND, task.contextKey);
  if (!context) throw new VideogenError('NOT_FOUND', `segment context ${task.contextKey.slice(0, 12)} is not in the artifact store ${store.dir}: do all workers share one cache directory (VIDEOGEN_CACHE)?`);
  const tools = await findFfmpeg(ffmpegOptionsFrom(opts.config));
  const media = mediaFor(context.media, context.laid, fpsValue(context.spec.fps), tools);
  const segOpts: SegmentRenderOptions = {
    spec: context.spec,
    plan: context.plan,
    laid: context.laid,
    preset: context.preset,
    tools,
    cache: store,
    ...(context.burnCaptions ? { burnCaptions: context.burnCaptions } : {}),
    ...(media ? { media } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onFrames ? { onFrames: opts.onFrames } : {}),
  };
  const segment = (await planSegments(segOpts))[task.index];
  if (!segment) throw new VideogenError('NOT_FOUND', `segment ${task.index} does not exist in context ${task.contextKey.slice(0, 12)}`);
  if (segment.key !== task.key) {
    throw new VideogenError('RENDERER_MISMATCH', `segment ${task.index}: this worker's key ${segment.key.slice(0, 12)} differs from the planner's ${task.key.slice(0, 12)} (another videogen build, fonts, canvas or ffmpeg ${tools.version})`, { index: task.index });
  }
  if (segment.cached) return { frames: task.frames, drawn: 0, piped: 0, held: 0, cached: true };
  const { width, height } = context.laid[task.index]!.frame;
  const stats = await renderSegment(segment, segOpts, createSegmentSurfaces(width, height));
  return { ...stats, cached: false };
}

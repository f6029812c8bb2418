import type { VideoSpec } from '../spec/index.ts';
import type { VideogenConfig } from '../config.ts';
import type { FileScope } from '../sources/confine.ts';
import type { Frame } from '../render/geometry.ts';
import type { MediaCatalog, MediaFrames, MediaNeed, SceneMedia } from '../render/media.ts';
import type { Credit } from '../assets/types.ts';
import type { LlmProvider } from '../writing/llm/types.ts';
import type { MediaTools } from '../media/index.ts';

export interface MediaStageOptions {
  config: VideogenConfig;
  tools: MediaTools;
  frame: Frame;
  /** Where relative `src` paths may point: the spec's folder on the CLI, nothing on the server (uploads/URLs only). */
  scope: FileScope;
  /** Local media library (`--media`); wins over config.media.dir. */
  mediaDir?: string;
  /** Resolves `upload:<id>` to a stored file (server only). */
  uploads?: (id: string) => Promise<string>;
  llm?: LlmProvider;
  signal?: AbortSignal;
  onWarning?: (message: string) => void;
}

/** A per-segment decoder over the video's assets; frames must be prepared (decoded) before a synchronous draw. */
export interface MediaFeeder extends MediaFrames {
  prepare(needs: readonly MediaNeed[]): Promise<void>;
  close(): Promise<void>;
}

export interface PreparedMedia {
  /** Per scene index. */
  scenes: (SceneMedia | undefined)[];
  catalog: MediaCatalog;
  /** Content hash of every asset a scene uses, by scene index (segment cache keys). */
  sceneHashes: string[][];
  /** A fresh feeder (one per segment being rendered: each decodes its own clips). */
  feeder(): MediaFeeder;
  credits: Credit[];
  /** Music resolved to a file when the spec asks for a file, URL or upload (`auto` is left to the music library). */
  musicFile?: string;
  /** Sound of unmuted footage scenes, in scene-relative seconds (the pipeline places them once the timeline exists). */
  beds: { scene: number; path: string; sourceStart: number; loop: boolean }[];
  /** A picture for the thumbnail: the first image scene or b-roll clip. */
  poster?: { path: string; kind: 'image' | 'video'; seconds: number };
}

/** Resolves, fetches, caches and probes every picture and clip the spec names. Placeholder: no media yet. */
export async function prepareMedia(spec: VideoSpec, _opts: MediaStageOptions): Promise<PreparedMedia> {
  return {
    scenes: spec.scenes.map(() => undefined),
    catalog: {},
    sceneHashes: spec.scenes.map(() => []),
    feeder: () => ({ frameAt: () => undefined, prepare: async () => undefined, close: async () => undefined }),
    credits: [],
    beds: [],
  };
}

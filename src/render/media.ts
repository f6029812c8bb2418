/**
 * Pictures and footage as the isomorphic renderer sees them (ARCHITECTURE §6). Layout works from plain data (refs,
 * sizes, clip windows); drawing asks a `MediaFrames` for decoded pictures, synchronously. Node feeds it from
 * @napi-rs/canvas images and ffmpeg-decoded frames (src/media/, prepared before each draw because decoding is
 * asynchronous); the browser can feed it from `<img>`/`<video>` elements.
 */

/** What layout and drawing know about one asset. Plain data: it travels to a browser or another machine. */
export interface MediaAsset {
  /** Stable id of the asset: its content hash, so two specs naming the same bytes share it. */
  ref: string;
  kind: 'image' | 'video';
  /** Intrinsic size in pixels. */
  width: number;
  height: number;
  /** Seconds (videos). */
  duration?: number;
}

/** Every asset a video uses, by ref. */
export type MediaCatalog = Readonly<Record<string, MediaAsset>>;

/** `ref` of the fallback drawn by the renderer itself when no picture could be found: a slow animated gradient. */
export const GRADIENT_REF = 'gradient';

/**
 * One stretch of a picture or clip inside a scene. Clips of one slot play one after the other, in narration order:
 * clip k is shown from the start of narration sentence `sentence` (scene seconds `at`, filled once the timeline is
 * known) until the next clip starts or the scene ends.
 */
export interface MediaClip {
  ref: string;
  /** Narration sentence (0-based) from which this clip shows; 0 = from the start of the scene. */
  sentence: number;
  /** Scene seconds at which it starts showing; 0 until the timeline pass (render/media-timing.ts) sets it. */
  at: number;
  /** Seconds into the asset at which it starts. */
  sourceStart: number;
  /** Seconds into the asset at which it stops (videos; default: its end). */
  sourceEnd?: number;
  /** Loop when the clip is shorter than its stretch; otherwise its last frame holds. */
  loop: boolean;
  /**
   * Still or footage; layout fills it (and a video's `sourceEnd`) from the catalog, so drawing and settling need no
   * catalog. Absent and not in the catalog: treated as footage, because a still wrongly taken for footage only costs
   * redraws, while footage taken for a still would freeze.
   */
  kind?: 'image' | 'video';
}

/** Media resolved for one scene before layout (Node: src/pipeline/media-stage.ts; browser: the studio). */
export interface SceneMedia {
  /** An `image`/`video` scene's own picture. */
  main?: MediaClip;
  /** Background picture/footage (`background: { src | stock }` or b-roll), in narration order. */
  background?: MediaClip[];
  /** The scrim strength the spec asked for (0–0.9); the renderer raises it if text would drop below 4.5:1. */
  scrim?: number;
}

/** An asset frame a draw at some scene time needs, so a feeder can decode it before the synchronous draw. */
export interface MediaNeed {
  ref: string;
  /** Seconds into the asset. */
  seconds: number;
}

/** Decoded pictures for drawing. `frameAt` must be synchronous: the draw loop never awaits. */
export interface MediaFrames {
  /**
   * The picture of `ref` at `seconds` into the asset (stills ignore `seconds`), or undefined when it is not available
   * (the renderer then draws the gradient fallback rather than a hole).
   */
  frameAt(ref: string, seconds: number): CanvasImageSource | undefined;
}

/** No media at all: every lookup falls back to the drawn gradient. */
export const NO_MEDIA_FRAMES: MediaFrames = { frameAt: () => undefined };

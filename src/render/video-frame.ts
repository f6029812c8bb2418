import type { FrameLocation } from '../timeline/plan.ts';
import { drawBackground } from './background.ts';
import { drawScene, type LaidOutScene } from './compose.ts';
import { drawElements, elementsSignature } from './draw.ts';
import { drawTransition } from './transitions.ts';
import { NO_MEDIA_FRAMES, type MediaFrames, type MediaNeed } from './media.ts';
import { mediaNeeds } from './media-needs.ts';

/** An offscreen canvas; the platform (Node Skia or the browser) makes them. */
export interface OffscreenSurface {
  canvas: CanvasImageSource;
  ctx: CanvasRenderingContext2D;
}

/**
 * What each offscreen surface holds, kept with the surface rather than the composer: segments drawn in turn by one
 * process share one set of surfaces (every draw is synchronous), and a composer must never trust pixels another one
 * painted over. The scenes array tells two videos apart; the key the picture within one.
 */
const holding = new WeakMap<object, { scenes: readonly LaidOutScene[]; key: string; used: number }>();
/** Draw count, for picking the least recently used background surface. */
let draws = 0;

function holds(surface: OffscreenSurface, scenes: readonly LaidOutScene[], key: string): boolean {
  const h = holding.get(surface.canvas as object);
  return !!h && h.scenes === scenes && h.key === key;
}

function hold(surface: OffscreenSurface, scenes: readonly LaidOutScene[], key: string): void {
  holding.set(surface.canvas as object, { scenes, key, used: ++draws });
}

/**
 * Draws any frame of the video from its location on the timeline. Transitions blend the outgoing scene (at its own
 * time) with the incoming scene's first frame on two offscreen surfaces; each surface remembers what it holds, so a
 * transition between two settled pictures draws each scene once, not once per frame. With background surfaces the
 * scene's background (gradients and glows, the costliest part of a frame) is painted once per scene and copied. Give
 * one per segment drawn at a time: segments drawn in turn share the surfaces, and with fewer the backgrounds of their
 * scenes would push each other out at every frame (measured on deck-12 with two slots and one surface: 149
 * backgrounds painted for 303 frames, each ~5 ms of Skia raster at 1080p).
 */
export class VideoFrameComposer {
  constructor(
    private readonly scenes: readonly LaidOutScene[],
    private readonly offscreen: [OffscreenSurface, OffscreenSurface],
    background?: OffscreenSurface | readonly OffscreenSurface[],
    /** Decoded pictures and footage; the caller prepares the frames a location needs before `draw`. */
    private readonly frames: MediaFrames = NO_MEDIA_FRAMES,
  ) {
    this.backgrounds = background === undefined ? [] : Array.isArray(background) ? background : [background as OffscreenSurface];
  }

  private readonly backgrounds: readonly OffscreenSurface[];

  /** Scene time after which a scene's picture is fixed; identical keys mean identical pictures. */
  private key(scene: LaidOutScene, t: number): string {
    return t >= scene.settlesAt ? `${scene.index}:settled` : `${scene.index}:${t.toFixed(5)}`;
  }

  private drawOne(ctx: CanvasRenderingContext2D, scene: LaidOutScene, t: number): void {
    if (this.backgrounds.length === 0) {
      drawScene(ctx, scene, t, this.frames);
      return;
    }
    const background = this.backgroundOf(scene);
    ctx.drawImage(background.canvas, 0, 0);
    drawElements(ctx, scene.elements, t, scene.frame.unit, this.frames);
  }

  /** The surface holding the scene's background: one that has it already, else the least recently used, repainted. */
  private backgroundOf(scene: LaidOutScene): OffscreenSurface {
    const pool = this.backgrounds;
    const key = `background:${scene.index}`;
    const held = pool.find((surface) => holds(surface, this.scenes, key));
    if (held) {
      hold(held, this.scenes, key);
      return held;
    }
    const lastUse = (surface: OffscreenSurface) => holding.get(surface.canvas as object)?.used ?? 0;
    const free = pool.reduce((a, b) => (lastUse(b) < lastUse(a) ? b : a));
    drawBackground(free.ctx, scene.frame, scene.theme, scene.gradient);
    hold(free, this.scenes, key);
    return free;
  }

  private paint(slot: 0 | 1, scene: LaidOutScene, t: number): CanvasImageSource {
    const key = this.key(scene, t);
    const surface = this.offscreen[slot];
    if (!holds(surface, this.scenes, key)) {
      this.drawOne(surface.ctx, scene, t);
      hold(surface, this.scenes, key);
    }
    return surface.canvas;
  }

  draw(ctx: CanvasRenderingContext2D, at: FrameLocation): void {
    const scene = this.scenes[at.scene]!;
    if (!at.transition) {
      this.drawOne(ctx, scene, at.t);
      return;
    }
    const next = this.scenes[at.transition.to]!;
    const from = this.paint(0, scene, at.t);
    const to = this.paint(1, next, 0);
    drawTransition(ctx, at.transition.kind, at.transition.progress, from, to, scene.frame.width, scene.frame.height);
  }

  /**
   * The asset frames `draw(at)` will ask for: the scene at its time and, in a transition, the incoming scene at 0.
   * Decode these into the MediaFrames before calling `draw`.
   */
  needs(at: FrameLocation): MediaNeed[] {
    const own = mediaNeeds(this.scenes[at.scene]!, at.t);
    if (!at.transition) return own;
    const incoming = mediaNeeds(this.scenes[at.transition.to]!, 0);
    return [...own, ...incoming.filter((n) => !own.some((o) => o.ref === n.ref && o.seconds === n.seconds))];
  }

  /** Equal for two locations exactly when their pictures are identical (see elementsSignature). */
  signature(at: FrameLocation): string {
    const scene = this.scenes[at.scene]!;
    const own = at.t >= scene.settlesAt ? 'settled' : elementsSignature(scene.elements, at.t);
    return at.transition ? `${at.scene}:${own}>${at.transition.kind}:${at.transition.progress.toFixed(5)}` : `${at.scene}:${own}`;
  }
}

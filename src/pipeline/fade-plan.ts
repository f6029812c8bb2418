import type { FrameLocation } from '../timeline/plan.ts';

export interface FadeCheck {
  /** Where each frame of the segment sits on the timeline. */
  locations: readonly FrameLocation[];
  /** Per frame, the burned-in caption's signature ('' without captions). */
  captionKeys: readonly string[];
  /** Per scene, whether footage or motion keeps its picture changing. */
  moving: readonly boolean[];
  /** The composer's picture signature (VideoFrameComposer.signature). */
  signature: (at: FrameLocation) => string;
}

/**
 * How many blended frames open this segment when they can be synthesised as a fade (hold.ts fadeUnits), or
 * undefined. The decoder's blend is exact only for what the canvas fade draws from two fixed pictures, so: every
 * transition frame is a 'fade' from the same outgoing picture (the outgoing scene has settled or holds still), the
 * frame after the last is the incoming scene's first picture, neither scene shows moving footage, and a burned-in
 * caption, if any, is the same on all of them (a caption on both pictures survives the blend unchanged).
 */
export function fadeIntoSegment(check: FadeCheck): number | undefined {
  const { locations, captionKeys, moving } = check;
  let frames = 0;
  while (frames < locations.length && locations[frames]!.transition) frames++;
  if (frames < 2 || frames >= locations.length) return undefined;
  const first = locations[0]!;
  const into = first.transition!;
  const incoming = locations[frames]!;
  if (incoming.scene !== into.to || incoming.t !== 0 || incoming.transition) return undefined;
  if (moving[first.scene] || moving[into.to]) return undefined;
  const outgoing = (at: FrameLocation) => check.signature({ scene: at.scene, t: at.t, localFrame: at.localFrame });
  const from = outgoing(first);
  for (let k = 0; k < frames; k++) {
    const at = locations[k]!;
    const t = at.transition!;
    // The synthesised blend steps linearly from the first frame to the incoming picture: progress (k + 1)/(frames + 1).
    if (t.kind !== 'fade' || t.to !== into.to || at.scene !== first.scene || Math.abs(t.progress - (k + 1) / (frames + 1)) > 1e-9 || outgoing(at) !== from) return undefined;
  }
  for (let k = 1; k <= frames; k++) if (captionKeys[k] !== captionKeys[0]) return undefined;
  return frames;
}

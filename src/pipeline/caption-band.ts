import type { VideoSpec } from '../spec/index.ts';
import type { Frame } from '../render/geometry.ts';
import { captionBand } from '../render/captions-overlay.ts';

/** The rows burned-in word captions will cover in this video, for layouts to keep clear of (none otherwise). */
export function captionBandFor(spec: Pick<VideoSpec, 'captions'>, frame: Frame): { top: number; bottom: number } | undefined {
  return spec.captions.burnIn ? captionBand(frame, spec.captions.style) : undefined;
}

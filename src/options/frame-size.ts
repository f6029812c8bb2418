import type { Aspect, Resolution } from '../spec/common.ts';
import { PRESETS, type PresetName } from '../media/presets.ts';
import { frameFor, type Frame } from '../render/geometry.ts';

/**
 * The short side a render or preview uses, one rule for the CLI, the API and jobs: an explicit `resolution` option
 * wins; else the spec's `resolution` if the author wrote one; else the preset's own size (draft 720p, others 1080p).
 * A preset chooses speed and quality, and the size only when nobody else did. The spec schema leaves `resolution`
 * unset when it is not written, which is what lets "not stated" be told apart from "1080p" here.
 */
export function frameShortSide(preset: PresetName, specResolution?: Resolution, explicit?: Resolution): Resolution | number {
  return explicit ?? specResolution ?? PRESETS[preset].shortSide;
}

/** The frame a spec is drawn at under these options (pixels, both sides even). */
export function renderFrame(spec: { aspect: Aspect; resolution?: Resolution | undefined }, opts: { preset?: PresetName | undefined; resolution?: Resolution | undefined } = {}): Frame {
  return frameFor(spec.aspect, frameShortSide(opts.preset ?? 'standard', spec.resolution, opts.resolution));
}

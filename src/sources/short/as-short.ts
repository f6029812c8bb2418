import type { VideoSpec } from '../../spec/index.ts';
import { estimateVideoSeconds } from '../document/editorial/estimate.ts';
import { SHORT_CAPTIONS, SHORT_SECONDS } from './script.ts';

/**
 * `--format short` on any spec: 9:16, word-by-word captions burned in the middle. Documents are already planned to
 * 60 s by the caller (the editorial budget); a spec written by hand that runs longer is not cut, but said.
 */
export function asShort(spec: VideoSpec): { spec: VideoSpec; warnings: string[] } {
  const seconds = estimateVideoSeconds(spec.scenes, spec.language);
  const warnings =
    seconds > SHORT_SECONDS.max
      ? [`${spec.id}: about ${Math.round(seconds)} s; YouTube treats only videos up to ${SHORT_SECONDS.max} s as Shorts here; shorten the narration or remove scenes`]
      : [];
  return { spec: { ...spec, aspect: '9:16', captions: { ...spec.captions, burnIn: true, style: { ...spec.captions.style, ...SHORT_CAPTIONS.style } } }, warnings };
}

import type { OptionValues } from './table.ts';

/** The options the render pipeline takes as they are (RenderOptions in src/pipeline/render-video.ts). */
export type RenderChoices = Pick<OptionValues, 'preset' | 'voice' | 'burnCaptions' | 'aspect' | 'resolution' | 'broll'>;

/** Option values → the render pipeline's choices, absent ones left out (the pipeline's defaults apply). */
export function pipelineOptions(values: OptionValues): RenderChoices {
  const { preset, voice, burnCaptions, aspect, resolution, broll } = values;
  return {
    ...(preset ? { preset } : {}),
    ...(voice ? { voice } : {}),
    ...(burnCaptions ? { burnCaptions } : {}),
    ...(aspect ? { aspect } : {}),
    ...(resolution ? { resolution } : {}),
    ...(broll ? { broll } : {}),
  };
}

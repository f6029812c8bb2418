import { z } from 'zod';
import { ASPECTS, RESOLUTIONS, ThemeSchema, boundedString, enumField, languageField, optionalText, text } from './common.ts';
import { SPEC_LIMITS } from './limits.ts';
import { SceneSchema } from './scenes.ts';
import { BrollField, MusicSchema, captionModeField } from './media.ts';

export const CaptionsSchema = z
  .strictObject({
    file: z.boolean().default(true).describe('Write captions.<lang>.srt/.vtt and mux a soft subtitle track.'),
    burnIn: z.boolean().default(false).describe('Draw captions into the picture.'),
    style: z
      .strictObject({
        position: enumField(['bottom', 'middle', 'top'] as const, 'Where burned-in captions sit (middle: centred, above the Shorts controls).').default('bottom'),
        size: enumField(['small', 'medium', 'large'] as const, 'Caption text size.').default('medium'),
        mode: captionModeField.default('sentence'),
      })
      .default({ position: 'bottom', size: 'medium', mode: 'sentence' }),
  })
  .describe('Captions.');

/** Fields a video may take from its set's `defaults`. */
const videoFields = {
  title: text('Video title (also the default thumbnail text).'),
  description: optionalText('Longer description (YouTube description, manifest).'),
  language: languageField.default('en').describe('BCP-47 language of the narration and captions.'),
  aspect: enumField(ASPECTS, 'Frame shape: 16:9 landscape, 9:16 Shorts, 1:1 square.').default('16:9'),
  // No default: "not stated" must reach the frame-size rule (src/options/frame-size.ts), where the preset decides.
  resolution: enumField(RESOLUTIONS, 'Frame size of the short side (1080p → 1920×1080 at 16:9). Unset: the render preset decides (draft 720p, standard and final 1080p); a --resolution option wins over both.').optional(),
  fps: z
    .number({ error: 'expected frames per second: 24, 25, 30, 50 or 60' })
    .refine((n) => [24, 25, 30, 50, 60].includes(n), { error: 'use 24, 25, 30, 50 or 60' })
    .default(30)
    .describe('Frames per second.'),
  theme: ThemeSchema.default({ name: 'default', accent: 'blue', mode: 'light' }),
  voice: boundedString().min(1).optional().describe('Voice for every scene: male, male_warm, female, female_friendly or a provider voice id.'),
  voices: z.array(boundedString().min(1)).min(1).max(100, { error: 'at most 100 voices (limit spec.number)' }).optional().describe('Voices used in rotation, scene by scene.'),
  captions: CaptionsSchema.default({ file: true, burnIn: false, style: { position: 'bottom', size: 'medium', mode: 'sentence' } }),
  music: MusicSchema.optional(),
  broll: BrollField.default('off'),
};

const uniqueSceneIds = (scenes: { id?: string | undefined }[], ctx: z.RefinementCtx) => {
  const seen = new Map<string, number>();
  scenes.forEach((scene, index) => {
    if (!scene.id) return;
    const first = seen.get(scene.id);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['scenes', index, 'id'], message: `duplicate id "${scene.id}" (also scenes[${first}]); give each scene its own id` });
    } else seen.set(scene.id, index);
  });
};

export const VideoSpecSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Editor hint; ignored.'),
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'use letters, digits, "-" and "_" only (e.g. "event-loop")' })
      .describe('Stable id; names the output folder.'),
    ...videoFields,
    scenes: z
      .array(SceneSchema, { error: 'expected a list of scenes' })
      .min(1, { error: 'a video needs at least 1 scene' })
      .max(SPEC_LIMITS['spec.scenes'], { error: `at most ${SPEC_LIMITS['spec.scenes']} scenes (limit spec.scenes); split into a VideoSet` }),
  })
  .superRefine((spec, ctx) => {
    uniqueSceneIds(spec.scenes, ctx);
  })
  .describe('One video.');

export const VideoSetSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'use letters, digits, "-" and "_" only' }).describe('Set id.'),
    name: text('Human name of the set.'),
    defaults: z.strictObject(videoFields).partial().default({}).describe('Fields every video inherits unless it sets its own.'),
    naming: z
      .strictObject({ pattern: boundedString().max(200, { error: 'must be at most 200 characters' }).default('{index}-{id}').describe('Output folder per video: {set}, {index} (01, 02…), {id}.') })
      .default({ pattern: '{index}-{id}' }),
    videos: z
      .array(z.union([z.strictObject({ file: text('Path of a spec file, relative to the set file and inside its folder (no "..", no absolute paths; not over the API).') }), z.record(z.string(), z.unknown())]), { error: 'expected a list of videos' })
      .min(1, { error: 'a set needs at least 1 video' })
      .max(SPEC_LIMITS['spec.videos'], { error: `at most ${SPEC_LIMITS['spec.videos']} videos (limit spec.videos); split it into several sets` })
      .describe('Videos: inline specs (missing fields come from defaults) or { file }.'),
  })
  .describe('Several videos sharing defaults.');

export type VideoSpec = z.output<typeof VideoSpecSchema>;
export type VideoSpecInput = z.input<typeof VideoSpecSchema>;
export type VideoSet = z.output<typeof VideoSetSchema>;
export type VideoSetInput = z.input<typeof VideoSetSchema>;

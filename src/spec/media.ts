import { z } from 'zod';
import { boundedString, colorField, enumField, text } from './common.ts';

/**
 * Pictures, footage and music a spec names. Every `src` is untrusted (ARCHITECTURE §3): a relative path is resolved
 * against the spec's folder and confined to it on the CLI; over the API only `upload:<id>` and http(s) URLs work;
 * URLs go through the SSRF-safe fetcher. Resolution and decoding are Node-only (src/media/, src/assets/); the schema
 * only says what may be written.
 */

export const FITS = ['cover', 'contain'] as const;
export const MEDIA_MOTIONS = ['kenburns', 'none'] as const;
export const BROLL_MODES = ['auto', 'off'] as const;
export const MUSIC_MOODS = ['calm', 'uplifting', 'energetic', 'dramatic', 'dark', 'playful', 'corporate', 'ambient'] as const;
export const CAPTION_MODES = ['sentence', 'words', 'karaoke'] as const;

export type Fit = (typeof FITS)[number];
export type MediaMotion = (typeof MEDIA_MOTIONS)[number];
export type BrollMode = (typeof BROLL_MODES)[number];
export type MusicMood = (typeof MUSIC_MOODS)[number];
export type CaptionMode = (typeof CAPTION_MODES)[number];

const SRC_HELP = 'a path relative to the spec file (e.g. "media/harbour.jpg"), an http(s) URL, or "upload:<id>" over the API';

export const mediaSrc = (what: string) =>
  boundedString(`expected ${what} as ${SRC_HELP}`)
    .trim()
    .min(1, { error: `must not be empty; name ${SRC_HELP}` })
    .max(2048, { error: 'must be at most 2048 characters' })
    .describe(`${what[0]!.toUpperCase()}${what.slice(1)}: ${SRC_HELP}.`);

export const fitField = enumField(FITS, 'cover fills the frame and crops the edges; contain shows the whole picture on the page.');

/** 0 = no darkening, 0.9 = nearly black. The renderer never goes below the alpha that keeps text ≥ 4.5:1. */
const scrimField = z
  .number({ error: 'expected a scrim strength from 0 to 0.9' })
  .min(0, { error: 'must be at least 0' })
  .max(0.9, { error: 'must be at most 0.9 (the picture would be black)' })
  .optional()
  .describe('How much the picture is darkened under text, 0–0.9; text keeps ≥ 4.5:1 contrast whatever you choose.');

export const MediaBackgroundSchema = z.strictObject({
  src: mediaSrc('the picture or clip behind the scene'),
  scrim: scrimField,
});

export const StockBackgroundSchema = z.strictObject({
  stock: text('Search terms for stock footage or a picture (Pexels, Pixabay, then the local media library), e.g. "city traffic at night".').pipe(
    z.string().max(200, { error: 'must be at most 200 characters of search terms' }),
  ),
  scrim: scrimField,
});

export const ColorBackgroundSchema = z.strictObject({ color: colorField.optional(), gradient: z.tuple([colorField, colorField]).optional() });

export const BackgroundSchema = z
  .union([colorField, ColorBackgroundSchema, MediaBackgroundSchema, StockBackgroundSchema], {
    error: 'expected a hex colour ("#0f172a"), { color }, { gradient: [from, to] }, { src: "media/photo.jpg" } or { stock: "search terms" }',
  })
  .describe('Background behind this scene instead of the theme background: a colour, a gradient, a picture or clip (src), or stock footage (stock).');

export type Background = z.output<typeof BackgroundSchema>;
export type MediaBackground = z.output<typeof MediaBackgroundSchema>;
export type StockBackground = z.output<typeof StockBackgroundSchema>;

export const MusicSchema = z
  .strictObject({
    src: z
      .union([z.literal('auto'), mediaSrc('the music file')])
      .optional()
      .describe(`The music: "auto" picks a track from the local music library by mood, or ${SRC_HELP}.`),
    file: mediaSrc('the music file').optional().describe('Alias of `src` (older specs).'),
    mood: enumField(MUSIC_MOODS, 'Mood used by `src: auto` to choose a track.').optional(),
    volume: z
      .number({ error: 'expected the loudness of the music alone in LUFS, e.g. -20' })
      .min(-40, { error: 'must be at least -40 LUFS' })
      .max(-10, { error: 'must be at most -10 LUFS (music louder than that drowns the voice)' })
      .default(-20)
      .describe('Loudness of the music where nobody speaks, in LUFS (default -20).'),
    duck: z
      .number({ error: 'expected how many dB the music drops under the voice, 12 to 18' })
      .min(12, { error: 'must be at least 12 dB (less and the voice is hard to follow)' })
      .max(18, { error: 'must be at most 18 dB' })
      .default(15)
      .describe('How many dB the music drops while the voice speaks (12–18).'),
  })
  .superRefine((music, ctx) => {
    if (music.src && music.file) ctx.addIssue({ code: 'custom', path: ['file'], message: '`file` is an alias of `src`; keep one of them' });
    if (!music.src && !music.file) ctx.addIssue({ code: 'custom', path: ['src'], message: 'name the music: src: auto, or a file, URL or upload:<id>' });
  })
  .transform(({ file, ...rest }) => ({ ...rest, src: rest.src ?? file! }))
  .describe('Background music, looped to the video, faded in and out, ducked under the narration.');

export const BrollField = enumField(BROLL_MODES, 'auto: every narrated scene without its own background gets footage chosen for its own sentences.');

export const captionModeField = enumField(
  CAPTION_MODES,
  'sentence: one cue per sentence part; words: 2–4 words at a time with the spoken word highlighted (the Shorts look); karaoke: the whole line, filled as it is spoken.',
);

export type MusicSpec = z.output<typeof MusicSchema>;

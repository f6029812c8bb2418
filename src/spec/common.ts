import { z } from 'zod';

/** Field types shared by several scene kinds and by the video itself. Every field carries a description: the JSON
 * Schema, CLI help and web forms all read it from here. */

export const ACCENTS = ['orange', 'blue', 'purple', 'green', 'pink', 'cyan'] as const;
export const THEME_MODES = ['light', 'dark'] as const;
export const ASPECTS = ['16:9', '9:16', '1:1'] as const;
export const RESOLUTIONS = ['720p', '1080p', '1440p', '2160p'] as const;
export const TRANSITIONS = ['fade', 'slide', 'wipe', 'zoom', 'none'] as const;
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;

export type Accent = (typeof ACCENTS)[number];
export type ThemeMode = (typeof THEME_MODES)[number];
export type Aspect = (typeof ASPECTS)[number];
export type Resolution = (typeof RESOLUTIONS)[number];
export type TransitionKind = (typeof TRANSITIONS)[number];
export type Difficulty = (typeof DIFFICULTIES)[number];

const oneOf = (values: readonly string[]) => `use one of: ${values.join(', ')}`;

export function enumField<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return z.enum(values, { error: () => `expected one of ${values.map((v) => `"${v}"`).join(', ')}` }).describe(description);
}

/** Text shown on screen: must say something, so empty strings are refused rather than drawn as a blank slot. */
export function text(description: string) {
  return z.string({ error: 'expected text (a string)' }).trim().min(1, { error: 'must not be empty; write the text or remove the field' }).describe(description);
}

export function optionalText(description: string) {
  return z.string({ error: 'expected text (a string)' }).trim().min(1, { error: 'must not be empty; remove the field instead' }).optional().describe(description);
}

export const seconds = (description: string) => z.number({ error: 'expected a number of seconds' }).positive({ error: 'must be greater than 0 seconds' }).max(3600, { error: 'must be at most 3600 seconds' }).describe(description);

export const difficultyField = enumField(DIFFICULTIES, 'How hard this is; drawn as a coloured badge.').optional();

export const languageField = z
  .string({ error: 'expected a BCP-47 language tag such as "en" or "pt-BR"' })
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'expected a BCP-47 language tag such as "en", "es" or "zh-Hans"' });

export const colorField = z
  .string({ error: 'expected a colour such as "#1e293b"' })
  .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'expected a hex colour such as "#1e293b"' });

export const ThemeSchema = z
  .strictObject({
    name: z.string().default('default').describe('Theme family. "default" is the only one built in for now.'),
    accent: enumField(ACCENTS, 'Accent colour for badges, bars and highlights.').default('blue'),
    mode: enumField(THEME_MODES, 'Light or dark background.').default('light'),
  })
  .describe('Colours of the video.');

export const SourceSchema = z
  .strictObject({
    document: z.string().optional().describe('File name or URL of the source document.'),
    section: z.string().optional().describe('Heading of the section this scene came from.'),
    lines: z.tuple([z.number().int().min(1), z.number().int().min(1)]).optional().describe('First and last source line.'),
    start: z.number().min(0).optional().describe('Transcript start time in seconds.'),
    end: z.number().min(0).optional().describe('Transcript end time in seconds.'),
  })
  .describe('Where the content of this scene came from (a citation).');

export const BackgroundSchema = z
  .union([colorField, z.strictObject({ color: colorField.optional(), gradient: z.tuple([colorField, colorField]).optional() })], {
    error: 'expected a hex colour ("#0f172a") or { color } or { gradient: [from, to] }',
  })
  .describe('Background behind this scene instead of the theme background.');

export const TransitionField = enumField(TRANSITIONS, 'How this scene hands over to the next one.');

export { oneOf };

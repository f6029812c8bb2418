import { z } from 'zod';
import { SPEC_LIMITS } from './limits.ts';

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

const MAX_TEXT = SPEC_LIMITS['spec.text'];
const tooLong = { error: `must be at most ${MAX_TEXT} characters (limit spec.text); shorten it or split the scene` };

/** Any string field with the text-length limit (code, labels). */
export const boundedString = (error = 'expected text (a string)') => z.string({ error }).max(MAX_TEXT, tooLong);

/** Text shown on screen: must say something, so empty strings are refused rather than drawn as a blank slot. */
export function text(description: string) {
  return z.string({ error: 'expected text (a string)' }).max(MAX_TEXT, tooLong).trim().min(1, { error: 'must not be empty; write the text or remove the field' }).describe(description);
}

export function optionalText(description: string) {
  return z.string({ error: 'expected text (a string)' }).max(MAX_TEXT, tooLong).trim().min(1, { error: 'must not be empty; remove the field instead' }).optional().describe(description);
}

/** Numeric ranges are part of the schema (`spec.number` in docs/errors/LIMIT_EXCEEDED.md); messages say the range. */
export const MAX_SECONDS = 3600;

export const seconds = (description: string) =>
  z
    .number({ error: `expected a number of seconds (0 < s ≤ ${MAX_SECONDS})` })
    .positive({ error: `must be greater than 0 seconds (allowed: 0 < s ≤ ${MAX_SECONDS})` })
    .max(MAX_SECONDS, { error: `must be at most ${MAX_SECONDS} seconds (limit spec.number)` })
    .describe(description);

/** A whole number in [min, max], e.g. a problem number or a line number. */
export const boundedInt = (min: number, max: number, what: string) =>
  z
    .number({ error: `expected ${what} (a whole number from ${min} to ${max})` })
    .int({ error: `expected ${what} as a whole number` })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max} (limit spec.number)` });

export const difficultyField = enumField(DIFFICULTIES, 'How hard this is; drawn as a coloured badge.').optional();

export const languageField = z
  .string({ error: 'expected a BCP-47 language tag such as "en" or "pt-BR"' })
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, { error: 'expected a BCP-47 language tag such as "en", "es" or "zh-Hans"' })
  // The shape alone lets through tags ICU refuses ("zh-x1"), which would throw later in Intl.Segmenter and friends.
  .refine(isWellFormedTag, { error: 'not a well-formed BCP-47 tag; use a language code, optionally with a script or region: "zh", "zh-Hans", "pt-BR"' });

function isWellFormedTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

export const colorField = z
  .string({ error: 'expected a colour such as "#1e293b"' })
  .regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, { error: 'expected a hex colour such as "#1e293b"' });

export const ThemeSchema = z
  .strictObject({
    name: boundedString().default('default').describe('Theme family. "default" is the only one built in for now.'),
    accent: enumField(ACCENTS, 'Accent colour for badges, bars and highlights.').default('blue'),
    mode: enumField(THEME_MODES, 'Light or dark background.').default('light'),
  })
  .describe('Colours of the video.');

export const SourceSchema = z
  .strictObject({
    document: boundedString().optional().describe('File name or URL of the source document (a citation; never read).'),
    section: boundedString().optional().describe('Heading of the section this scene came from.'),
    lines: z.tuple([boundedInt(1, 10_000_000, 'a line number'), boundedInt(1, 10_000_000, 'a line number')]).optional().describe('First and last source line.'),
    start: z.number().min(0).max(1_000_000, { error: 'must be at most 1000000 seconds (limit spec.number)' }).optional().describe('Transcript start time in seconds.'),
    end: z.number().min(0).max(1_000_000, { error: 'must be at most 1000000 seconds (limit spec.number)' }).optional().describe('Transcript end time in seconds.'),
  })
  .describe('Where the content of this scene came from (a citation).');

export const TransitionField = enumField(TRANSITIONS, 'How this scene hands over to the next one.');

export { oneOf };

import type { z } from 'zod';
import { frameShortSide } from '../../../../src/options/frame-size.ts';
import { OPTIONS, optionsFor, type OptionName, type OptionValues } from '../../../../src/options/table.ts';
import { frameFor } from '../../../../src/render/geometry.ts';

/**
 * The studio's render/create choices, read from the option table (src/options/table.ts) so a preset, aspect or
 * resolution added there appears here, and one removed there fails the type check instead of a request. The table has
 * no per-value labels, so the few words a person reads are here, keyed by the table's own value types.
 */

export type PresetName = NonNullable<OptionValues['preset']>;
export type AspectName = NonNullable<OptionValues['aspect']>;
export type ResolutionName = NonNullable<OptionValues['resolution']>;
export type BrollMode = NonNullable<OptionValues['broll']>;

export const PRESET_VALUES: readonly PresetName[] = OPTIONS.preset.type.options;
export const DEFAULT_PRESET: PresetName = OPTIONS.preset.default;
export const ASPECT_VALUES: readonly AspectName[] = OPTIONS.aspect.type.options;
export const RESOLUTION_VALUES: readonly ResolutionName[] = OPTIONS.resolution.type.options;
export const BROLL_VALUES: readonly BrollMode[] = OPTIONS.broll.type.options;

export const PRESET_LABELS: Record<PresetName, string> = { draft: 'Draft (fastest)', standard: 'Standard', final: 'Final (best)' };
export const ASPECT_LABELS: Record<AspectName, string> = { '16:9': 'Landscape 16:9', '9:16': 'Portrait 9:16', '1:1': 'Square 1:1' };
export const BROLL_LABELS: Record<BrollMode, string> = { auto: 'Footage for each scene', off: 'None' };

/** The option's value if `raw` (a <select>'s string) is one the table's type accepts; else undefined (unset). */
export function optionValue<K extends OptionName>(name: K, raw: unknown): OptionValues[K] | undefined {
  if (raw === '' || raw === undefined) return undefined;
  const parsed = (OPTIONS[name].type as z.ZodType).safeParse(raw);
  return parsed.success ? (parsed.data as OptionValues[K]) : undefined;
}

/**
 * The table's description as a hint: code spans become plain words (a hint is prose, not Markdown). `firstSentence`:
 * where the rest is for API and CLI readers (the frame-size rule is said once, under Resolution).
 */
export function optionHint(name: OptionName, length: 'full' | 'firstSentence' = 'full'): string {
  const text = OPTIONS[name].description.replaceAll('`', '');
  if (length === 'full') return text;
  const end = text.indexOf('. ');
  return end < 0 ? text : text.slice(0, end + 1);
}

/** The names of the options that only shape how a source becomes specs (no job field): what the document preview takes. */
export const SOURCE_OPTION_NAMES: readonly string[] = optionsFor('api')
  .filter(([, decl]) => decl.job === undefined)
  .map(([, decl]) => decl.api!);

/** `1440p (2560×1440)`: the frame a size draws at this aspect; without one (a source's own), the name alone. */
export function resolutionLabel(resolution: ResolutionName | number, aspect: AspectName | undefined): string {
  const name = typeof resolution === 'number' ? `${resolution}p` : resolution;
  if (!aspect) return name;
  const frame = frameFor(aspect, resolution);
  return `${name} (${frame.width}×${frame.height})`;
}

/**
 * The "not chosen" entry: what the frame-size rule (src/options/frame-size.ts) gives without a resolution option —
 * the spec's if it names one, else the preset's size. `specResolution` null: the spec is not known here (a set, or
 * YAML not read yet), so both halves of the rule are said.
 */
export function resolutionDefaultLabel(preset: PresetName, aspect: AspectName | undefined, specResolution: ResolutionName | undefined | null): string {
  const presetSize = resolutionLabel(frameShortSide(preset, undefined), aspect);
  if (specResolution === null) return `As the spec says, else the preset's: ${presetSize}`;
  if (specResolution) return `As the spec says: ${resolutionLabel(specResolution, aspect)}`;
  return `The preset's size: ${presetSize}`;
}

/** The same entry for a narrow column (the builder's): `The preset's (720p)`, `The spec's (1440p)`; the pixels go below. */
export function resolutionDefaultShort(preset: PresetName, specResolution: ResolutionName | undefined): string {
  return specResolution ? `The spec's (${specResolution})` : `The preset's (${resolutionLabel(frameShortSide(preset, undefined), undefined)})`;
}

import { VideogenError } from '../../errors.ts';
import { validateSpec, type Scene, type VideoSpec } from '../../spec/index.ts';
import { findLanguage } from '../../voice/languages.ts';
import { hasNarrationTemplates, templateNarration } from '../templates.ts';
import { SCENE_FIELDS, VIDEO_FIELDS, slotsAt, type TextSlot } from './fields.ts';

export interface TranslateSpecOptions {
  /** Target language (ISO 639-1 / BCP-47 tag). */
  to: string;
  /** Translates texts from the spec's language to `to` (translateTexts bound to a provider, glossary and cache). */
  translate: (texts: readonly string[]) => Promise<string[]>;
}

export interface TranslatedSpec {
  spec: VideoSpec;
  warnings: string[];
}

const languageName = (tag: string) => findLanguage(tag)?.name ?? tag;
const sceneName = (scene: Scene, index: number) => `scene ${index + 1}${scene.id ? ` (${scene.id})` : ''}`;

/** Every translatable string of the spec (SCENE_FIELDS/VIDEO_FIELDS), narration included, as slots into `spec`. */
function textSlots(spec: VideoSpec): TextSlot[] {
  const slots = VIDEO_FIELDS.translate.flatMap((path) => slotsAt(spec, path));
  spec.scenes.forEach((scene, i) => {
    for (const path of ['narration', ...SCENE_FIELDS[scene.kind].translate]) slots.push(...slotsAt(scene, path, `scenes[${i}]`));
  });
  return slots;
}

/** The translated spec through the same checks as a written one; failures name the language and the field. */
function validated(spec: VideoSpec, what: string): VideoSpec {
  let checked;
  try {
    checked = validateSpec(spec);
  } catch (error) {
    // LIMIT_EXCEEDED (a text longer than any field takes) is thrown before the schema runs.
    if (error instanceof VideogenError) throw new VideogenError(error.code, `${what}: ${error.message}`, { ...error.details, language: spec.language });
    throw error;
  }
  if (checked.ok) return checked.value;
  const where = checked.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  throw new VideogenError('SPEC_INVALID', `${what} has ${checked.problems.length} problem(s): ${where}`, { problems: checked.problems, language: spec.language });
}

/**
 * The spec in another language: every on-screen and spoken text translated (titles, items, quiz options, narration…),
 * never code, commands, ids, media paths or URLs; `language` set to `to`. Scenes without narration stay without it
 * when `to` has narration templates (they are then written in `to` at render time), otherwise get the source
 * language's template narration translated, with a warning.
 */
export async function translateSpec(spec: VideoSpec, opts: TranslateSpecOptions): Promise<TranslatedSpec> {
  const warnings: string[] = [];
  const out = structuredClone(spec);
  out.language = opts.to;
  // Narration for scenes that have none is written before translating, so it goes in the same batch.
  if (!hasNarrationTemplates(opts.to)) {
    const missing: string[] = [];
    out.scenes.forEach((scene, i) => {
      if (scene.narration !== undefined) return;
      if (!hasNarrationTemplates(spec.language)) return void missing.push(sceneName(scene, i));
      const written = templateNarration(scene, spec.language);
      if (written) scene.narration = written;
    });
    const filled = out.scenes.filter((s, i) => s.narration !== undefined && spec.scenes[i]!.narration === undefined).length;
    if (filled) warnings.push(`there are no ${languageName(opts.to)} narration templates: the narration of ${filled} scene(s) without \`narration:\` was written in ${languageName(spec.language)} and translated`);
    if (missing.length) warnings.push(`${missing.join(', ')} ${missing.length === 1 ? 'has' : 'have'} no narration and neither ${languageName(spec.language)} nor ${languageName(opts.to)} has narration templates: give ${missing.length === 1 ? 'it' : 'them'} \`narration:\`; ${missing.length === 1 ? 'it stays' : 'they stay'} silent`);
  }
  const slots = textSlots(out).filter((s) => s.value.trim() !== '');
  // One call for the whole spec, each distinct text once: providers see context and bill fewer characters.
  const unique = [...new Set(slots.map((s) => s.value))];
  const translated = unique.length ? await opts.translate(unique) : [];
  if (translated.length !== unique.length) throw new VideogenError('TRANSLATION_FAILED', `the translator returned ${translated.length} texts for ${unique.length}`, { to: opts.to });
  const byText = new Map(unique.map((text, i) => [text, translated[i]!]));
  for (const slot of slots) slot.set(byText.get(slot.value)!);
  return { spec: validated(out, `the ${languageName(opts.to)} (${opts.to}) translation of "${spec.id}"`), warnings };
}

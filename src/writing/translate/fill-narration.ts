import { isVideogenError } from '../../errors.ts';
import type { Scene, VideoSpec } from '../../spec/index.ts';
import { findLanguage } from '../../voice/languages.ts';
import { hasNarrationTemplates, templateNarration } from '../templates.ts';
import type { PairTranslatorFactory } from './bound.ts';

export interface FilledNarration {
  spec: VideoSpec;
  warnings: string[];
  /** The provider that translated the template narration, when one did. */
  translatedBy?: string;
}

const TEMPLATE_LANGUAGE = 'en';
const HOW_TO_CONFIGURE = 'VIDEOGEN_TRANSLATOR, DEEPL_API_KEY, LIBRETRANSLATE_URL, an installed Apertium pair, or a language model';

const sceneName = (scene: Scene, index: number) => `scene ${index + 1}${scene.id ? ` (${scene.id})` : ''}`;

/**
 * A spec in a language without narration templates (`language: sv`), rendered as it is: the scenes without
 * `narration:` get the English template translated when a translator can do en → that language (with a warning that
 * says so), otherwise stay silent with a warning per scene — never English read by a Swedish voice. Specs in a
 * language with templates, or whose scenes all have narration, come back unchanged.
 */
export async function fillNarration(spec: VideoSpec, translators: PairTranslatorFactory | undefined): Promise<FilledNarration> {
  if (hasNarrationTemplates(spec.language)) return { spec, warnings: [] };
  const missing = spec.scenes.flatMap((scene, index) => {
    if (scene.narration !== undefined) return [];
    // A picture without a heading says nothing even in English; nothing to miss.
    const template = templateNarration(scene, TEMPLATE_LANGUAGE);
    return template ? [{ index, template }] : [];
  });
  if (!missing.length) return { spec, warnings: [] };
  const language = findLanguage(spec.language)?.name ?? spec.language;
  let reason = `set ${HOW_TO_CONFIGURE}`;
  if (translators) {
    try {
      const translator = await translators(TEMPLATE_LANGUAGE, spec.language);
      const texts = await translator.translate(missing.map((m) => m.template));
      const scenes = [...spec.scenes];
      missing.forEach((m, i) => void (scenes[m.index] = { ...scenes[m.index]!, narration: texts[i]! }));
      const names = missing.map((m) => sceneName(spec.scenes[m.index]!, m.index)).join(', ');
      return {
        spec: { ...spec, scenes },
        translatedBy: translator.label,
        warnings: [`there are no ${language} narration templates: the narration of ${names} was written in English and translated by ${translator.label}; give ${missing.length === 1 ? 'it' : 'them'} \`narration:\` to choose the words`],
      };
    } catch (error) {
      // No provider for the pair is a reason to stay silent, not to fail the render; a provider that failed is.
      if (!isVideogenError(error) || error.code !== 'TRANSLATION_UNAVAILABLE') throw error;
      reason = error.message;
    }
  }
  return {
    spec,
    warnings: missing.map((m) => `${sceneName(spec.scenes[m.index]!, m.index)} has no narration and there are no ${language} narration templates: give it \`narration:\` or configure a translator (${reason}); it stays silent`),
  };
}

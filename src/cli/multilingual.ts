import { resolve } from 'node:path';
import { VideogenError } from '../errors.ts';
import type { VideoSpec } from '../spec/index.ts';
import type { RenderListener } from '../pipeline/events.ts';
import type { LanguageIndex, RenderLanguagesOptions } from '../pipeline/render-languages.ts';
import type { RenderOptions } from '../pipeline/render-video.ts';
import { findLanguage } from '../voice/languages.ts';
import type { Glossary } from '../writing/translate/types.ts';

// `render` and `create` import this module while the CLI registers its commands (on every start, --help too), so the
// renderer and the translators are imported inside the functions that use them, not here.
const renderLanguagesModule = () => import('../pipeline/render-languages.ts');

/** The multilingual flags `render` and `create` share. */
export interface LanguageFlags {
  languages?: string;
  glossary?: string;
  languageVoice?: string[];
}

export const LANGUAGES_HELP = 'render one video per language into <output>/<lang>/ plus index.json, e.g. en,de,es,ar,zh (translated with VIDEOGEN_TRANSLATOR / DeepL / LibreTranslate / Apertium / the language model)';
export const GLOSSARY_HELP = 'glossary file (YAML/JSON): terms pinned per language and words never translated (with --languages)';
export const LANGUAGE_VOICE_HELP = 'voice for one language, e.g. de=female or ar=edge:ar-EG-SalmaNeural (repeatable, or comma-separated)';

/** Commander collector for a repeatable option. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** `en, de ,es` → ['en', 'de', 'es'], checked against the language registry (USAGE naming the known codes). */
export async function parseLanguageList(value: string, flag = '--languages'): Promise<string[]> {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (!list.length) throw new VideogenError('USAGE', `${flag} needs at least one language code, e.g. ${flag} en,de`);
  return (await renderLanguagesModule()).checkLanguages(list);
}

/** `--language-voice de=female --language-voice ar=edge:…,es=male` → { de, ar, es }; each language must be asked for. */
export function parseLanguageVoices(values: readonly string[] | undefined, languages: readonly string[]): Record<string, string> {
  const voices: Record<string, string> = {};
  for (const pair of (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const lang = pair.slice(0, eq).trim();
    const voice = pair.slice(eq + 1).trim();
    if (eq <= 0 || !voice) throw new VideogenError('USAGE', `--language-voice takes language=voice, e.g. de=female (got "${pair}")`);
    const code = findLanguage(lang)?.code;
    const asked = code ? languages.find((l) => findLanguage(l)?.code === code) : undefined;
    if (!asked) throw new VideogenError('USAGE', `--language-voice ${pair}: "${lang}" is not one of --languages ${languages.join(',')}`);
    voices[asked] = voice;
  }
  return voices;
}

export interface MultilingualRun {
  languages: string[];
  voices: Record<string, string>;
  glossary?: Glossary;
}

/** Reads and checks the flags; undefined without --languages (then everything is as before). */
export async function multilingualFlags(flags: LanguageFlags): Promise<MultilingualRun | undefined> {
  if (!flags.languages) {
    if (flags.glossary || flags.languageVoice?.length) throw new VideogenError('USAGE', '--glossary and --language-voice go with --languages');
    return undefined;
  }
  const languages = await parseLanguageList(flags.languages);
  const voices = parseLanguageVoices(flags.languageVoice, languages);
  if (!flags.glossary) return { languages, voices };
  const { loadGlossary } = await import('../writing/translate/glossary.ts');
  return { languages, voices, glossary: await loadGlossary(resolve(flags.glossary)) };
}

/** Renders one spec in every language and prints one line per language (stderr: stdout may carry JSON events). */
export async function renderMultilingual(spec: VideoSpec, run: MultilingualRun, opts: Omit<RenderOptions, 'onEvent'> & { onEvent: RenderListener }): Promise<LanguageIndex> {
  const { voice, ...rest } = opts;
  const [{ renderLanguages }, { translateDepsFromConfig }] = await Promise.all([renderLanguagesModule(), import('../writing/translate/bound.ts')]);
  const options: RenderLanguagesOptions = {
    ...rest,
    languages: run.languages,
    voices: run.voices,
    ...(voice ? { voice } : {}),
    ...(run.glossary ? { glossary: run.glossary } : {}),
    translate: opts.translate ?? translateDepsFromConfig(opts.config),
  };
  const index = await renderLanguages(spec, options);
  for (const l of index.languages) {
    process.stderr.write(`${l.language.padEnd(6)} ${l.name.padEnd(12)} ${l.translatedBy === 'source' ? 'source' : `translated by ${l.translatedBy}`} · voice ${l.voice || 'none'} · ${l.seconds.toFixed(1)} s video, rendered in ${(l.renderSeconds ?? 0).toFixed(1)} s → ${resolve(opts.outputDir, l.files.video ?? l.dir)}\n`);
  }
  process.stderr.write(`index    ${resolve(opts.outputDir, 'index.json')}\n`);
  return index;
}

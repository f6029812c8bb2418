import { readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { specYaml } from '../spec/spec-yaml.ts';
import { VideogenError } from '../errors.ts';
import type { VideoSpec } from '../spec/index.ts';
import { LANGUAGES, findLanguage } from '../voice/languages.ts';
import type { Glossary, TranslateDeps } from '../writing/translate/index.ts';
import { pairTranslators, type PairTranslatorFactory } from '../writing/translate/bound.ts';
import { translateSpec } from '../writing/translate/spec.ts';
import { writeFileAtomic } from '../util/files.ts';
import { isLocalPath, mediaRefsOf } from '../sources/media-paths.ts';
import type { RenderListener } from './events.ts';
import { localiseVoices, voiceForLanguage } from './language-voice.ts';
import { renderVideo, type RenderOptions, type RenderResult } from './render-video.ts';
import { primaryCode } from '../writing/translate/language-code.ts';

/** One language of a multilingual render, as `<out>/index.json` lists it. */
export interface LanguageEntry {
  /** The language code as asked for (`de`, `pt-BR`); also the folder name. */
  language: string;
  name: string;
  nativeName: string;
  rtl: boolean;
  /** Folder relative to index.json. */
  dir: string;
  title: string;
  /** `source` for the spec's own language; else the provider that translated it ("Apertium eng-spa"). */
  translatedBy: string;
  /** Voice the narration used, e.g. "espeak:de" (from the manifest). */
  voice: string;
  /** Length of the video. */
  seconds: number;
  frames: number;
  /** Paths relative to index.json: video, srt, vtt, thumbnail, chapters, manifest, metadata, spec (the translated spec). */
  files: Record<string, string>;
  /** Wall-clock seconds this language took to render (translation not included). */
  renderSeconds?: number;
}

/** `<out>/index.json` of a multilingual render. */
export interface LanguageIndex {
  id: string;
  sourceLanguage: string;
  languages: LanguageEntry[];
  warnings: string[];
}

export interface RenderLanguagesOptions extends Omit<RenderOptions, 'outputDir' | 'voice'> {
  outputDir: string;
  /** Languages to make, in order; the spec's own language is rendered untranslated if listed. */
  languages: readonly string[];
  /** Voice per language (`{ de: 'female', ar: 'edge:ar-EG-SalmaNeural' }`); `voice` applies to the others. */
  voices?: Readonly<Record<string, string>>;
  voice?: string;
  glossary?: Glossary;
  /** Providers for translation (config.translate + the LLM); translatorFor picks one per pair. */
  translate: TranslateDeps;
  /** Specs already translated and reviewed (the API's --review flow): used instead of translating again. */
  translated?: Readonly<Record<string, VideoSpec>>;
  /** Binds a translator per pair instead of `translate` (tests; callers with their own providers). */
  translators?: PairTranslatorFactory;
  /** Renders one language; default renderVideo. The job runner passes the child-process renderer. */
  renderOne?: (spec: VideoSpec, opts: RenderOptions) => Promise<Pick<RenderResult, 'outputDir' | 'files' | 'seconds' | 'totalFrames'>>;
}

type TranslateForLanguagesOptions = Pick<RenderLanguagesOptions, 'languages' | 'glossary' | 'translate' | 'translated' | 'signal' | 'config' | 'translators'>;

export interface LanguageSpec {
  language: string;
  spec: VideoSpec;
  translatedBy: string;
  warnings: string[];
}

const sameLanguage = (a: string, b: string) => primaryCode(a) === primaryCode(b);

const cancelled = (signal: AbortSignal | undefined) => {
  if (signal?.aborted) throw new VideogenError('CANCELLED', 'render cancelled');
};

/** USAGE for codes outside the language registry, and for a language asked for twice; the codes as given otherwise. */
export function checkLanguages(languages: readonly string[]): string[] {
  if (!languages.length) throw new VideogenError('USAGE', 'give at least one language, e.g. --languages en,de');
  const unknown = languages.filter((l) => !findLanguage(l));
  if (unknown.length) {
    throw new VideogenError('USAGE', `unknown language ${unknown.map((l) => `"${l}"`).join(', ')}; use one of: ${LANGUAGES.map((l) => l.code).join(', ')}`, { unknown, known: LANGUAGES.map((l) => l.code) });
  }
  const seen = new Map<string, string>();
  for (const l of languages) {
    const code = findLanguage(l)!.code;
    const first = seen.get(code);
    if (first !== undefined) throw new VideogenError('USAGE', `language "${l}" is asked for twice (also "${first}"); give each language once`);
    seen.set(code, l);
  }
  return [...languages];
}

/** Translates the spec into each language (translateSpec) and returns them with their provider labels, in order. */
export async function translateForLanguages(spec: VideoSpec, opts: TranslateForLanguagesOptions): Promise<LanguageSpec[]> {
  const languages = checkLanguages(opts.languages);
  const translators = opts.translators ?? pairTranslators(opts.translate, { glossary: opts.glossary, cacheDir: opts.config.cacheDir, signal: opts.signal });
  const out: LanguageSpec[] = [];
  // Sequential: one provider call at a time is kind to rate limits, and a failing pair stops the job before any
  // language has been rendered (renderLanguages translates everything first).
  for (const language of languages) {
    cancelled(opts.signal);
    const reviewed = opts.translated?.[language];
    if (reviewed) {
      out.push({ language, spec: { ...reviewed, language }, translatedBy: 'reviewed', warnings: [] });
    } else if (sameLanguage(language, spec.language)) {
      // The source itself; `en-GB` for an `en` spec keeps the words and takes the regional voice.
      out.push({ language, spec: { ...spec, language }, translatedBy: 'source', warnings: [] });
    } else {
      const translator = await translators(spec.language, language);
      const made = await translateSpec(spec, { to: language, translate: (texts) => translator.translate(texts) });
      out.push({ language, spec: made.spec, translatedBy: translator.label, warnings: made.warnings });
    }
  }
  return out;
}

/** The voices a finished render used, from its manifest ("espeak:de+m3"); silent scenes are left out. */
async function voicesUsed(manifestPath: string | undefined): Promise<string> {
  if (!manifestPath) return '';
  try {
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { scenes?: { voice?: { provider?: string; id?: string } }[] };
    const voices = (manifest.scenes ?? []).map((s) => s.voice).filter((v) => v?.provider && v.provider !== 'none').map((v) => `${v!.provider}:${v!.id}`);
    return [...new Set(voices)].join(', ');
  } catch {
    return '';
  }
}

function languageSpecYaml(spec: VideoSpec, translatedBy: string): string {
  const how = translatedBy === 'source' ? 'the source spec' : translatedBy === 'reviewed' ? 'the reviewed translation' : `translated by ${translatedBy}`;
  // Media paths stay relative to the source spec's folder (and may not leave the folder of the spec that names them).
  const media = mediaRefsOf(spec).some((r) => isLocalPath(r.src)) ? 'Its media paths are relative to the source spec: put this file next to it to render it.' : '';
  return specYaml(spec, [`${spec.language}: ${how}; review it, edit it and render it again with \`videogen render\`.`, ...(media ? [media] : [])]);
}

/**
 * One job, N languages: each language's spec (translated, or the source), voice, timeline, layout, captions,
 * thumbnail and metadata.json in `<out>/<lang>/`, then `<out>/index.json` (written last, atomically: its presence
 * means every language finished). Segments that do not depend on the language are shared through the render cache.
 */
export async function renderLanguages(spec: VideoSpec, opts: RenderLanguagesOptions): Promise<LanguageIndex> {
  const { languages: _languages, voices, voice, glossary: _glossary, translate: _translate, translated: _translated, translators, renderOne = renderVideo, outputDir, onEvent, ...renderOpts } = opts;
  const emit: RenderListener = onEvent ?? (() => undefined);
  const indexPath = join(outputDir, 'index.json');
  // An index left by an earlier run must not vouch for this one until it has finished.
  await rm(indexPath, { force: true });
  const specs = await translateForLanguages(spec, opts);
  const warnings: string[] = [];
  const entries: LanguageEntry[] = [];
  for (const made of specs) {
    cancelled(opts.signal);
    const { language } = made;
    const info = findLanguage(language)!;
    // A voice chosen for this language is used as given; the global one (and the spec's) is made right for the
    // language, so `--voice edge:en-US-AriaNeural` does not read German with an English accent.
    const chosen = voices?.[language];
    const source = made.translatedBy === 'source';
    const localised = chosen || source ? { spec: made.spec, warnings: [] } : localiseVoices(made.spec);
    const globalVoice = !chosen && voice && !source ? voiceForLanguage(voice, language) : voice;
    const own = chosen ?? globalVoice;
    const voiceWarnings = !chosen && voice && globalVoice !== voice ? [`voice "${voice}" speaks another language; the ${info.name} video uses "${globalVoice}" instead (choose one with --language-voice ${language}=…)`] : [];
    const languageWarnings = [...made.warnings, ...localised.warnings, ...voiceWarnings];
    const tag = (event: Parameters<RenderListener>[0]) => emit({ ...event, language });
    for (const message of languageWarnings) tag({ type: 'warning', message });
    warnings.push(...languageWarnings.map((w) => `${language}: ${w}`));
    const dir = join(outputDir, language);
    const specFile = join(dir, 'spec.yaml');
    await writeFileAtomic(specFile, languageSpecYaml(localised.spec, made.translatedBy));
    const result = await renderOne(localised.spec, {
      ...renderOpts,
      outputDir: dir,
      ...(own ? { voice: own } : {}),
      ...(translators ? { translators } : {}),
      ...(opts.translate ? { translate: opts.translate } : {}),
      onEvent: tag,
    });
    const files = Object.fromEntries(Object.entries({ ...result.files, spec: specFile }).map(([k, path]) => [k, relative(outputDir, path).split('\\').join('/')]));
    entries.push({
      language,
      name: info.name,
      nativeName: info.nativeName,
      rtl: info.rtl,
      dir: language,
      title: localised.spec.title,
      translatedBy: made.translatedBy,
      voice: await voicesUsed(result.files.manifest),
      seconds: result.totalFrames / localised.spec.fps,
      frames: result.totalFrames,
      files,
      renderSeconds: Math.round(result.seconds * 10) / 10,
    });
  }
  const index: LanguageIndex = { id: spec.id, sourceLanguage: spec.language, languages: entries, warnings };
  await writeFileAtomic(indexPath, `${JSON.stringify(index, null, 2)}\n`);
  return index;
}

import type { VideoSpec } from '../spec/index.ts';
import type { Glossary, TranslateDeps } from '../writing/translate/index.ts';
import type { RenderOptions, RenderResult } from './render-video.ts';

// OWNER: helper h4 (multilingual pipeline). Signatures are fixed; bodies are theirs.

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
  seconds: number;
  frames: number;
  files: Record<string, string>;
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
  /** Renders one language; default renderVideo. The job runner passes the child-process renderer. */
  renderOne?: (spec: VideoSpec, opts: RenderOptions) => Promise<Pick<RenderResult, 'outputDir' | 'files' | 'seconds' | 'totalFrames'>>;
}

/** Translates the spec into each language (translateSpec) and returns them with their provider labels, in order. */
export async function translateForLanguages(spec: VideoSpec, opts: Pick<RenderLanguagesOptions, 'languages' | 'glossary' | 'translate' | 'translated' | 'signal' | 'config'>): Promise<{ language: string; spec: VideoSpec; translatedBy: string; warnings: string[] }[]> {
  void spec;
  void opts;
  throw new Error('not implemented (h4)');
}

/**
 * One job, N languages: each language's spec (translated, or the source), voice, timeline, layout, captions,
 * thumbnail and metadata.json in `<out>/<lang>/`, then `<out>/index.json` (written last, atomically: its presence
 * means every language finished). Segments that do not depend on the language are shared through the render cache.
 */
export async function renderLanguages(spec: VideoSpec, opts: RenderLanguagesOptions): Promise<LanguageIndex> {
  void spec;
  void opts;
  throw new Error('not implemented (h4)');
}

import type { VideoSpec } from '../../spec/index.ts';

// OWNER: helper h4 (multilingual pipeline). Signatures are fixed; bodies are theirs.

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

/**
 * The spec in another language: every on-screen and spoken text translated (titles, items, quiz options, narration…),
 * never code, commands, ids, media paths or URLs; `language` set to `to`. Scenes without narration stay without it
 * when `to` has narration templates (they are then written in `to` at render time), otherwise get the source
 * language's template narration translated, with a warning.
 */
export async function translateSpec(spec: VideoSpec, opts: TranslateSpecOptions): Promise<TranslatedSpec> {
  void spec;
  void opts;
  throw new Error('not implemented (h4)');
}

import type { Glossary, Translator } from './types.ts';

// OWNER: helper h1 (translation providers). Signatures are fixed; bodies are theirs.

export interface TranslateTextsOptions {
  translator: Translator;
  from: string;
  to: string;
  glossary?: Glossary;
  /** Directory of the translation cache (config.cacheDir + '/translations'); absent: no cache. */
  cacheDir?: string;
  signal?: AbortSignal;
}

/**
 * Translates texts the safe way: code spans, commands, identifiers, URLs, numbers and glossary terms are replaced by
 * placeholders before the provider sees them and restored after (glossary terms as their pinned translation); cached
 * per (provider, source text, target, glossary); empty texts pass through; a reply that lost a placeholder is asked
 * again one text at a time, then TRANSLATION_FAILED. Same length and order as `texts`.
 */
export async function translateTexts(texts: readonly string[], opts: TranslateTextsOptions): Promise<string[]> {
  void texts;
  void opts;
  throw new Error('not implemented (h1)');
}

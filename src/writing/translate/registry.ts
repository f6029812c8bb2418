import type { HttpOptions } from '../llm/http.ts';
import type { LlmProvider } from '../llm/types.ts';
import type { TranslateSettings, Translator, TranslatorId } from './types.ts';

// OWNER: helper h1 (translation providers). Signatures are fixed; bodies are theirs.

/** What the registry needs to build providers; the caller reads config (src/config.ts) and passes it in. */
export interface TranslateDeps {
  settings: TranslateSettings;
  /** The configured language model (llmFromConfig), if any: the `llm` provider. */
  llm?: LlmProvider | undefined;
  /** PATH to look for the `apertium` binary and its installed pairs (config.searchPath). */
  searchPath?: string | undefined;
  /** Timeouts/retries/fetch for the HTTP providers (tests pass short ones). */
  http?: HttpOptions;
}

/** One provider's ability on this machine, for `videogen languages --pairs` and the API's /api/languages. */
export interface ProviderReport {
  id: TranslatorId;
  configured: boolean;
  label: string;
  /** Pairs as `en-es`; `['*']` for providers that take any pair of the registry's languages (DeepL: its list). */
  pairs: string[];
  /** Why it is not usable, e.g. "DEEPL_API_KEY is not set" or "apertium is not installed". */
  reason?: string;
}

/**
 * The provider for one pair: `settings.provider` when set (TRANSLATION_UNAVAILABLE if it cannot do the pair), else the
 * first that can, in this order: DeepL (key set), LibreTranslate (URL set), Apertium (pair installed), the LLM.
 * Throws TRANSLATION_UNAVAILABLE naming what was tried and what to set.
 */
export async function translatorFor(from: string, to: string, deps: TranslateDeps): Promise<Translator> {
  void from;
  void to;
  void deps;
  throw new Error('not implemented (h1)');
}

/** Every provider with what it can do here. */
export async function translationReport(deps: TranslateDeps): Promise<ProviderReport[]> {
  void deps;
  throw new Error('not implemented (h1)');
}

/**
 * Translation (ARCHITECTURE §8): one interface, four providers — the configured language model, DeepL,
 * LibreTranslate and Apertium — chosen per language pair by the registry (registry.ts). Callers never talk to a
 * provider directly: `translateTexts` (texts.ts) protects code, names and numbers, applies the glossary, consults the
 * cache and checks that every protected span came back.
 */

/** Provider ids, as `VIDEOGEN_TRANSLATOR` names them; `auto` picks per pair (registry.ts). */
export const TRANSLATOR_IDS = ['deepl', 'libretranslate', 'apertium', 'llm'] as const;
export type TranslatorId = (typeof TRANSLATOR_IDS)[number];

/** Settings read by src/config.ts from the environment; this module never reads process.env itself. */
export interface TranslateSettings {
  /** `VIDEOGEN_TRANSLATOR`: one provider for every pair, or `auto` (default). */
  provider?: TranslatorId | 'auto';
  /** `DEEPL_API_KEY`; keys ending in `:fx` are Free-plan keys and use api-free.deepl.com. */
  deeplKey?: string;
  /** `DEEPL_BASE_URL`: overrides the plan's host (a proxy, or a local server in tests). */
  deeplBaseUrl?: string;
  /** `LIBRETRANSLATE_URL`: a (self-hosted) LibreTranslate server. */
  libreUrl?: string;
  /** `LIBRETRANSLATE_API_KEY`, for servers started with --api-keys. */
  libreKey?: string;
}

/**
 * One call to a provider. Protected spans were already replaced by placeholders `⟦0⟧`, `⟦1⟧`, … (protect.ts), which
 * the provider must return unchanged; each provider encodes them as its API prefers (DeepL ignore tags, LLM
 * instructions) and decodes them back to `⟦n⟧`.
 */
export interface TranslateBatch {
  texts: readonly string[];
  /** ISO 639-1 codes (`en`, `de`, `zh`), as the language registry keys them. */
  from: string;
  to: string;
  /** Glossary terms for this pair, for providers that can use them as context (the LLM prompt). Already pinned by placeholders. */
  glossary?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

export interface Translator {
  readonly id: TranslatorId;
  /** For reports and the manifest: "Apertium eng-spa", "DeepL (api-free.deepl.com)", "LLM openai gpt-4o-mini". */
  readonly label: string;
  /** Cache identity: provider plus model/endpoint, so two models never share cached translations. */
  readonly cacheId: string;
  /**
   * Characters of source text per call, when the provider needs fewer than translateTexts' default: a language
   * model's reply is capped in tokens, and Hindi or Japanese take several tokens a character.
   */
  readonly maxBatchChars?: number;
  /** Whether this provider can translate `from` → `to` on this machine (Apertium: installed pairs only). */
  supports(from: string, to: string): Promise<boolean>;
  /** One translation per text, same order. VideogenError TRANSLATION_FAILED / TRANSLATION_UNAVAILABLE on failure. */
  translate(batch: TranslateBatch): Promise<string[]>;
}

/**
 * A glossary file (`--glossary terms.yaml`):
 *   terms: { "event loop": { es: "bucle de eventos", de: "Event Loop" } }
 *   keep: [JavaScript, queueMicrotask]
 * `terms` pins a source term's translation per target language; `keep` lists words never translated in any language.
 */
export interface Glossary {
  terms: Record<string, Record<string, string>>;
  keep: string[];
}

import { join } from 'node:path';
import type { VideogenConfig } from '../../config.ts';
import { llmFromConfig } from '../llm/registry.ts';
import { translatorFor, type TranslateDeps } from './registry.ts';
import { translateTexts } from './texts.ts';
import type { Glossary } from './types.ts';

/** A translator bound to one language pair, its glossary and the cache: what translateSpec and fillNarration call. */
export interface PairTranslator {
  /** The provider's label, for warnings, reports and index.json ("Apertium eng-spa"). */
  label: string;
  translate(texts: readonly string[]): Promise<string[]>;
}

/** Finds the translator for a pair; TRANSLATION_UNAVAILABLE when no provider can do it. Tests inject their own. */
export type PairTranslatorFactory = (from: string, to: string) => Promise<PairTranslator>;

export interface BindOptions {
  glossary?: Glossary | undefined;
  /** config.cacheDir; translations are cached under `<cacheDir>/translations`. */
  cacheDir?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** The providers the configuration names: config.translate plus the configured language model, if any. */
export function translateDepsFromConfig(config: VideogenConfig): TranslateDeps {
  const llm = llmFromConfig(config.llm);
  return { settings: config.translate, ...(llm ? { llm } : {}), ...(config.searchPath ? { searchPath: config.searchPath } : {}) };
}

/** The registry (translatorFor) and translateTexts (protection, glossary, cache) behind one pair at a time. */
export function pairTranslators(deps: TranslateDeps, opts: BindOptions = {}): PairTranslatorFactory {
  return async (from, to) => {
    const translator = await translatorFor(from, to, deps);
    return {
      label: translator.label,
      translate: (texts) =>
        translateTexts(texts, {
          translator,
          from,
          to,
          ...(opts.glossary ? { glossary: opts.glossary } : {}),
          ...(opts.cacheDir ? { cacheDir: join(opts.cacheDir, 'translations') } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        }),
    };
  };
}

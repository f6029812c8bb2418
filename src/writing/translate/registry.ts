import { VideogenError } from '../../errors.ts';
import { LANGUAGES } from '../../voice/languages.ts';
import type { HttpOptions } from '../llm/http.ts';
import type { LlmProvider } from '../llm/types.ts';
import { ApertiumTranslator, findApertium } from './apertium.ts';
import { DeeplTranslator, deeplSource, deeplTarget } from './deepl.ts';
import { primaryCode } from './language-code.ts';
import { LibreTranslateTranslator } from './libretranslate.ts';
import { LlmTranslator } from './llm.ts';
import { TRANSLATOR_IDS, type TranslateSettings, type Translator, type TranslatorId } from './types.ts';

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

/** What to set for each provider, named in every "not configured" message. */
const HOW_TO_CONFIGURE: Record<TranslatorId, string> = {
  deepl: 'DEEPL_API_KEY is not set',
  libretranslate: 'LIBRETRANSLATE_URL is not set',
  apertium: 'apertium is not installed (Debian: apt-get install apertium apertium-eng-spa)',
  llm: 'no language model is configured (ANTHROPIC_API_KEY, or OPENAI_API_KEY / OPENAI_BASE_URL)',
};

const LABELS: Record<TranslatorId, string> = { deepl: 'DeepL', libretranslate: 'LibreTranslate', apertium: 'Apertium', llm: 'Language model' };

/** Providers built once per deps object, so language lists (DeepL, LibreTranslate, `apertium -l`) are asked once. */
const built = new WeakMap<TranslateDeps, Map<TranslatorId, Translator | undefined>>();

function build(id: TranslatorId, deps: TranslateDeps): Translator | undefined {
  let perDeps = built.get(deps);
  if (!perDeps) built.set(deps, (perDeps = new Map()));
  if (perDeps.has(id)) return perDeps.get(id);
  const { settings } = deps;
  const http = deps.http ?? {};
  let translator: Translator | undefined;
  if (id === 'deepl' && settings.deeplKey?.trim()) translator = new DeeplTranslator({ ...http, apiKey: settings.deeplKey, baseUrl: settings.deeplBaseUrl });
  if (id === 'libretranslate' && settings.libreUrl?.trim()) translator = new LibreTranslateTranslator({ ...http, baseUrl: settings.libreUrl, apiKey: settings.libreKey });
  if (id === 'apertium' && findApertium(deps.searchPath)) translator = new ApertiumTranslator({ searchPath: deps.searchPath });
  if (id === 'llm' && deps.llm) translator = new LlmTranslator(deps.llm);
  perDeps.set(id, translator);
  return translator;
}

/** The provider ids to consider: the forced one, or all in the auto order. USAGE for a name that is no provider. */
function candidates(settings: TranslateSettings): TranslatorId[] {
  const forced = settings.provider;
  if (!forced || forced === 'auto') return [...TRANSLATOR_IDS];
  if (!(TRANSLATOR_IDS as readonly string[]).includes(forced)) throw new VideogenError('USAGE', `VIDEOGEN_TRANSLATOR="${String(forced)}" is no translation provider; use one of ${TRANSLATOR_IDS.join(', ')} or auto`, { provider: forced, known: [...TRANSLATOR_IDS, 'auto'] });
  return [forced];
}

/**
 * The provider for one pair: `settings.provider` when set (TRANSLATION_UNAVAILABLE if it cannot do the pair), else the
 * first that can, in this order: DeepL (key set), LibreTranslate (URL set), Apertium (pair installed), the LLM.
 * Throws TRANSLATION_UNAVAILABLE naming what was tried and what to set.
 */
export async function translatorFor(from: string, to: string, deps: TranslateDeps): Promise<Translator> {
  const ids = candidates(deps.settings);
  const source = primaryCode(from);
  const target = primaryCode(to);
  if (source === target) throw new VideogenError('USAGE', `"${from}" and "${to}" are the same language; there is nothing to translate`, { from, to });
  const tried: { id: TranslatorId; reason: string }[] = [];
  for (const id of ids) {
    const translator = build(id, deps);
    if (!translator) {
      tried.push({ id, reason: HOW_TO_CONFIGURE[id] });
      continue;
    }
    try {
      if (await translator.supports(source, target)) return translator instanceof ApertiumTranslator ? translator.forPair(source, target) : translator;
      tried.push({ id, reason: await unsupportedReason(translator, source, target) });
    } catch (error) {
      // A provider that cannot even list its languages (bad key, server down) is skipped in auto mode, and named.
      tried.push({ id, reason: (error as Error).message });
    }
  }
  const forced = ids.length === 1 && deps.settings.provider && deps.settings.provider !== 'auto';
  const list = tried.map((t) => `${t.id}: ${t.reason}`).join('; ');
  throw new VideogenError(
    'TRANSLATION_UNAVAILABLE',
    forced
      ? `the translation provider ${ids[0]} (VIDEOGEN_TRANSLATOR) cannot translate ${source}→${target}: ${list}`
      : `no translation provider can translate ${source}→${target} (${list}); set DEEPL_API_KEY or LIBRETRANSLATE_URL, install an Apertium pair, or configure a language model`,
    { from: source, to: target, tried },
  );
}

/** Apertium names its installed pairs and the package to add; the others say the pair is not theirs. */
async function unsupportedReason(translator: Translator, from: string, to: string): Promise<string> {
  if (!(translator instanceof ApertiumTranslator)) return `${translator.label} does not translate ${from}→${to}`;
  const installed = [...new Set((await translator.pairs()).map((p) => `${p.from}-${p.to}`))];
  return `Apertium has no ${from}→${to} pair installed (installed: ${installed.join(', ') || 'none'}; Debian packages apertium-<xxx>-<yyy>)`;
}

const registryCodes = LANGUAGES.map((l) => l.code);

/** Every provider with what it can do here. */
export async function translationReport(deps: TranslateDeps): Promise<ProviderReport[]> {
  const reports: ProviderReport[] = [];
  for (const id of TRANSLATOR_IDS) {
    const translator = build(id, deps);
    if (!translator) {
      reports.push({ id, configured: false, label: LABELS[id], pairs: [], reason: HOW_TO_CONFIGURE[id] });
      continue;
    }
    try {
      reports.push({ id, configured: true, label: translator.label, ...(await pairsOf(translator)) });
    } catch (error) {
      reports.push({ id, configured: true, label: translator.label, pairs: [], reason: (error as Error).message });
    }
  }
  return reports;
}

/** Pairs as `en-es`, restricted to the registry's languages for the HTTP providers (their lists are long). */
async function pairsOf(translator: Translator): Promise<{ pairs: string[]; reason?: string }> {
  if (translator instanceof LlmTranslator) return { pairs: ['*'] };
  if (translator instanceof ApertiumTranslator) {
    const modes = await translator.pairs();
    const pairs = [...new Set(modes.map((p) => `${p.from}-${p.to}`))];
    return pairs.length ? { pairs } : { pairs, reason: 'apertium is installed without language pairs (Debian: apt-get install apertium-eng-spa)' };
  }
  if (translator instanceof DeeplTranslator) {
    const { source, target } = await translator.languageSets();
    const pairs: string[] = [];
    for (const from of registryCodes) {
      if (!source.has(deeplSource(from))) continue;
      for (const to of registryCodes) if (to !== from && (target.has(deeplTarget(to)) || target.has(deeplTarget(to).split('-')[0]!))) pairs.push(`${from}-${to}`);
    }
    return { pairs };
  }
  if (translator instanceof LibreTranslateTranslator) {
    const pairs: string[] = [];
    for (const [from, { targets }] of await translator.languagePairs()) for (const to of targets.keys()) if (to !== from) pairs.push(`${from}-${to}`);
    return { pairs };
  }
  return { pairs: [] };
}

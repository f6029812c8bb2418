import { VideogenError } from '../../errors.ts';
import type { HttpOptions } from '../llm/http.ts';
import { requestJson, type Reply } from './http.ts';
import { primaryCode } from './language-code.ts';
import type { TranslateBatch, Translator } from './types.ts';

export interface DeeplOptions extends HttpOptions {
  apiKey: string;
  /** DEEPL_BASE_URL; default by plan: Free keys (ending `:fx`) use api-free.deepl.com. */
  baseUrl?: string | undefined;
}

/**
 * Targets DeepL wants with a variant: plain EN and PT are deprecated as targets, and Chinese is written in Simplified
 * unless told otherwise. The variants follow the language registry's defaults (US English, Brazilian Portuguese).
 */
const TARGET_VARIANT: Record<string, string> = { en: 'EN-US', pt: 'PT-BR', zh: 'ZH-HANS', no: 'NB' };
const SOURCE_CODE: Record<string, string> = { no: 'NB' };

/** DeepL's code for a target tag: a region or script the caller gave wins (`pt-PT`, `zh-Hant`, `en-GB`). */
export function deeplTarget(tag: string): string {
  const [primary, sub] = tag.split(/[-_]/);
  const code = primaryCode(tag);
  if (sub && ['en', 'pt', 'zh'].includes(code)) return `${(primary ?? code).toUpperCase()}-${sub.toUpperCase()}`;
  return TARGET_VARIANT[code] ?? code.toUpperCase();
}

export const deeplSource = (tag: string): string => SOURCE_CODE[primaryCode(tag)] ?? primaryCode(tag).toUpperCase();

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const XML_UNESCAPES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Placeholders go as `<x>⟦n⟧</x>` with `ignore_tags: ['x']`, so DeepL moves them as units and never translates them. */
export function encodeForDeepl(text: string): string {
  return text.replace(/[&<>]/g, (c) => XML_ESCAPES[c]!).replace(/⟦(\d+)⟧/gu, '<x>⟦$1⟧</x>');
}

export function decodeFromDeepl(text: string): string {
  return text
    .replace(/<x>\s*(⟦\d+⟧)\s*<\/x>/gu, '$1')
    .replace(/<\/?x\s*\/?>/g, '')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => XML_UNESCAPES[name]!);
}

interface DeeplLanguage {
  language: string;
}

/** DeepL API v2 (https://developers.deepl.com/docs/api-reference/translate). */
export class DeeplTranslator implements Translator {
  readonly id = 'deepl' as const;
  readonly label: string;
  readonly cacheId: string;
  private readonly base: string;
  private languages: Promise<{ source: Set<string>; target: Set<string> }> | undefined;

  constructor(private readonly options: DeeplOptions) {
    this.base = (options.baseUrl ?? (options.apiKey.trim().endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com')).replace(/\/+$/, '').replace(/\/v2$/, '');
    const host = new URL(this.base).host;
    this.label = `DeepL (${host})`;
    this.cacheId = `deepl:${host}`;
  }

  private headers(): Record<string, string> {
    return { authorization: `DeepL-Auth-Key ${this.options.apiKey.trim()}` };
  }

  private failure(reply: Reply, what: string): VideogenError {
    const message = (reply.data as { message?: unknown } | undefined)?.message;
    const detail = typeof message === 'string' ? message : reply.text.slice(0, 200);
    const details = { provider: 'deepl', status: reply.status };
    if (reply.status === 401 || reply.status === 403) return new VideogenError('TRANSLATION_UNAVAILABLE', `DeepL rejected the API key (HTTP ${reply.status}); check DEEPL_API_KEY (Free-plan keys end in ":fx")`, details);
    if (reply.status === 456) return new VideogenError('TRANSLATION_FAILED', 'DeepL quota exceeded (HTTP 456): the character limit of this billing period is used up; upgrade the plan, wait for the next period, or set VIDEOGEN_TRANSLATOR to another provider', { ...details, quota: true });
    if (reply.status === 429) return new VideogenError('TRANSLATION_FAILED', 'DeepL kept rate-limiting the requests (HTTP 429); wait and try again', details);
    return new VideogenError('TRANSLATION_FAILED', `DeepL ${what} failed with HTTP ${reply.status}: ${detail}`, details);
  }

  private async languageList(type: 'source' | 'target'): Promise<Set<string>> {
    const reply = await requestJson('DeepL', 'GET', `${this.base}/v2/languages?type=${type}`, this.headers(), undefined, { ...this.options, noRetry: [456] });
    if (reply.status !== 200 || !Array.isArray(reply.data)) throw this.failure(reply, 'language list');
    return new Set((reply.data as DeeplLanguage[]).map((l) => String(l.language).toUpperCase()));
  }

  /** Both lists, asked once per translator; a failed lookup is forgotten so the next call asks again. */
  languageSets(): Promise<{ source: Set<string>; target: Set<string> }> {
    if (!this.languages) {
      this.languages = Promise.all([this.languageList('source'), this.languageList('target')]).then(([source, target]) => ({ source, target }));
      this.languages.catch(() => (this.languages = undefined));
    }
    return this.languages;
  }

  async supports(from: string, to: string): Promise<boolean> {
    const { source, target } = await this.languageSets();
    const wanted = deeplTarget(to);
    return source.has(deeplSource(from)) && (target.has(wanted) || target.has(wanted.split('-')[0]!));
  }

  async translate(batch: TranslateBatch): Promise<string[]> {
    const body = { text: batch.texts.map(encodeForDeepl), source_lang: deeplSource(batch.from), target_lang: deeplTarget(batch.to), tag_handling: 'xml', ignore_tags: ['x'] };
    const reply = await requestJson('DeepL', 'POST', `${this.base}/v2/translate`, this.headers(), body, { ...this.options, signal: batch.signal, noRetry: [456] });
    if (reply.status !== 200) throw this.failure(reply, 'translation');
    const translations = (reply.data as { translations?: { text?: unknown }[] } | undefined)?.translations;
    if (!Array.isArray(translations) || translations.length !== batch.texts.length || translations.some((t) => typeof t?.text !== 'string'))
      throw new VideogenError('TRANSLATION_FAILED', `DeepL answered without ${batch.texts.length} translations`, { provider: 'deepl', reply: reply.text.slice(0, 300) });
    return translations.map((t) => decodeFromDeepl(t.text as string));
  }
}

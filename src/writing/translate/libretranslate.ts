import { VideogenError } from '../../errors.ts';
import type { HttpOptions } from '../llm/http.ts';
import { requestJson, type Reply } from './http.ts';
import { primaryCode } from './language-code.ts';
import type { TranslateBatch, Translator } from './types.ts';

export interface LibreTranslateOptions extends HttpOptions {
  /** LIBRETRANSLATE_URL, e.g. http://localhost:5000. */
  baseUrl: string;
  /** LIBRETRANSLATE_API_KEY, for servers started with --api-keys. */
  apiKey?: string | undefined;
}

/** LibreTranslate codes that differ from the language registry's (`nb` for Norwegian, `zh-Hans` in newer releases). */
const LIBRE_ALIASES: Record<string, string> = { nb: 'no', 'zh-hans': 'zh', 'zh-hant': 'zt', zt: 'zt' };
const toRegistry = (code: string) => LIBRE_ALIASES[code.toLowerCase()] ?? primaryCode(code);

/**
 * Placeholders travel inside `<code>` elements in `format: 'html'`, which LibreTranslate's HTML mode leaves untranslated;
 * texts without placeholders go as plain text, which keeps their line breaks (HTML mode folds whitespace).
 */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const HTML_UNESCAPES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", nbsp: ' ' };
export const encodeForLibre = (text: string) => text.replace(/[&<>]/g, (c) => HTML_ESCAPES[c]!).replace(/⟦(\d+)⟧/gu, '<code>⟦$1⟧</code>');
export const decodeFromLibre = (text: string) =>
  text
    .replace(/<code>\s*(⟦\d+⟧)\s*<\/code>/gu, '$1')
    .replace(/<\/?code>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|#39|nbsp);/g, (_, name: string) => HTML_UNESCAPES[name]!);

/** LibreTranslate (https://docs.libretranslate.com): `POST /translate` with a list of texts, `GET /languages`. */
export class LibreTranslateTranslator implements Translator {
  readonly id = 'libretranslate' as const;
  readonly label: string;
  readonly cacheId: string;
  private readonly base: string;
  private pairs: Promise<Map<string, { code: string; targets: Map<string, string> }>> | undefined;

  constructor(private readonly options: LibreTranslateOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    const host = new URL(this.base).host;
    this.label = `LibreTranslate (${host})`;
    this.cacheId = `libretranslate:${host}`;
  }

  private failure(reply: Reply, what: string): VideogenError {
    const error = (reply.data as { error?: unknown } | undefined)?.error;
    const detail = typeof error === 'string' ? error : reply.text.slice(0, 200);
    const details = { provider: 'libretranslate', status: reply.status };
    if (reply.status === 401 || reply.status === 403) return new VideogenError('TRANSLATION_UNAVAILABLE', `LibreTranslate refused the request (HTTP ${reply.status}: ${detail}); check LIBRETRANSLATE_API_KEY`, details);
    if (reply.status === 429) return new VideogenError('TRANSLATION_FAILED', `LibreTranslate kept rate-limiting the requests (HTTP 429: ${detail}); wait, or raise the server's --req-limit`, details);
    return new VideogenError('TRANSLATION_FAILED', `LibreTranslate ${what} failed with HTTP ${reply.status}: ${detail}`, details);
  }

  /** Source → targets as the server lists them, keyed by registry code; values keep the server's own codes. */
  languagePairs(): Promise<Map<string, { code: string; targets: Map<string, string> }>> {
    if (!this.pairs) {
      this.pairs = (async () => {
        const reply = await requestJson('LibreTranslate', 'GET', `${this.base}/languages`, {}, undefined, this.options);
        if (reply.status !== 200 || !Array.isArray(reply.data)) throw this.failure(reply, 'language list');
        const out = new Map<string, { code: string; targets: Map<string, string> }>();
        for (const entry of reply.data as { code?: unknown; targets?: unknown }[]) {
          if (typeof entry?.code !== 'string') continue;
          const targets = new Map<string, string>();
          for (const t of Array.isArray(entry.targets) ? entry.targets : []) if (typeof t === 'string') targets.set(toRegistry(t), t);
          out.set(toRegistry(entry.code), { code: entry.code, targets });
        }
        return out;
      })();
      this.pairs.catch(() => (this.pairs = undefined));
    }
    return this.pairs;
  }

  async supports(from: string, to: string): Promise<boolean> {
    const source = (await this.languagePairs()).get(primaryCode(from));
    return !!source && source.targets.has(primaryCode(to)) && primaryCode(from) !== primaryCode(to);
  }

  private async codes(from: string, to: string): Promise<{ source: string; target: string }> {
    try {
      const source = (await this.languagePairs()).get(primaryCode(from));
      return { source: source?.code ?? primaryCode(from), target: source?.targets.get(primaryCode(to)) ?? primaryCode(to) };
    } catch {
      // Without the list, the registry codes are LibreTranslate's for every language both know.
      return { source: primaryCode(from), target: primaryCode(to) };
    }
  }

  private async call(texts: readonly string[], format: 'text' | 'html', batch: TranslateBatch): Promise<string[]> {
    const { source, target } = await this.codes(batch.from, batch.to);
    const body = { q: format === 'html' ? texts.map(encodeForLibre) : [...texts], source, target, format, ...(this.options.apiKey ? { api_key: this.options.apiKey } : {}) };
    const reply = await requestJson('LibreTranslate', 'POST', `${this.base}/translate`, {}, body, { ...this.options, signal: batch.signal });
    if (reply.status !== 200) throw this.failure(reply, 'translation');
    const translated = (reply.data as { translatedText?: unknown } | undefined)?.translatedText;
    if (!Array.isArray(translated) || translated.length !== texts.length || translated.some((t) => typeof t !== 'string'))
      throw new VideogenError('TRANSLATION_FAILED', `LibreTranslate answered without ${texts.length} translations`, { provider: 'libretranslate', reply: reply.text.slice(0, 300) });
    return format === 'html' ? (translated as string[]).map(decodeFromLibre) : (translated as string[]);
  }

  async translate(batch: TranslateBatch): Promise<string[]> {
    const withPlaceholders = batch.texts.map((t) => /⟦\d+⟧/u.test(t));
    const out: string[] = new Array<string>(batch.texts.length);
    for (const html of [false, true]) {
      const indexes = batch.texts.flatMap((_, i) => (withPlaceholders[i] === html ? [i] : []));
      if (!indexes.length) continue;
      const answers = await this.call(indexes.map((i) => batch.texts[i]!), html ? 'html' : 'text', batch);
      indexes.forEach((i, k) => (out[i] = answers[k]!));
    }
    return out;
  }
}

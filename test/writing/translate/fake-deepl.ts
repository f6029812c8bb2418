import { startHttp, type RecordedRequest, type Reply } from '../../voice/http-server.ts';

/** Languages as DeepL's GET /v2/languages lists them (a subset). */
export const DEEPL_SOURCES = ['BG', 'DE', 'EN', 'ES', 'FR', 'JA', 'PT', 'ZH'].map((language) => ({ language, name: language }));
export const DEEPL_TARGETS = ['BG', 'DE', 'EN-GB', 'EN-US', 'ES', 'FR', 'JA', 'PT-BR', 'PT-PT', 'ZH', 'ZH-HANS', 'ZH-HANT'].map((language) => ({ language, name: language, supports_formality: false }));

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Reply => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** "Translates" like DeepL with tag_handling=xml: words outside tags are upper-cased, ignored <x> elements are kept. */
export function deeplTranslate(text: string): string {
  return text.split(/(<x>.*?<\/x>|&\w+;)/u).map((part, i) => (i % 2 ? part : part.toUpperCase())).join('');
}

/**
 * A local server speaking DeepL API v2: checks the `DeepL-Auth-Key` header (403 otherwise, as DeepL does), serves
 * the language lists and translations; `script(n)` may answer request n differently (429, 503, 456, a reset).
 */
export function startFakeDeepl(key: string, script: (n: number, req: RecordedRequest) => Reply | 'reset' | undefined = () => undefined) {
  return startHttp((req, n) => {
    const scripted = script(n, req);
    if (scripted) return scripted;
    if (req.headers.authorization !== `DeepL-Auth-Key ${key}`) return json(403, { message: 'Forbidden' });
    if (req.method === 'GET' && req.url === '/v2/languages?type=source') return json(200, DEEPL_SOURCES);
    if (req.method === 'GET' && req.url === '/v2/languages?type=target') return json(200, DEEPL_TARGETS);
    if (req.method === 'POST' && req.url === '/v2/translate') {
      const body = JSON.parse(req.body) as { text: string[]; target_lang: string };
      if (!DEEPL_TARGETS.some((t) => t.language === body.target_lang)) return json(400, { message: `Value for 'target_lang' not supported.` });
      return json(200, { translations: body.text.map((t) => ({ detected_source_language: 'EN', text: deeplTranslate(t) })) });
    }
    return json(404, { message: 'Not found' });
  });
}

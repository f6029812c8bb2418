import { startHttp, type RecordedRequest, type Reply } from '../../voice/http-server.ts';

/** GET /languages as LibreTranslate answers it (a subset; newer servers list `zh-Hans`). */
export const LIBRE_LANGUAGES = [
  { code: 'en', name: 'English', targets: ['de', 'en', 'es', 'zh-Hans'] },
  { code: 'es', name: 'Spanish', targets: ['en', 'es'] },
  { code: 'de', name: 'German', targets: ['de', 'en'] },
];

const json = (status: number, body: unknown): Reply => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Upper-cases words outside HTML tags (format html) or everywhere (format text), as a stand-in for Argos. */
const fakeTranslate = (text: string, format: string) => (format === 'html' ? text.split(/(<code>.*?<\/code>|&\w+;)/u).map((p, i) => (i % 2 ? p : p.toUpperCase())).join('') : text.toUpperCase());

/** A local LibreTranslate: `api_key` required when `key` is set (403 {error} otherwise), `script(n)` overrides request n. */
export function startFakeLibre(key: string | undefined, script: (n: number, req: RecordedRequest) => Reply | 'reset' | undefined = () => undefined) {
  return startHttp((req, n) => {
    const scripted = script(n, req);
    if (scripted) return scripted;
    if (req.method === 'GET' && req.url === '/languages') return json(200, LIBRE_LANGUAGES);
    if (req.method === 'POST' && req.url === '/translate') {
      const body = JSON.parse(req.body) as { q: string | string[]; source: string; target: string; format?: string; api_key?: string };
      if (key && body.api_key !== key) return json(403, { error: 'Invalid API key' });
      const source = LIBRE_LANGUAGES.find((l) => l.code === body.source);
      if (!source) return json(400, { error: `${body.source} is not supported` });
      if (!source.targets.includes(body.target)) return json(400, { error: `${body.target} is not supported` });
      const format = body.format ?? 'text';
      return json(200, { translatedText: Array.isArray(body.q) ? body.q.map((q) => fakeTranslate(q, format)) : fakeTranslate(body.q, format) });
    }
    return json(404, { error: 'Not Found' });
  });
}

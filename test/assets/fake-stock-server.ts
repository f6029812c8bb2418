import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP plumbing shared by the fake Pexels and Pixabay servers: records every request, lets a test script the next
 * API answers (a status with headers, or a dropped connection), and serves media files under /files/.
 */
export interface SeenRequest {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
}

export type Scripted = 'drop' | { status: number; headers?: Record<string, string>; body?: string };

export interface ApiAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeFiles {
  video: Buffer;
  image: Buffer;
  /** A file of its own for some paths (e.g. a differently coloured clip per video id), else `video`/`image`. */
  byPath?: (path: string) => Buffer | undefined;
}

export async function startFakeStockServer(route: (req: SeenRequest, baseUrl: string) => ApiAnswer | undefined, files: FakeFiles) {
  const api: SeenRequest[] = [];
  const downloads: string[] = [];
  const script: Scripted[] = [];
  let baseUrl = '';
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    if (url.pathname.startsWith('/files/')) {
      downloads.push(url.pathname);
      const body = files.byPath?.(url.pathname) ?? (/\.(jpe?g|png)$/.test(url.pathname) ? files.image : files.video);
      res.writeHead(200, { 'content-type': url.pathname.endsWith('.mp4') ? 'video/mp4' : 'image/jpeg', 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    const seen = { path: url.pathname, query: url.searchParams, headers: req.headers };
    api.push(seen);
    const next = script.shift();
    if (next === 'drop') {
      req.socket.destroy();
      return;
    }
    if (next) {
      res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
      res.end(next.body ?? JSON.stringify({ error: `scripted ${next.status}` }));
      return;
    }
    const answer = route(seen, baseUrl) ?? { status: 404, body: { error: 'not found' } };
    res.writeHead(answer.status, { 'content-type': typeof answer.body === 'string' ? 'text/plain' : 'application/json', ...answer.headers });
    res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    /** API requests (searches), in order. */
    api,
    /** Paths of downloaded files, in order. */
    downloads,
    /** Answers for the next API requests, before the normal route. */
    script: (...answers: Scripted[]) => void script.push(...answers),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** True when every word of the query is among the item's words (plural-insensitive). */
export function matchesQuery(query: string, words: readonly string[]): boolean {
  const norm = (w: string) => w.toLowerCase().replace(/s$/, '');
  const have = new Set(words.flatMap((w) => w.split(/[^a-z0-9]+/i)).map(norm));
  const want = query.split(/[^a-z0-9]+/i).filter(Boolean).map(norm);
  return want.length > 0 && want.every((w) => have.has(w));
}

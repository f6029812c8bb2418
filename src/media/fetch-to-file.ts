import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { VideogenError } from '../errors.ts';
import { checkedHop, parseFetchUrl, pinnedLookup, refuse } from '../sources/url-fetch.ts';
import { writeAtomically } from './atomic.ts';

/**
 * The SSRF-safe fetch of src/sources/url-fetch.ts for files too big to hold in memory (clips up to hundreds of MB):
 * the same rules — every hop resolved, every address checked, the connection pinned to the checked address — but the
 * body streams to a file (written atomically: a download that dies never looks finished) and is hashed on the way.
 */
export interface FetchToFileOptions {
  maxBytes: number;
  timeoutMs?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Test-only: exact IP addresses that may be fetched although they are private (e.g. ['127.0.0.1']). */
  allowPrivateForTests?: readonly string[];
}

export interface FetchedFile {
  url: string;
  contentType: string;
  bytes: number;
  /** sha256 of the body, hex. */
  sha256: string;
}

function open(url: URL, pinned: { address: string; family: 4 | 6 }, signal: AbortSignal): Promise<http.IncomingMessage> {
  const lookup = pinnedLookup(pinned);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: 'GET', lookup, signal, headers: { 'user-agent': 'videogen (+https://github.com/videogen)', accept: 'image/*, video/*, audio/*, */*;q=0.5' } }, resolve);
    req.on('error', reject);
    req.end();
  });
}

/** Downloads `input` to `dest` (atomically), following at most `maxRedirects` checked redirects. */
export async function fetchToFile(input: string, dest: string, options: FetchToFileOptions): Promise<FetchedFile> {
  const { maxBytes, timeoutMs = 120_000, maxRedirects = 5, allowPrivateForTests = [] } = options;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new VideogenError('SOURCE_UNREADABLE', `downloading ${input} took longer than ${timeoutMs / 1000} s`, { url: input })), timeoutMs);
  const onAbort = () => controller.abort(new VideogenError('CANCELLED', 'the download was cancelled'));
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const failed = (url: URL, error: unknown): never => {
    if (controller.signal.aborted && controller.signal.reason instanceof VideogenError) throw controller.signal.reason;
    if (error instanceof VideogenError) throw error;
    throw new VideogenError('SOURCE_UNREADABLE', `cannot fetch ${url.href}: ${(error as Error).message}`, { url: url.href }, { cause: error });
  };
  try {
    let url = parseFetchUrl(input);
    for (let hop = 0; ; hop++) {
      const pinned = await checkedHop(url, allowPrivateForTests);
      const res = await open(url, pinned, controller.signal).catch((error: unknown) => failed(url, error));
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (hop >= maxRedirects) throw refuse(input, `more than ${maxRedirects} redirects`);
        url = new URL(res.headers.location, url);
        continue;
      }
      if (status >= 400) {
        res.resume();
        throw new VideogenError('SOURCE_UNREADABLE', `cannot fetch ${url.href}: the server answered HTTP ${status}`, { url: url.href, status });
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        res.destroy();
        throw refuse(url.href, `the file is ${declared} bytes; the limit is ${maxBytes}`);
      }
      const hash = createHash('sha256');
      let bytes = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          if (bytes > maxBytes) done(refuse(url.href, `the file is larger than the ${maxBytes}-byte limit`));
          else {
            hash.update(chunk);
            done(null, chunk);
          }
        },
      });
      const final = url;
      await writeAtomically(dest, (partial) => pipeline(res, counted, createWriteStream(partial), { signal: controller.signal })).catch((error: unknown) => failed(final, error));
      return { url: url.href, contentType: String(res.headers['content-type'] ?? ''), bytes, sha256: hash.digest('hex') };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { VideogenError } from '../errors.ts';

/**
 * Fetching documents without becoming a proxy into private networks (SSRF). Every hop — the first URL and each
 * redirect — is resolved, every address checked, and the connection pinned to the checked address (a custom
 * `lookup`), so a DNS answer that changes between check and connect (rebinding) cannot reach an internal host.
 */

export interface SafeFetchOptions {
  maxBytes?: number;
  timeoutMs?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Test-only: exact IP addresses that may be fetched although they are private (e.g. ['127.0.0.1']). */
  allowPrivateForTests?: readonly string[];
}

export interface FetchedDocument {
  /** The final URL after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
}

const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254']);
const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  unspecified: 'an unspecified address',
  carrierGradeNat: 'a carrier-grade NAT address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
};

/** Why `address` is not public, or undefined when it is an ordinary unicast address. */
export function blockedReason(address: string): string | undefined {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(address);
  } catch {
    return 'an invalid address';
  }
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  if (METADATA.has(addr.toString()) || METADATA.has(address.toLowerCase())) return 'a cloud metadata address';
  const range = addr.range();
  if (range === 'unicast') return undefined;
  return RANGE_NAMES[range] ?? `a reserved address (${range})`;
}

export const refuse = (url: string, why: string) => new VideogenError('SOURCE_UNREADABLE', `refused ${url}: ${why}`, { url });

/** The address a URL's host resolves to, refused when any of its addresses is not public (unless allowed for tests). */
export async function checkedAddress(url: URL, allow: readonly string[]): Promise<{ address: string; family: 4 | 6 }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await dnsLookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new VideogenError('SOURCE_UNREADABLE', `cannot resolve ${host}: ${(error as Error).message}`, { url: url.href }, { cause: error });
    }
  }
  if (!addresses.length) throw refuse(url.href, `${host} has no addresses`);
  // Refuse when ANY address is internal: the connection might otherwise land on it.
  for (const { address } of addresses) {
    if (allow.includes(address)) continue;
    const why = blockedReason(address);
    if (why) throw refuse(url.href, `it resolves to ${why} (${address}); videogen only fetches public addresses`);
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

interface Hop {
  status: number;
  location?: string;
  contentType: string;
  body?: Buffer;
}

/** `input` as a URL, or SOURCE_UNREADABLE. */
export function parseFetchUrl(input: string): URL {
  try {
    return new URL(input);
  } catch {
    throw new VideogenError('SOURCE_UNREADABLE', `not a URL: ${input}`, { url: input });
  }
}

/** One hop of a fetch (the first URL or a redirect): http(s) only, and the public address to connect to. */
export async function checkedHop(url: URL, allow: readonly string[]): Promise<{ address: string; family: 4 | 6 }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw refuse(url.href, `only http and https URLs are fetched, not ${url.protocol.replace(/:$/, '')}`);
  return checkedAddress(url, allow);
}

/** A DNS lookup that always answers the checked address, so the connection cannot land anywhere else (rebinding). */
export function pinnedLookup(pinned: { address: string; family: 4 | 6 }): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

function request(url: URL, pinned: { address: string; family: 4 | 6 }, maxBytes: number, signal: AbortSignal): Promise<Hop> {
  const lookup = pinnedLookup(pinned);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<Hop>((resolve, reject) => {
    const req = client.request(url, { method: 'GET', lookup, signal, headers: { 'user-agent': 'videogen (+https://github.com/videogen)', accept: 'text/html, text/markdown, text/plain, application/pdf, */*;q=0.5' } }, (res) => {
      const status = res.statusCode ?? 0;
      const contentType = String(res.headers['content-type'] ?? '');
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        resolve({ status, location: res.headers.location, contentType });
        return;
      }
      const declared = Number(res.headers['content-length'] ?? 0);
      if (declared > maxBytes) {
        req.destroy();
        reject(refuse(url.href, `the response is ${declared} bytes; the limit is ${maxBytes}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy();
          reject(refuse(url.href, `the response is larger than the ${maxBytes}-byte limit`));
        } else chunks.push(chunk);
      });
      res.on('end', () => resolve({ status, contentType, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<FetchedDocument> {
  const { maxBytes = 10 * 1024 * 1024, timeoutMs = 15_000, maxRedirects = 5, allowPrivateForTests = [] } = options;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new VideogenError('SOURCE_UNREADABLE', `fetching ${input} took longer than ${timeoutMs / 1000} s`, { url: input })), timeoutMs);
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let url = parseFetchUrl(input);
    for (let hop = 0; ; hop++) {
      const pinned = await checkedHop(url, allowPrivateForTests);
      const res = await request(url, pinned, maxBytes, controller.signal).catch((error: unknown) => {
        if (controller.signal.aborted && controller.signal.reason instanceof VideogenError) throw controller.signal.reason;
        if (error instanceof VideogenError) throw error;
        throw new VideogenError('SOURCE_UNREADABLE', `cannot fetch ${url.href}: ${(error as Error).message}`, { url: url.href }, { cause: error });
      });
      if (res.location) {
        if (hop >= maxRedirects) throw refuse(input, `more than ${maxRedirects} redirects`);
        url = new URL(res.location, url);
        continue;
      }
      if (res.status >= 400) throw new VideogenError('SOURCE_UNREADABLE', `cannot fetch ${url.href}: the server answered HTTP ${res.status}`, { url: url.href, status: res.status });
      return { url: url.href, status: res.status, contentType: res.contentType, body: res.body ?? Buffer.alloc(0) };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

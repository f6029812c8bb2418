import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VideogenError } from '../errors.ts';
import { authorizationUrl, exchangeCode, pkcePair, type TokenSet, type YouTubeSettings } from './youtube/oauth.ts';

/**
 * The installed-app OAuth flow (RFC 8252): a one-shot HTTP server on 127.0.0.1 receives the browser's redirect with
 * the authorisation code. PKCE binds the code to this process; `state` binds the redirect to this attempt, so a page
 * that makes the browser hit our port with someone else's code is refused and we keep waiting for the real one.
 */

export const LOOPBACK_TIMEOUT_MS = 5 * 60_000;
const HOST = '127.0.0.1';

export interface ReceiveCodeOptions {
  /** The value the callback must carry back. */
  state: string;
  /** 0 (default): any free port. */
  port?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Called once the server listens, with the redirect URI to put in the authorisation URL. */
  onListening(redirectUri: string): void;
}

/** Constant-time comparison of unequal-length strings too (hashing first makes the lengths equal). */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  const body = `<!doctype html><meta charset="utf-8"><title>videogen: ${title}</title><body style="font:16px system-ui;margin:3em"><h1>${title}</h1><p>${text}</p></body>`;
  // Connection: close, so the browser's keep-alive does not hold the server open after we are done.
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close', 'referrer-policy': 'no-referrer' });
  res.end(body);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Waits for exactly one redirect carrying `state`; resolves with its code, or fails on `error=`, timeout or abort. */
export async function receiveAuthorizationCode(o: ReceiveCodeOptions): Promise<{ code: string; redirectUri: string }> {
  const timeoutMs = o.timeoutMs ?? LOOPBACK_TIMEOUT_MS;
  let settle: { resolve: (code: string) => void; reject: (error: unknown) => void } | undefined;
  const result = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  // Handled where it is awaited; this only keeps a failure before that point from counting as unhandled.
  result.catch(() => undefined);
  let done = false;
  const finish = (outcome: { code: string } | { error: unknown }) => {
    if (done) return;
    done = true;
    if ('code' in outcome) settle!.resolve(outcome.code);
    else settle!.reject(outcome.error);
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    if (req.method !== 'GET' || url.pathname !== '/callback') return page(res, 404, 'Not found', 'This address only receives the sign-in redirect.');
    if (done) return page(res, 410, 'Already done', 'videogen has already received an answer; you can close this tab.');
    const state = url.searchParams.get('state') ?? '';
    // A redirect that is not ours (no state, or another attempt's): refused, and the real one is still awaited.
    if (!sameSecret(state, o.state)) return page(res, 400, 'Not this sign-in', 'This answer does not belong to the sign-in videogen is waiting for. Use the link the terminal printed.');
    const error = url.searchParams.get('error');
    if (error) {
      const description = url.searchParams.get('error_description');
      page(res, 400, 'Not connected', `Google answered <code>${escapeHtml(error)}</code>${description ? `: ${escapeHtml(description)}` : ''}. Return to the terminal.`);
      const hint = error === 'access_denied' ? 'access was not granted (the consent screen was declined or closed)' : `Google answered ${error}${description ? ` (${description})` : ''}`;
      return finish({ error: new VideogenError('USAGE', `the channel was not connected: ${hint}; run \`videogen channels add\` again`, { error }) });
    }
    const code = url.searchParams.get('code');
    if (!code) {
      page(res, 400, 'Not connected', 'The answer carried no authorisation code. Return to the terminal.');
      return finish({ error: new VideogenError('USAGE', 'the sign-in redirect carried no authorisation code; run `videogen channels add` again') });
    }
    page(res, 200, 'Connected', 'videogen received the authorisation; you can close this tab.');
    finish({ code });
  });

  const onAbort = () => finish({ error: new VideogenError('CANCELLED', 'the sign-in was cancelled') });
  const timer = setTimeout(
    () => finish({ error: new VideogenError('USAGE', `no answer from the browser within ${timeoutMs >= 60_000 ? `${Math.round(timeoutMs / 60_000)} minutes` : `${Math.round(timeoutMs / 1000)} s`}; run \`videogen channels add\` again (or, without a browser, \`videogen channels add --refresh-token-stdin\`)`) }),
    timeoutMs,
  );
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new VideogenError('USAGE', `port ${o.port} on ${HOST} is in use; choose another with --port, or leave it out for any free port`) : error),
      );
      server.listen(o.port ?? 0, HOST, () => resolve());
    });
    const redirectUri = `http://${HOST}:${(server.address() as AddressInfo).port}/callback`;
    o.onListening(redirectUri);
    const code = await result;
    return { code, redirectUri };
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
    // Let the "connected" page reach the browser before the sockets go.
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      setTimeout(() => server.closeAllConnections(), 200).unref();
    });
  }
}

export interface LoopbackFlowOptions {
  port?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  loginHint?: string;
  /** Shows the consent page URL to the user (the terminal prints it; --open may also hand it to a browser). */
  onAuthorizationUrl(url: string): void;
}

/** The whole flow: PKCE pair and state, the consent URL, the redirect, and the code traded for tokens. */
export async function loopbackAuthorize(cfg: YouTubeSettings, o: LoopbackFlowOptions): Promise<TokenSet> {
  if (!cfg.clientId) throw new VideogenError('USAGE', 'YOUTUBE_CLIENT_ID is not set: create an OAuth client ("Desktop app") in Google Cloud and set YOUTUBE_CLIENT_ID and YOUTUBE_CLIENT_SECRET (docs/publishing.md)');
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(32).toString('base64url');
  const { code, redirectUri } = await receiveAuthorizationCode({
    state,
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    onListening: (uri) => o.onAuthorizationUrl(authorizationUrl(cfg, { redirectUri: uri, state, codeChallenge: challenge, ...(o.loginHint ? { loginHint: o.loginHint } : {}) })),
  });
  const tokens = await exchangeCode(cfg, { code, redirectUri, codeVerifier: verifier, ...(o.signal ? { signal: o.signal } : {}) });
  if (!tokens.refreshToken)
    throw new VideogenError('USAGE', 'Google returned no refresh token (the app was authorised before without offline access); remove videogen at https://myaccount.google.com/permissions and run `videogen channels add` again');
  return tokens;
}

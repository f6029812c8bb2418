import { createHash, randomBytes } from 'node:crypto';
import type { PublishConfig } from '../../config.ts';
import { VideogenError } from '../../errors.ts';

/** Google's OAuth 2.0 for installed and web apps, over fetch (endpoints from config). */
export type YouTubeSettings = PublishConfig['youtube'];

/** upload + manage (playlists, thumbnails) + force-ssl (captions.insert needs it). */
export const YOUTUBE_SCOPES = ['https://www.googleapis.com/auth/youtube.upload', 'https://www.googleapis.com/auth/youtube', 'https://www.googleapis.com/auth/youtube.force-ssl'] as const;

export interface TokenSet {
  accessToken: string;
  /** Only on the first exchange (access_type=offline, prompt=consent). */
  refreshToken?: string;
  expiresAt: Date;
  scope?: string;
}

/** A token request must not hang a job forever on a silent network. */
const TOKEN_TIMEOUT_MS = 30_000;

/** RFC 7636 S256: a 43–128 character verifier and its base64url(sha256) challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  // 32 random bytes → 43 base64url characters, the RFC's recommended entropy; base64url is within its alphabet.
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function requireClient(cfg: YouTubeSettings, needSecret: boolean): { clientId: string; clientSecret: string } {
  const missing = [!cfg.clientId && 'YOUTUBE_CLIENT_ID', needSecret && !cfg.clientSecret && 'YOUTUBE_CLIENT_SECRET'].filter(Boolean);
  if (missing.length) {
    throw new VideogenError('USAGE', `connecting a YouTube channel needs a Google OAuth client: set ${missing.join(' and ')} (Google Cloud console → APIs & Services → Credentials)`, { missing });
  }
  return { clientId: cfg.clientId!, clientSecret: cfg.clientSecret ?? '' };
}

const join = (origin: string, path: string): string => `${origin.replace(/\/+$/, '')}${path}`;

/** The consent page URL (offline access, consent prompt, PKCE S256, the given state). */
export function authorizationUrl(cfg: YouTubeSettings, o: { redirectUri: string; state: string; codeChallenge: string; loginHint?: string }): string {
  const { clientId } = requireClient(cfg, false);
  const url = new URL(join(cfg.oauthBase, '/o/oauth2/v2/auth'));
  const q = url.searchParams;
  q.set('client_id', clientId);
  q.set('redirect_uri', o.redirectUri);
  q.set('response_type', 'code');
  q.set('scope', YOUTUBE_SCOPES.join(' '));
  // offline + consent: Google only returns a refresh token on a consent screen, and we need one to upload unattended.
  q.set('access_type', 'offline');
  q.set('prompt', 'consent');
  q.set('include_granted_scopes', 'true');
  q.set('state', o.state);
  q.set('code_challenge', o.codeChallenge);
  q.set('code_challenge_method', 'S256');
  if (o.loginHint) q.set('login_hint', o.loginHint);
  return url.toString();
}

interface TokenResponse {
  access_token?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  error?: string;
  error_description?: string;
}

/** POSTs a form to the token endpoint and maps Google's answers to our error codes. */
async function tokenRequest(cfg: YouTubeSettings, form: Record<string, string>, what: string, signal?: AbortSignal): Promise<TokenSet> {
  const { clientId, clientSecret } = requireClient(cfg, true);
  const started = Date.now();
  let res: Response;
  try {
    res = await fetch(join(cfg.tokenBase, '/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ ...form, client_id: clientId, client_secret: clientSecret }),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TOKEN_TIMEOUT_MS)]) : AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new VideogenError('PUBLISH_FAILED', `could not reach Google's token endpoint to ${what}: ${(error as Error).message}`, undefined, { cause: error });
  }
  const text = await res.text();
  let body: TokenResponse = {};
  try {
    body = JSON.parse(text) as TokenResponse;
  } catch {
    // A proxy's HTML page or an empty body: handled by status below.
  }
  if (res.ok && body.access_token) {
    return {
      accessToken: body.access_token,
      ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
      // Measured from before the request, so the token is never believed fresher than it is.
      expiresAt: new Date(started + (body.expires_in ?? 3600) * 1000),
      ...(body.scope ? { scope: body.scope } : {}),
    };
  }
  const reason = body.error_description ? `${body.error}: ${body.error_description}` : (body.error ?? `HTTP ${res.status}`);
  if (body.error === 'invalid_grant') {
    throw new VideogenError('CHANNEL_REAUTH', `Google refused the channel's authorisation (${reason}); it was revoked or has expired: connect the channel again`, { oauthError: body.error });
  }
  if (body.error === 'invalid_client' || body.error === 'unauthorized_client') {
    throw new VideogenError('USAGE', `Google refused the OAuth client (${reason}): check YOUTUBE_CLIENT_ID and YOUTUBE_CLIENT_SECRET`, { oauthError: body.error });
  }
  if (res.status >= 500 || res.status === 429 || !body.error) {
    throw new VideogenError('PUBLISH_FAILED', `Google's token endpoint failed to ${what} (HTTP ${res.status}${body.error ? `, ${reason}` : ''})`, { status: res.status });
  }
  throw new VideogenError('PUBLISH_REJECTED', `Google refused to ${what}: ${reason}`, { status: res.status, oauthError: body.error });
}

/** Trades an authorisation code for tokens. USAGE without a client id; CHANNEL_REAUTH on invalid_grant. */
export async function exchangeCode(cfg: YouTubeSettings, o: { code: string; redirectUri: string; codeVerifier: string; signal?: AbortSignal }): Promise<TokenSet> {
  const tokens = await tokenRequest(cfg, { grant_type: 'authorization_code', code: o.code, redirect_uri: o.redirectUri, code_verifier: o.codeVerifier }, 'exchange the authorisation code', o.signal);
  if (!tokens.refreshToken) {
    throw new VideogenError('PUBLISH_REJECTED', 'Google granted no refresh token (the consent screen was skipped); remove videogen from https://myaccount.google.com/permissions and connect again');
  }
  return tokens;
}

/** A fresh access token; CHANNEL_REAUTH when Google answers invalid_grant (revoked, expired). */
export async function refreshAccessToken(cfg: YouTubeSettings, refreshToken: string, signal?: AbortSignal): Promise<TokenSet> {
  return tokenRequest(cfg, { grant_type: 'refresh_token', refresh_token: refreshToken }, 'refresh the access token', signal);
}

/** Revokes a refresh (or access) token at Google; an already-invalid token counts as revoked. */
export async function revokeToken(cfg: YouTubeSettings, token: string, signal?: AbortSignal): Promise<void> {
  let res: Response;
  try {
    res = await fetch(join(cfg.tokenBase, '/revoke'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(TOKEN_TIMEOUT_MS)]) : AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw new VideogenError('PUBLISH_FAILED', `could not reach Google to revoke the token: ${(error as Error).message}`, undefined, { cause: error });
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => ({}))) as TokenResponse;
  // invalid_token: already revoked or expired, which is what we wanted.
  if (res.status === 400 && (body.error === 'invalid_token' || body.error === 'invalid_grant')) return;
  throw new VideogenError('PUBLISH_FAILED', `Google failed to revoke the token (HTTP ${res.status}${body.error ? `, ${body.error}` : ''})`, { status: res.status });
}

import type { PublishConfig } from '../../config.ts';

/** OWNER: helper h1. Google's OAuth 2.0 for installed and web apps, over fetch (endpoints from config). */
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

/** RFC 7636 S256: a 43–128 character verifier and its base64url(sha256) challenge. */
export function pkcePair(): { verifier: string; challenge: string } {
  throw new Error('not implemented (h1)');
}

/** The consent page URL (offline access, consent prompt, PKCE S256, the given state). */
export function authorizationUrl(cfg: YouTubeSettings, o: { redirectUri: string; state: string; codeChallenge: string; loginHint?: string }): string {
  void cfg;
  void o;
  throw new Error('not implemented (h1)');
}

/** Trades an authorisation code for tokens. USAGE without a client id; CHANNEL_REAUTH on invalid_grant. */
export async function exchangeCode(cfg: YouTubeSettings, o: { code: string; redirectUri: string; codeVerifier: string; signal?: AbortSignal }): Promise<TokenSet> {
  void cfg;
  void o;
  throw new Error('not implemented (h1)');
}

/** A fresh access token; CHANNEL_REAUTH when Google answers invalid_grant (revoked, expired). */
export async function refreshAccessToken(cfg: YouTubeSettings, refreshToken: string, signal?: AbortSignal): Promise<TokenSet> {
  void cfg;
  void refreshToken;
  void signal;
  throw new Error('not implemented (h1)');
}

/** Revokes a refresh (or access) token at Google; an already-invalid token counts as revoked. */
export async function revokeToken(cfg: YouTubeSettings, token: string, signal?: AbortSignal): Promise<void> {
  void cfg;
  void token;
  void signal;
  throw new Error('not implemented (h1)');
}

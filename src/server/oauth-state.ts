import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SecretBox } from '../publish/secret-box.ts';
import type { SealedSecret } from '../store/publish-types.ts';
import { apiError } from './errors.ts';

/**
 * The OAuth web flow's `state`: everything the callback needs (who started it, the PKCE verifier, the redirect URI
 * and what to do after), sealed with the server key. Nothing is kept in memory or in the database between the two
 * requests, so any server replica can finish a flow another one started; sealing makes it unforgeable (and keeps
 * the verifier secret), the owner binds it to the user who started it, and `exp` limits a leaked one to 10 minutes.
 */
export const STATE_PURPOSE = 'oauth-state';
export const STATE_TTL_MS = 10 * 60_000;

const Payload = z.object({
  ownerId: z.string(),
  verifier: z.string(),
  redirectUri: z.string(),
  name: z.string().optional(),
  replace: z.boolean().optional(),
  returnTo: z.string().optional(),
  exp: z.number(),
  nonce: z.string(),
});
export type OAuthState = z.infer<typeof Payload>;

export function sealState(box: SecretBox, state: Omit<OAuthState, 'exp' | 'nonce'>, now = Date.now()): string {
  const payload: OAuthState = { ...state, exp: now + STATE_TTL_MS, nonce: randomBytes(12).toString('base64url') };
  return Buffer.from(JSON.stringify(box.sealJson(payload, STATE_PURPOSE))).toString('base64url');
}

/** The state's content, or VALIDATION_FAILED saying why it cannot be used (forged, altered, another key, expired). */
export function openState(box: SecretBox, text: string, now = Date.now()): OAuthState {
  let state: OAuthState;
  try {
    const sealed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as SealedSecret;
    state = Payload.parse(box.openJson(sealed, STATE_PURPOSE));
  } catch {
    throw apiError('VALIDATION_FAILED', 'query.state: not a sign-in this server started (altered, or sealed with another VIDEOGEN_SECRET_KEY); start connecting the channel again', { path: 'query.state' });
  }
  if (state.exp <= now) throw apiError('VALIDATION_FAILED', `query.state: this sign-in expired (it is valid for ${STATE_TTL_MS / 60_000} minutes); start connecting the channel again`, { path: 'query.state' });
  return state;
}

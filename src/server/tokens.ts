import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Session cookie tokens and API keys: 32 random bytes; only their sha256 is stored, so a database leak grants nothing. */
export const newToken = () => randomBytes(32).toString('base64url');

export const API_KEY_PREFIX = 'vgk_';
export const newApiKey = () => `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const SESSION_COOKIE = 'vg_session';

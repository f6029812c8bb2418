import type { VideogenConfig } from '../config.ts';
import { secretBoxFrom } from '../publish/secret-box.ts';
import type { SealedSecret } from '../store/types.ts';

/**
 * TOTP secrets are sealed like channel tokens (AES-256-GCM under VIDEOGEN_SECRET_KEY, bound to their user): a copy of
 * the database alone cannot mint sign-in codes. Stored as `sealed:` + base64url(JSON), a string the two-factor
 * repository keeps and compares as it is. Secrets stored unsealed by versions before sealing still open, unchanged.
 */
const PREFIX = 'sealed:';
const purpose = (userId: string) => `totp:${userId}`;

export function sealTotpSecret(config: Pick<VideogenConfig, 'secretKey'>, userId: string, secret: string): string {
  const sealed = secretBoxFrom(config, 'turn on two-factor sign-in').seal(secret, purpose(userId));
  return PREFIX + Buffer.from(JSON.stringify(sealed)).toString('base64url');
}

export function openTotpSecret(config: Pick<VideogenConfig, 'secretKey'>, userId: string, stored: string): string {
  if (!stored.startsWith(PREFIX)) return stored;
  const sealed = JSON.parse(Buffer.from(stored.slice(PREFIX.length), 'base64url').toString('utf8')) as SealedSecret;
  return secretBoxFrom(config, 'check two-factor codes').open(sealed, purpose(userId));
}

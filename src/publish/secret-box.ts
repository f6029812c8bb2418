import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { VideogenError } from '../errors.ts';
import type { SealedSecret } from '../store/publish-types.ts';

/**
 * Seals secrets at rest with AES-256-GCM (node:crypto) under VIDEOGEN_SECRET_KEY: a fresh 96-bit IV per value, the
 * 128-bit tag checked on open, and the purpose bound as associated data so a sealed value cannot be moved to another
 * column or row and still open. Nothing is stored without a key: refusing is the only safe default.
 */
export class SecretBox {
  readonly kid: string;
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new VideogenError('SECRET_KEY_MISSING', `VIDEOGEN_SECRET_KEY must be 32 bytes (64 hex digits or 44 base64 characters); it is ${key.length} bytes`);
    this.#key = key;
    this.kid = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  /** `purpose` (e.g. `channel:<id>`) is authenticated, not stored: the same purpose must be given to open. */
  seal(plain: string, purpose: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(purpose));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return { v: 1, alg: 'A256GCM', kid: this.kid, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  }

  open(sealed: SealedSecret, purpose: string): string {
    if (sealed.kid !== this.kid) throw new VideogenError('SECRET_KEY_WRONG', `this token was sealed with key ${sealed.kid}, but VIDEOGEN_SECRET_KEY is key ${this.kid}; start with the original key, or connect the channel again`, { kid: sealed.kid });
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new VideogenError('SECRET_KEY_WRONG', 'a stored token failed its integrity check (altered, or sealed for another record); connect the channel again', undefined, { cause: error });
    }
  }

  sealJson(value: unknown, purpose: string): SealedSecret {
    return this.seal(JSON.stringify(value), purpose);
  }

  openJson<T>(sealed: SealedSecret, purpose: string): T {
    return JSON.parse(this.open(sealed, purpose)) as T;
  }
}

/** 64 hex digits or base64(url) of 32 bytes. */
export function parseSecretKey(value: string): Buffer {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length === 32) return bytes;
  throw new VideogenError('SECRET_KEY_MISSING', 'VIDEOGEN_SECRET_KEY must be 32 bytes: 64 hex digits (openssl rand -hex 32) or 44 base64 characters');
}

/** The configured box, or SECRET_KEY_MISSING naming `what` could not be done without it. */
export function secretBoxFrom(config: { secretKey?: string }, what = 'store channel tokens'): SecretBox {
  if (!config.secretKey) throw new VideogenError('SECRET_KEY_MISSING', `cannot ${what}: VIDEOGEN_SECRET_KEY is not set. Generate one with \`openssl rand -hex 32\` and give every server and worker the same value`);
  return new SecretBox(parseSecretKey(config.secretKey));
}

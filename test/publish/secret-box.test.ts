import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, parseSecretKey, secretBoxFrom } from '../../src/publish/secret-box.ts';

const key = randomBytes(32);

describe('SecretBox (AES-256-GCM under VIDEOGEN_SECRET_KEY)', () => {
  it('round-trips, with a fresh IV each time and no plain text in the sealed value', () => {
    const box = new SecretBox(key);
    const a = box.sealJson({ refreshToken: '1//refresh-token-value' }, 'channel:u1');
    const b = box.sealJson({ refreshToken: '1//refresh-token-value' }, 'channel:u1');
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
    expect(JSON.stringify(a)).not.toContain('refresh-token-value');
    expect(Buffer.from(a.data, 'base64').toString('latin1')).not.toContain('refresh');
    expect(box.openJson(a, 'channel:u1')).toEqual({ refreshToken: '1//refresh-token-value' });
    expect(a).toMatchObject({ v: 1, alg: 'A256GCM', kid: box.kid });
  });

  it('refuses another key, another purpose (a value moved to another row) and any altered byte', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('secret', 'channel:u1');
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'channel:u1')).toThrow(expect.objectContaining({ code: 'SECRET_KEY_WRONG' }));
    expect(() => box.open(sealed, 'channel:u2')).toThrow(expect.objectContaining({ code: 'SECRET_KEY_WRONG' }));
    const data = Buffer.from(sealed.data, 'base64');
    data[0] = data[0]! ^ 1;
    expect(() => box.open({ ...sealed, data: data.toString('base64') }, 'channel:u1')).toThrow(expect.objectContaining({ code: 'SECRET_KEY_WRONG' }));
    const tag = Buffer.from(sealed.tag, 'base64');
    tag[3] = tag[3]! ^ 0x80;
    expect(() => box.open({ ...sealed, tag: tag.toString('base64') }, 'channel:u1')).toThrow(expect.objectContaining({ code: 'SECRET_KEY_WRONG' }));
  });

  it('takes the key as 64 hex digits or base64 of 32 bytes; anything else, or none, is refused by name', () => {
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key);
    expect(() => parseSecretKey('too-short')).toThrow(expect.objectContaining({ code: 'SECRET_KEY_MISSING' }));
    expect(() => secretBoxFrom({})).toThrow(/VIDEOGEN_SECRET_KEY is not set/);
    expect(secretBoxFrom({ secretKey: key.toString('hex') }).kid).toBe(new SecretBox(key).kid);
  });
});

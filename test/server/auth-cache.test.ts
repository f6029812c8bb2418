import { describe, expect, it } from 'vitest';
import { AuthCache, invalidatingStore } from '../../src/server/auth-cache.ts';
import { openStore } from '../../src/store/index.ts';
import { hashPassword } from '../../src/store/passwords.ts';

describe('credential cache', () => {
  it('serves a hit without loading, and forgets everything on clear', async () => {
    const cache = new AuthCache<string>(60_000);
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.get('k', load)).toBe('v1');
    expect(await cache.get('k', load)).toBe('v1');
    cache.clear();
    expect(await cache.get('k', load)).toBe('v2');
  });

  it('does not store a lookup that a write overtook (the value may be stale)', async () => {
    const cache = new AuthCache<string>(60_000);
    let release!: () => void;
    const slow = cache.get('k', () => new Promise<string>((r) => (release = () => r('old'))));
    cache.clear(); // a revocation lands while the lookup is in flight
    release();
    expect(await slow).toBe('old');
    expect(await cache.get('k', async () => 'new')).toBe('new');
  });

  it('never caches a miss, so a credential created a moment later works at once', async () => {
    const cache = new AuthCache<string>(60_000);
    expect(await cache.get('k', async () => null)).toBeNull();
    expect(await cache.get('k', async () => 'now')).toBe('now');
  });

  it('empties on identity writes through the store, not on reads or last-used times', async () => {
    const store = await openStore({ inMemory: true });
    try {
      let clears = 0;
      const wrapped = invalidatingStore(store, { clear: () => void clears++ });
      const user = await wrapped.users.create({ email: 'a@example.com', passwordHash: await hashPassword('correct horse battery'), role: 'editor' });
      const afterCreate = clears;
      expect(afterCreate).toBeGreaterThan(0);
      await wrapped.users.get(user.id);
      await wrapped.users.byEmail('a@example.com');
      const key = await wrapped.apiKeys.create({ userId: user.id, name: 'k', prefix: 'vgk_x', keyHash: 'h' });
      const afterKey = clears;
      expect(afterKey).toBeGreaterThan(afterCreate);
      await wrapped.apiKeys.byHash('h');
      await wrapped.apiKeys.touch(key.id);
      expect(clears).toBe(afterKey);
      await wrapped.apiKeys.delete(key.id, user.id);
      expect(clears).toBeGreaterThan(afterKey);
      expect(await store.apiKeys.byHash('h')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});

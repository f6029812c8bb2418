import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, User } from '../../src/store/index.ts';
import { pgliteBackend, postgresAvailable, postgresBackend, warnSkipped, type Backend } from './helpers.ts';

/** The translation-review table (migration 0005) on PGlite and, when one answers, on PostgreSQL. */
const hasPostgres = await postgresAvailable();
if (!hasPostgres) warnSkipped('translation reviews on PostgreSQL');
const backends: Backend[] = [pgliteBackend(), ...(hasPostgres ? [postgresBackend()] : [])];

const spec = (language: string, title: string) => ({ id: 'v', title, language, scenes: [{ kind: 'title', title }] });

describe.each(backends)('translation reviews on $name', (backend) => {
  let store: Store;
  let alice: User;
  beforeAll(async () => {
    store = await backend.open();
    alice = await store.users.create({ email: 'alice@example.com', passwordHash: 'h', role: 'editor' });
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  it('stores pending rows once, edits only pending ones, approves all at once', async () => {
    const job = await store.jobs.create({ ownerId: alice.id, kind: 'render', input: {}, options: { languages: ['es', 'de'] } });
    await store.translations.addPending(job.id, [
      { language: 'es', spec: spec('es', 'Hola'), translatedBy: 'Apertium eng-spa' },
      { language: 'de', spec: spec('de', 'Hallo'), translatedBy: 'LLM test' },
    ]);
    // A second run of the job must not overwrite what a reviewer has done.
    const edited = await store.translations.updatePending(job.id, 'es', { spec: spec('es', 'Buenas'), translatedBy: 'Apertium eng-spa (edited)' });
    expect(edited).toMatchObject({ language: 'es', state: 'pending', translatedBy: 'Apertium eng-spa (edited)', spec: { title: 'Buenas' } });
    await store.translations.addPending(job.id, [{ language: 'es', spec: spec('es', 'Hola'), translatedBy: 'Apertium eng-spa' }]);
    const rows = await store.translations.list(job.id);
    expect(rows.map((r) => [r.language, r.state, (r.spec as { title: string }).title])).toEqual([
      ['de', 'pending', 'Hallo'],
      ['es', 'pending', 'Buenas'],
    ]);
    expect(rows[0]!.updatedAt).toBeInstanceOf(Date);

    const approved = await store.translations.approveAll(job.id);
    expect(approved.map((r) => r.language)).toEqual(['de', 'es']);
    expect(await store.translations.approveAll(job.id)).toEqual([]);
    expect(await store.translations.updatePending(job.id, 'de', { spec: spec('de', 'Tschüss'), translatedBy: 'x' })).toBeUndefined();
    expect((await store.translations.get(job.id, 'de'))?.state).toBe('approved');
    expect(await store.translations.get(job.id, 'fr')).toBeUndefined();
  });

  it('rows go with their job and with an erased account', async () => {
    const job = await store.jobs.create({ ownerId: alice.id, kind: 'render', input: {}, options: {} });
    await store.translations.addPending(job.id, [{ language: 'es', spec: spec('es', 'Hola'), translatedBy: 't' }]);
    expect(await store.jobs.delete(job.id)).toBeTruthy();
    expect(await store.translations.list(job.id)).toEqual([]);

    const bob = await store.users.create({ email: 'bob@example.com', passwordHash: 'h', role: 'editor' });
    const bobs = await store.jobs.create({ ownerId: bob.id, kind: 'render', input: {}, options: {} });
    await store.translations.addPending(bobs.id, [{ language: 'de', spec: spec('de', 'Hallo'), translatedBy: 't' }]);
    await store.erasure.eraseUser(bob.id, { actorId: null, action: 'user.erase', target: bob.id, details: {}, ip: null });
    expect(await store.translations.list(bobs.id)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Channel, type Store, type User } from '../../src/store/index.ts';
import { createPublication } from '../../src/publish/publications.ts';

describe('createPublication', () => {
  let store: Store;
  let alice: User;
  let bob: User;
  let channel: Channel;
  beforeAll(async () => {
    store = await openStore({ inMemory: true });
    alice = await store.users.create({ email: 'alice@example.com', passwordHash: 'h', role: 'editor' });
    bob = await store.users.create({ email: 'bob@example.com', passwordHash: 'h', role: 'editor' });
    channel = await store.channels.create({ ownerId: alice.id, kind: 'youtube', name: 'main', externalId: 'UC1', title: 'Main', project: 'p', credentials: { v: 1, alg: 'A256GCM', kid: 'k', iv: 'i', tag: 't', data: 'd' } });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('stores the publication and its publish job, linked both ways', async () => {
    const render = await store.jobs.create({ ownerId: alice.id, kind: 'render', input: { spec: {} } });
    const publishAt = new Date(Date.now() + 86_400_000);
    const runAfter = new Date(Date.now() + 3_600_000);
    const { publication, job } = await createPublication(store, { ownerId: alice.id, channelId: channel.id, sourceJobId: render.id, privacy: 'private', publishAt, playlistId: 'PL123', metadata: { title: 'Volcanoes' }, runAfter });
    expect(job).toMatchObject({ kind: 'publish', state: 'queued', ownerId: alice.id, input: { publicationId: publication.id }, title: 'Publish Volcanoes' });
    expect(job.runAfter.getTime()).toBe(runAfter.getTime());
    expect(publication).toMatchObject({ jobId: job.id, sourceJobId: render.id, sourceDir: null, state: 'pending', privacy: 'private', playlistId: 'PL123', metadata: { title: 'Volcanoes' } });
    expect(publication.publishAt?.getTime()).toBe(publishAt.getTime());
    expect((await store.publications.byJob(job.id))?.id).toBe(publication.id);
  });

  it('works inside a transaction store (the scheduler)', async () => {
    const { publication } = await createPublication({ jobs: store.jobs, publications: store.publications }, { ownerId: alice.id, channelId: channel.id, sourceDir: '/tmp/out', privacy: 'unlisted' });
    expect(publication.sourceDir).toBe('/tmp/out');
  });

  it('refuses what YouTube would refuse, naming the fix', async () => {
    const base = { ownerId: alice.id, channelId: channel.id, sourceDir: '/tmp/out' };
    await expect(createPublication(store, { ...base, privacy: 'private', publishAt: new Date(Date.now() - 60_000) })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('in the past') });
    await expect(createPublication(store, { ...base, privacy: 'public', publishAt: new Date(Date.now() + 86_400_000) })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('--privacy private') });
    await expect(createPublication(store, { ownerId: alice.id, channelId: channel.id, privacy: 'public' })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(createPublication(store, { ...base, privacy: 'secret' as never })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(createPublication(store, { ...base, privacy: 'public', metadata: { title: 'x'.repeat(101) } })).rejects.toMatchObject({ code: 'USAGE' });
    const before = await store.jobs.list({ ownerId: alice.id, kind: 'publish' });
    expect(before).toHaveLength(2);
  });

  it("somebody else's source job is not found", async () => {
    const theirs = await store.jobs.create({ ownerId: bob.id, kind: 'render', input: { spec: {} } });
    await expect(createPublication(store, { ownerId: alice.id, channelId: channel.id, sourceJobId: theirs.id, privacy: 'public' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

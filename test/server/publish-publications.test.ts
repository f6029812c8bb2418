import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/publish/secret-box.ts';
import type { Channel, Job } from '../../src/store/types.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from './helpers.ts';

/**
 * /api/publications at the API level (no worker runs here: the publish jobs stay queued): creation for a render job
 * that is still running, validation naming the field, channel by id or name, listing filters, cancel (a waiting
 * publication is cancelled at once), delete of finished ones only, owner-only rows, audit, and the calendar.
 * The upload itself, through a worker and the fake YouTube, is in publish-e2e.test.ts.
 */
let s: TestServer;
let editor: Client;
let other: Client;
let viewer: Client;
let editorId: string;
let otherId: string;
let channel: Channel;
let revoked: Channel;

const box = new SecretBox(randomBytes(32));
const sealed = () => box.sealJson({ refreshToken: 'never-used-here' }, 'test');

async function renderJob(ownerId: string, state: Job['state'] = 'running'): Promise<Job> {
  const job = await s.store.jobs.create({ ownerId, kind: 'render', input: { spec: { id: 'x', title: 'Volcanoes', scenes: [] } }, title: 'Volcanoes' });
  return (await s.store.jobs.update(job.id, { state, ...(state === 'running' ? { leaseOwner: 'elsewhere', leaseExpiresAt: new Date(Date.now() + 3_600_000), startedAt: new Date() } : {}) }))!;
}
const publish = (body: unknown, client = editor) => api(s.url, '/api/publications', { method: 'POST', body, client });
const actions = async (target: string) => (await s.store.audit.query({ userId: editorId, limit: 1000 })).filter((a) => a.target === target).map((a) => a.action).reverse();

beforeAll(async () => {
  s = await startServer();
  editorId = (await createUser(s.store, 'ed@example.com', 'editor')).id;
  otherId = (await createUser(s.store, 'other@example.com', 'editor')).id;
  await createUser(s.store, 'viewer@example.com', 'viewer');
  editor = await login(s.url, 'ed@example.com');
  other = await login(s.url, 'other@example.com');
  viewer = await login(s.url, 'viewer@example.com');
  channel = await s.store.channels.create({ ownerId: editorId, kind: 'youtube', name: 'science', externalId: 'UC1', title: 'Science', project: 'client-1', credentials: sealed() });
  revoked = await s.store.channels.create({ ownerId: editorId, kind: 'youtube', name: 'old', externalId: 'UC2', title: 'Old', project: 'client-1', credentials: sealed() });
  revoked = (await s.store.channels.update(revoked.id, { credentials: null, revokedAt: new Date() }))!;
}, 60_000);
afterAll(async () => {
  await s?.close();
});

describe('publications API', () => {
  it("creates a publication for a render job that is still running: 202 with the publication and its queued publish job", async () => {
    const source = await renderJob(editorId);
    const publishAt = new Date(Date.now() + 3 * 24 * 3_600_000);
    const res = await publish({ jobId: source.id, channel: 'science', publishAt: publishAt.toISOString(), playlistId: 'PLabc123', metadata: { title: 'Volcanoes, explained', tags: ['volcano', 'science'], madeForKids: false, containsSyntheticMedia: true } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const { publication, job } = res.body;
    expect(publication).toMatchObject({ channelId: channel.id, sourceJobId: source.id, jobId: job.id, state: 'pending', privacy: 'private', publishAt: publishAt.toISOString(), playlistId: 'PLabc123', uploadedBytes: 0, videoId: null });
    expect(publication.metadata).toMatchObject({ title: 'Volcanoes, explained', containsSyntheticMedia: true });
    expect(publication).not.toHaveProperty('uploadUri');
    expect(job).toMatchObject({ kind: 'publish', state: 'queued' });
    const events = await s.store.events.list({ jobId: job.id, afterId: 0, limit: 10 });
    expect(events.map((e) => [e.type, e.data.state])).toEqual([['state', 'queued']]);
    expect(await actions(publication.id)).toEqual(['publication.create']);

    const byId = await publish({ jobId: source.id, channel: channel.id, privacy: 'unlisted' });
    expect(byId.status).toBe(202);
    expect(byId.body.publication).toMatchObject({ channelId: channel.id, privacy: 'unlisted', publishAt: null });
  });

  it('refuses bad requests with 4xx and the field, never 500', async () => {
    const source = await renderJob(editorId);
    const failed = await renderJob(editorId, 'failed');
    const theirs = await renderJob(otherId);
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const cases: [unknown, number, string][] = [
      [{ jobId: source.id, channel: 'science', publishAt: past }, 400, 'body.publishAt'],
      [{ jobId: source.id, channel: 'science', publishAt: future, privacy: 'public' }, 400, 'body.privacy'],
      [{ jobId: source.id, channel: 'science', publishAt: 'next tuesday' }, 400, 'body.publishAt'],
      [{ jobId: source.id, channel: 'science', publishAt: `${new Date().getUTCFullYear() + 1}-02-30T09:00:00Z` }, 400, 'body.publishAt'],
      [{ jobId: source.id, channel: 'science', privacy: 'secret' }, 400, 'body.privacy'],
      [{ jobId: 'nope', channel: 'science' }, 400, 'body.jobId'],
      [{ jobId: source.id, channel: 'science', metadata: { title: 'x'.repeat(101) } }, 400, 'body.metadata.title'],
      [{ jobId: source.id, channel: 'science', metadata: { category: 'Education' } }, 400, 'body.metadata'],
      [{ jobId: source.id, channel: 'science', metadata: { title: 'Heat <script>' } }, 400, 'body.metadata.title'],
      [{ jobId: source.id, channel: 'science', metadata: { description: 'ü'.repeat(2600) } }, 400, 'body.metadata.description'],
      [{ jobId: source.id, channel: 'science', metadata: { tags: Array.from({ length: 100 }, (_, i) => `tag ${i} ${'x'.repeat(20)}`) } }, 400, 'body.metadata.tags'],
      [{ jobId: source.id, channel: 'science', playlistId: 'My playlist' }, 400, 'body.playlistId'],
      [{ jobId: source.id, channel: 'science', extra: 1 }, 400, 'body'],
      [{ jobId: source.id, channel: 'nonexistent' }, 404, 'channel'],
      [{ jobId: theirs.id, channel: 'science' }, 404, 'job'],
      [{ jobId: failed.id, channel: 'science' }, 409, 'failed'],
      [{ jobId: source.id, channel: 'old' }, 409, 'connect it again'],
    ];
    for (const [body, status, text] of cases) {
      const res = await publish(body);
      expect(res.status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(status);
      expect(res.body.error.message, JSON.stringify(res.body)).toContain(text);
    }
    const first = await publish({ jobId: source.id, channel: 'science' });
    const notRender = await publish({ jobId: first.body.job.id, channel: 'science' });
    expect(notRender.status).toBe(400);
    expect(notRender.body.error.message).toContain('body.jobId');
    // The other user can neither use the editor's channel nor see that it exists.
    const foreign = await publish({ jobId: theirs.id, channel: channel.id }, other);
    expect(foreign.status).toBe(404);
    expect((await publish({ jobId: source.id, channel: 'science' }, viewer)).status).toBe(403);
  });

  it('lists by channel and state, shows one, and hides them from others', async () => {
    const source = await renderJob(editorId);
    const created = await publish({ jobId: source.id, channel: 'science' });
    const id = created.body.publication.id as string;
    const all = await api(s.url, '/api/publications', { client: editor });
    expect(all.status).toBe(200);
    expect(all.body.publications.map((p: { id: string }) => p.id)).toContain(id);
    expect(all.body.publications[0].id).toBe(id);
    const pending = await api(s.url, '/api/publications?channel=science&state=pending,waiting&limit=2', { client: editor });
    expect(pending.body.publications).toHaveLength(2);
    expect((await api(s.url, '/api/publications?state=succeeded', { client: editor })).body.publications).toEqual([]);
    expect((await api(s.url, '/api/publications?state=bogus', { client: editor })).status).toBe(400);
    expect((await api(s.url, '/api/publications?channel=nope', { client: editor })).status).toBe(404);
    const one = await api(s.url, `/api/publications/${id}`, { client: editor });
    expect(one.body).toMatchObject({ id, state: 'pending', stats: {} });
    expect((await api(s.url, '/api/publications', { client: other })).body.publications).toEqual([]);
    expect((await api(s.url, `/api/publications/${id}`, { client: other })).status).toBe(404);
    expect((await api(s.url, `/api/publications/${id}/cancel`, { method: 'POST', client: other })).status).toBe(404);
    expect((await api(s.url, `/api/publications/${id}`, { method: 'DELETE', client: other })).status).toBe(404);
    expect((await api(s.url, `/api/publications/${id}`, { client: viewer })).status).toBe(404);
    const detail = await api(s.url, `/api/channels/${channel.id}`, { client: editor });
    expect(detail.body.publications.map((p: { id: string }) => p.id)).toContain(id);
  });

  it('cancels a waiting publication at once (its job too); deletes only finished ones', async () => {
    const source = await renderJob(editorId);
    const created = await publish({ jobId: source.id, channel: 'science' });
    const id = created.body.publication.id as string;
    const early = await api(s.url, `/api/publications/${id}`, { method: 'DELETE', client: editor });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('cancel it first');
    const cancelled = await api(s.url, `/api/publications/${id}/cancel`, { method: 'POST', client: editor });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(202);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await s.store.jobs.get(created.body.job.id))!.state).toBe('cancelled');
    expect((await api(s.url, `/api/publications/${id}/cancel`, { method: 'POST', client: editor })).status).toBe(409);
    const del = await api(s.url, `/api/publications/${id}`, { method: 'DELETE', client: editor });
    expect(del.status).toBe(204);
    expect(await s.store.publications.get(id)).toBeUndefined();
    expect(await actions(id)).toEqual(['publication.create', 'publication.cancel', 'publication.delete']);
  });

  it('refuses to remove a channel with unfinished publications', async () => {
    const res = await api(s.url, `/api/channels/${channel.id}`, { method: 'DELETE', client: editor });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('cancel them first');
    expect(await s.store.channels.get(channel.id)).toBeDefined();
  });

  it('shows scheduled releases and planned schedule slots in the calendar', async () => {
    const source = await renderJob(editorId);
    const publishAt = new Date(Date.now() + 2 * 24 * 3_600_000);
    const created = await publish({ jobId: source.id, channel: 'science', publishAt: publishAt.toISOString(), metadata: { title: 'Calendar video' } });
    const schedule = await api(s.url, '/api/schedules', { method: 'POST', body: { name: 'Daily', rule: 'every day at 09:00 Europe/Berlin', channel: 'science', topics: ['First topic here', 'Second topic here'], publish: { privacy: 'public' } }, client: editor });
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
    const res = await api(s.url, '/api/calendar', { client: editor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const to = new Date(res.body.to).getTime() - new Date(res.body.from).getTime();
    expect(to).toBe(30 * 24 * 3_600_000);
    expect(res.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'publish', publicationId: created.body.publication.id, at: publishAt.toISOString(), channelId: channel.id })]));
    const makes = res.body.entries.filter((e: { type: string; scheduleId?: string }) => e.type === 'make' && e.scheduleId === schedule.body.id);
    expect(makes.length).toBe(2);
    const times = res.body.entries.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
    // A window that holds neither.
    const far = new Date(Date.now() + 200 * 24 * 3_600_000);
    const empty = await api(s.url, `/api/calendar?from=${encodeURIComponent(far.toISOString())}&to=${encodeURIComponent(new Date(far.getTime() + 3_600_000).toISOString())}`, { client: editor });
    expect(empty.body.entries).toEqual([]);
    expect((await api(s.url, '/api/calendar', { client: other })).body.entries).toEqual([]);
    for (const q of ['from=yesterday', `from=${new Date().toISOString()}&to=${new Date(Date.now() - 1000).toISOString()}`, `to=${new Date(Date.now() + 400 * 24 * 3_600_000).toISOString()}`]) {
      const bad = await api(s.url, `/api/calendar?${q}`, { client: editor });
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('documents every publishing route in the OpenAPI document', async () => {
    const doc = await api(s.url, '/docs/json', { client: editor });
    expect(doc.status).toBe(200);
    const paths = doc.body.paths as Record<string, Record<string, { tags?: string[] }>>;
    const expected: [string, string, string][] = [
      ['/api/channels', 'get', 'channels'],
      ['/api/channels', 'post', 'channels'],
      ['/api/channels/{id}', 'get', 'channels'],
      ['/api/channels/{id}', 'patch', 'channels'],
      ['/api/channels/{id}', 'delete', 'channels'],
      ['/api/channels/oauth/start', 'post', 'channels'],
      ['/api/channels/oauth/callback', 'get', 'channels'],
      ['/api/publications', 'get', 'publications'],
      ['/api/publications', 'post', 'publications'],
      ['/api/publications/{id}', 'get', 'publications'],
      ['/api/publications/{id}', 'delete', 'publications'],
      ['/api/publications/{id}/cancel', 'post', 'publications'],
      ['/api/quota', 'get', 'publications'],
      ['/api/schedules', 'get', 'schedules'],
      ['/api/schedules', 'post', 'schedules'],
      ['/api/schedules/{id}', 'get', 'schedules'],
      ['/api/schedules/{id}', 'patch', 'schedules'],
      ['/api/schedules/{id}', 'delete', 'schedules'],
      ['/api/calendar', 'get', 'calendar'],
    ];
    for (const [path, method, tag] of expected) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
      expect(paths[path]![method]!.tags).toContain(tag);
    }
  });
});

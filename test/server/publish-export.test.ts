import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/publish/secret-box.ts';
import { createUser, login, startServer, type Client, type TestServer } from './helpers.ts';
import { unzipAll } from './zip-reader.ts';

/**
 * The account export carries the publishing data (GDPR art. 15/20): channels without any credential, every
 * publication (more than one repository page of them), schedules and each one's runs — and nothing of another user.
 */
const SECRET = 'refresh-token-that-must-never-leave';
let s: TestServer;
let alice: Client;
let aliceId: string;
let bobId: string;


beforeAll(async () => {
  s = await startServer();
  aliceId = (await createUser(s.store, 'alice@example.com', 'editor')).id;
  bobId = (await createUser(s.store, 'bob@example.com', 'editor')).id;
  alice = await login(s.url, 'alice@example.com');
}, 60_000);
afterAll(async () => {
  await s?.close();
});

describe('account export: publishing', () => {
  it('has channels (no credentials), all publications, schedules and their runs, and none of another user', async () => {
    const box = new SecretBox(randomBytes(32));
    const channel = await s.store.channels.create({ ownerId: aliceId, kind: 'youtube', name: 'science', externalId: 'UCalice', title: 'Alice Science', project: 'p', credentials: box.sealJson({ refreshToken: SECRET }, 'x') });
    const bobs = await s.store.channels.create({ ownerId: bobId, kind: 'youtube', name: 'bob-channel', externalId: 'UCbob', title: 'Bob', project: 'p', credentials: box.sealJson({ refreshToken: 'bob' }, 'x') });
    // More than the repository returns at once (1000), some with release times years ahead.
    const total = 1050;
    for (let i = 0; i < total; i++) {
      await s.store.publications.create({ ownerId: aliceId, channelId: channel.id, privacy: 'private', ...(i % 100 === 0 ? { publishAt: new Date(Date.now() + (i + 1) * 30 * 24 * 3_600_000) } : {}), metadata: { title: `Video ${i}` } });
    }
    await s.store.publications.create({ ownerId: bobId, channelId: bobs.id, privacy: 'public', metadata: { title: 'Bob video' } });
    const schedule = await s.store.schedules.create({ ownerId: aliceId, name: 'Daily facts', rule: 'every day at 09:00', cron: '0 9 * * *', timezone: 'UTC', channelId: channel.id, input: { topics: ['One', 'Two'] }, catchUp: 'once', nextRunAt: new Date('2030-01-01T09:00:00Z') });
    await s.store.schedules.fire(schedule.id, new Date('2030-01-01T09:00:00Z'), { nextRunAt: new Date('2030-01-02T09:00:00Z'), topicIndex: 1 }, { status: 'fired', topic: 'One', firedBy: 'test' }, async () => ({ jobId: null, publicationId: null, result: true }));

    const res = await fetch(`${s.url}/api/account/export`, { headers: { cookie: alice.cookie! } });
    expect(res.status).toBe(200);
    const files = await unzipAll(Buffer.from(await res.arrayBuffer()));
    const json = (name: string) => JSON.parse(files.get(name)!.toString('utf8'));

    expect(files.get('README.txt')!.toString()).toContain('channels.json');
    const channels = json('channels.json');
    expect(channels).toEqual([expect.objectContaining({ id: channel.id, name: 'science', externalId: 'UCalice', revoked: false })]);
    expect(channels[0]).not.toHaveProperty('credentials');
    const publications = json('publications.json') as { id: string; metadata: { title: string } }[];
    expect(publications).toHaveLength(total);
    expect(new Set(publications.map((p) => p.id)).size).toBe(total);
    expect(publications.some((p) => p.metadata.title === 'Bob video')).toBe(false);
    expect(json('schedules.json')).toEqual([expect.objectContaining({ id: schedule.id, name: 'Daily facts', topics: ['One', 'Two'], topicIndex: 1 })]);
    expect(json(`schedules/${schedule.id}/runs.json`)).toEqual([expect.objectContaining({ slotAt: '2030-01-01T09:00:00.000Z', status: 'fired', topic: 'One' })]);

    const everything = [...files.values()].map((b) => b.toString('latin1')).join('\n');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(channel.credentials!.data);
    expect(everything).not.toContain('UCbob');
  }, 120_000);
});

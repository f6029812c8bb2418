import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, editorOtherViewer, startServer, type Client, type TestServer } from './helpers.ts';

/**
 * /api/schedules against a real server on PGlite: rules as people write them (and cron), the next slots with the
 * topic each takes, validation naming the field, pause and resume (a resume starts from now: no burst of old slots),
 * owner-only rows, viewer reads only, and every change audited.
 */
let s: TestServer;
let editor: Client;
let other: Client;
let viewer: Client;
let editorId: string;

beforeAll(async () => {
  s = await startServer();
  ({ editorId, editor, other, viewer } = await editorOtherViewer(s));
}, 60_000);
afterAll(async () => {
  await s?.close();
});

const create = (body: unknown, client = editor) => api(s.url, '/api/schedules', { method: 'POST', body, client });
const actions = async (target: string) => (await s.store.audit.query({ userId: editorId, limit: 1000 })).filter((a) => a.target === target).map((a) => a.action).reverse();

/** Weekday and hh:mm of `iso` in `zone`. */
function local(iso: string, zone: string): { weekday: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { weekday: get('weekday'), time: `${get('hour')}:${get('minute')}` };
}

describe('schedules API', () => {
  it('creates a weekday plan: its cron, the next 10 slots at 09:00 Berlin on weekdays, each with its topic', async () => {
    const topics = Array.from({ length: 12 }, (_, i) => `Topic number ${i + 1}`);
    const res = await create({ name: 'Weekday facts', rule: 'every weekday at 09:00 Europe/Berlin', topics });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: 'Weekday facts', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', enabled: true, catchUp: 'once', channelId: null, topics, format: 'short', topicIndex: 0 });
    expect(res.body.description).toContain('Europe/Berlin');
    expect(new Date(res.body.nextRunAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.body.upcoming).toHaveLength(10);
    expect(res.body.upcoming[0].at).toBe(res.body.nextRunAt);
    for (const [i, slot] of res.body.upcoming.entries()) {
      const { weekday, time } = local(slot.at, 'Europe/Berlin');
      expect(time).toBe('09:00');
      expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(weekday);
      expect(slot.topic).toBe(topics[i]);
      if (i > 0) expect(new Date(slot.at).getTime()).toBeGreaterThan(new Date(res.body.upcoming[i - 1].at).getTime());
    }
    expect(res.body.runs).toEqual([]);
    expect(await actions(res.body.id)).toEqual(['schedule.create']);
  });

  it('takes cron with a zone and a generator; a short topic list ends the upcoming slots unless a generator follows it', async () => {
    const cron = await create({ name: 'Cron', rule: '30 18 * * 1,3,5', timezone: 'America/New_York', generator: { niche: 'facts', seed: 7 }, catchUp: 'skip' });
    expect(cron.status, JSON.stringify(cron.body)).toBe(201);
    expect(cron.body).toMatchObject({ cron: '30 18 * * 1,3,5', timezone: 'America/New_York', catchUp: 'skip', generator: { niche: 'facts', seed: 7 } });
    expect(cron.body.upcoming).toHaveLength(10);
    // Generated topics are known ahead: each slot's own, and what the calendar shows for it.
    const generated = cron.body.upcoming.map((u: { topic: string | null }) => u.topic);
    expect(generated.every((t: string | null) => typeof t === 'string' && t.length > 2)).toBe(true);
    expect(new Set(generated).size).toBeGreaterThan(5);
    expect(local(cron.body.upcoming[0].at, 'America/New_York').time).toBe('18:30');

    const short = await create({ name: 'Three', rule: 'every day at 07:00', topics: ['Alpha topic', 'Beta topic', 'Gamma topic'] });
    expect(short.body.upcoming.map((u: { topic: string }) => u.topic)).toEqual(['Alpha topic', 'Beta topic', 'Gamma topic']);
    expect(short.body.timezone).toBe('UTC');
    const mixed = await create({ name: 'Then generated', rule: 'every day at 07:00', topics: ['Alpha topic'], generator: { niche: 'history' } });
    const mixedTopics = mixed.body.upcoming.map((u: { topic: string | null }) => u.topic);
    expect(mixedTopics[0]).toBe('Alpha topic');
    expect(mixedTopics.slice(1).every((t: string | null) => typeof t === 'string' && t !== 'Alpha topic')).toBe(true);
  });

  it('refuses bad input with 400 and the field path, never 500', async () => {
    const cases: [unknown, string][] = [
      [{ name: 'x', rule: 'whenever it suits', topics: ['Some topic'] }, 'body.rule'],
      [{ name: 'x', rule: 'every day at 09:00 Mars/Olympus', topics: ['Some topic'] }, 'body.rule'],
      [{ name: 'x', rule: 'every weekday at 09:00', timezone: 'Nowhere/Land', topics: ['Some topic'] }, 'body.rule'],
      [{ name: 'x', rule: '2020-01-01T09:00:00Z', topics: ['Some topic'] }, 'body.rule'],
      [{ name: 'x', rule: 'every day at 09:00' }, 'body.topics'],
      [{ name: 'x', rule: '* * * * *', topics: ['Some topic'] }, 'body.rule'],
      [{ name: 'x', rule: 'every day at 09:00', topics: ['Some topic'], publish: { playlistId: 'My playlist' } }, 'body.publish.playlistId'],
      [{ name: 'x', rule: 'every day at 09:00', topics: ['Some topic'], publish: { privacy: 'public' } }, 'body.channel'],
      [{ name: 'x', rule: 'every day at 09:00', generator: { niche: 'astrology' } }, 'body.generator.niche'],
      [{ name: 'x', rule: 'every day at 09:00', topics: ['Some topic'], options: { voice: 'male', shoeSize: 44 } }, 'body.options'],
      [{ name: 'x', rule: 'every day at 09:00', topics: ['Some topic'], options: { resolution: '4k' } }, 'body.options.resolution'],
      [{ name: 'x', rule: 'every day at 09:00', topics: ['Some topic'], options: { targetSeconds: 5 } }, 'body.options.targetSeconds'],
      [{ name: 'x', rule: 'every day at 09:00', topics: ['Some topic'], channel: 'nope' }, ''],
      [{ name: '', rule: 'every day at 09:00', topics: ['Some topic'] }, 'body.name'],
    ];
    for (const [body, path] of cases) {
      const res = await create(body);
      if (path === '') {
        expect(res.status, JSON.stringify(body)).toBe(404);
        continue;
      }
      expect(res.status, `${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message, JSON.stringify(res.body)).toContain(path);
    }
    const bad = await create({ name: 'x', rule: 'whenever it suits', topics: ['Some topic'] });
    expect(bad.body.error.message).toContain('every weekday at 09:00 Europe/Berlin');
    expect(bad.body.error.details.examples.length).toBeGreaterThan(3);
  });

  it('takes what every slot is made with (render options, the script\'s language and length); refuses multilingual ones by name', async () => {
    const options = { preset: 'draft', resolution: '720p', voice: 'female', burnCaptions: true, broll: 'auto', language: 'de', targetSeconds: 45 };
    const res = await create({ name: 'German facts', rule: 'every day at 09:00', topics: ['Warum Kraken klug sind'], options });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.options).toEqual(options);
    for (const [field, value] of [['languages', ['en', 'de']], ['languageVoices', { de: 'female' }], ['glossary', { keep: ['Node'] }], ['review', true]] as const) {
      const refused = await create({ name: `x-${field}`, rule: 'every day at 09:00', topics: ['Some topic'], options: { [field]: value } });
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.error.code).toBe('VALIDATION_FAILED');
      expect(refused.body.error.message).toContain(`body.options.${field}`);
      expect(refused.body.error.message).toContain('one video per slot, in one language');
    }
  });

  it('pauses and resumes: a resume starts from now, not from the slots missed while paused', async () => {
    const created = await create({ name: 'Hourly', rule: 'every 2 hours', topics: ['One topic', 'Two topic'] });
    const id = created.body.id as string;
    const paused = await api(s.url, `/api/schedules/${id}`, { method: 'PATCH', body: { enabled: false }, client: editor });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.enabled).toBe(false);
    expect(paused.body.upcoming).toEqual([]);
    // Downtime: the stored next slot is two days old.
    const old = new Date(Date.now() - 2 * 24 * 3_600_000);
    await s.store.schedules.update(id, { nextRunAt: old });
    const resumed = await api(s.url, `/api/schedules/${id}`, { method: 'PATCH', body: { enabled: true }, client: editor });
    expect(resumed.body.enabled).toBe(true);
    const next = new Date(resumed.body.nextRunAt).getTime();
    expect(next).toBeGreaterThan(Date.now());
    expect(next).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
    expect(await actions(id)).toEqual(['schedule.create', 'schedule.pause', 'schedule.resume']);
  });

  it('changes rule, name, topics and catch-up; a new topic list starts at its first topic', async () => {
    const created = await create({ name: 'Plan', rule: 'every monday at 10:00', topics: ['Old topic one', 'Old topic two'] });
    const id = created.body.id as string;
    await s.store.schedules.update(id, { topicIndex: 2, nextRunAt: null });
    const res = await api(s.url, `/api/schedules/${id}`, { method: 'PATCH', body: { name: 'Plan B', rule: 'every friday at 16:15 Europe/Paris', topics: ['New topic one'], catchUp: 'skip' }, client: editor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ name: 'Plan B', cron: '15 16 * * 5', timezone: 'Europe/Paris', topics: ['New topic one'], topicIndex: 0, catchUp: 'skip' });
    expect(res.body.upcoming).toEqual([{ at: res.body.nextRunAt, topic: 'New topic one' }]);
    expect(local(res.body.nextRunAt, 'Europe/Paris')).toEqual({ weekday: 'Fri', time: '16:15' });
    const bad = await api(s.url, `/api/schedules/${id}`, { method: 'PATCH', body: { rule: 'sometimes' }, client: editor });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('body.rule');
    const unknown = await api(s.url, `/api/schedules/${id}`, { method: 'PATCH', body: { cron: '* * * * *' }, client: editor });
    expect(unknown.status).toBe(400);
    expect(await actions(id)).toEqual(['schedule.create', 'schedule.update']);
  });

  it("lists only the caller's schedules; another user's are 404 to read, change and delete; a viewer only reads", async () => {
    const mine = await create({ name: 'Mine', rule: 'every day at 12:00', topics: ['My topic'] });
    const id = mine.body.id as string;
    const theirs = await api(s.url, '/api/schedules', { client: other });
    expect(theirs.status).toBe(200);
    expect(theirs.body.schedules).toEqual([]);
    expect((await api(s.url, '/api/schedules', { client: editor })).body.schedules.map((x: { id: string }) => x.id)).toContain(id);
    expect((await api(s.url, `/api/schedules/${id}`, { client: other })).status).toBe(404);
    expect((await api(s.url, `/api/schedules/${id}`, { method: 'PATCH', body: { enabled: false }, client: other })).status).toBe(404);
    expect((await api(s.url, `/api/schedules/${id}`, { method: 'DELETE', client: other })).status).toBe(404);
    expect((await api(s.url, '/api/schedules', { client: viewer })).status).toBe(200);
    const refused = await create({ name: 'Viewer', rule: 'every day at 12:00', topics: ['A topic'] }, viewer);
    expect(refused.status).toBe(403);
    expect((await api(s.url, '/api/schedules/not-a-uuid', { client: editor })).status).toBe(400);
  });

  it('deletes a schedule (audited); it is gone afterwards', async () => {
    const created = await create({ name: 'Doomed', rule: 'every day at 12:00', topics: ['A topic'] });
    const id = created.body.id as string;
    const del = await api(s.url, `/api/schedules/${id}`, { method: 'DELETE', client: editor });
    expect(del.status).toBe(204);
    expect((await api(s.url, `/api/schedules/${id}`, { client: editor })).status).toBe(404);
    expect(await s.store.schedules.get(id)).toBeUndefined();
    expect(await actions(id)).toEqual(['schedule.create', 'schedule.delete']);
  });

  it('shows recent runs in the detail view', async () => {
    const created = await create({ name: 'Runs', rule: 'every 5 minutes', topics: ['First run topic', 'Second run topic'] });
    const id = created.body.id as string;
    const slot = new Date(created.body.nextRunAt);
    const fired = await s.store.schedules.fire(id, slot, { nextRunAt: new Date(slot.getTime() + 5 * 60_000), topicIndex: 1, lastRunAt: slot }, { status: 'fired', topic: 'First run topic', firedBy: 'test' }, async () => ({ jobId: null, publicationId: null, result: true }));
    expect(fired).toBe(true);
    const res = await api(s.url, `/api/schedules/${id}`, { client: editor });
    expect(res.body.runs).toEqual([expect.objectContaining({ slotAt: slot.toISOString(), status: 'fired', topic: 'First run topic', firedBy: 'test' })]);
    expect(res.body.upcoming[0]).toEqual({ at: new Date(slot.getTime() + 5 * 60_000).toISOString(), topic: 'Second run topic' });
  });
});

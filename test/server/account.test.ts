import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunJob } from '../../src/queue/run-job.ts';
import { createWorker } from '../../src/queue/index.ts';
import { newRecoveryCodes } from '../../src/server/two-factor.ts';
import { newApiKey, sha256 } from '../../src/server/tokens.ts';
import { waitFor, waitForState } from '../queue/helpers.ts';
import { PG_URL, postgresAvailable } from '../store/helpers.ts';
import { PASSWORD, TINY_SPEC, api, apiKeyFor, createUser, login, startServer, type TestServer } from './helpers.ts';
import { unzipAll } from './zip-reader.ts';

/**
 * Data rights over HTTP on the real store, queue and worker: the export zip (read back with yauzl, and checked with
 * the `unzip` tool when the machine has it) and account erasure. The worker runs a stand-in for the render pipeline
 * that writes known output files (or waits until cancelled), so the test checks bytes, not renders.
 */
const VIDEO_BYTES = Buffer.from('not really an mp4, but bytes the export must carry unchanged \u0000\u0001\u0002');
const runJob: RunJob = async ({ job, outputDir, signal }) => {
  const spec = (job.input as { spec: { title: string } }).spec;
  if (spec.title === 'Blocks') {
    await writeFile(join(outputDir, 'video.mp4.part'), 'half a video');
    await new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
  }
  await writeFile(join(outputDir, 'video.mp4'), Buffer.concat([VIDEO_BYTES, Buffer.from(job.id)]));
  await writeFile(join(outputDir, 'manifest.json'), JSON.stringify({ title: spec.title }));
  await mkdir(join(outputDir, 'extra'));
  await writeFile(join(outputDir, 'extra', 'notes.txt'), 'nested output');
};


const asJson = (files: Map<string, Buffer>, name: string) => {
  const data = files.get(name);
  if (!data) throw new Error(`${name} is not in the export (has: ${[...files.keys()].join(', ')})`);
  return JSON.parse(data.toString('utf8'));
};

function form(name: string, content: string): FormData {
  const f = new FormData();
  f.append('file', new Blob([content], { type: 'text/markdown' }), name);
  return f;
}

const backends = [{ name: 'PGlite' }, { name: 'PostgreSQL', databaseUrl: PG_URL }];

for (const backend of backends) {
  describe(`account export and erasure on ${backend.name}`, () => {
    let s: TestServer;
    let available = true;

    beforeAll(async () => {
      if (backend.databaseUrl && !(await postgresAvailable())) {
        available = false;
        console.warn(`\n!!! SKIPPING account tests on PostgreSQL (${backend.databaseUrl}): unreachable !!!\n`);
        return;
      }
      s = await startServer({
        ...(backend.databaseUrl ? { databaseUrl: backend.databaseUrl } : {}),
        server: { rateLimits: { auth: 100, write: 200, read: 600 } },
        beforeListen: async ({ store, queue, config }) => {
          const worker = createWorker({ store, queue, config, id: 'account-test-worker', pollMs: 100, heartbeatMs: 200, leaseMs: 5_000, progressIntervalMs: 50, runJob, concurrency: 2 });
          await worker.start();
          return () => worker.stop({ force: true });
        },
      });
    });
    afterAll(async () => {
      await s?.close();
    });

    /** A user with an upload, a template, an API key and one finished job. */
    async function populated(email: string, marker: string) {
      const user = await createUser(s.store, email, 'editor');
      const client = await login(s.url, email);
      const upload = await api(s.url, '/api/documents/upload', { method: 'POST', form: form(`${marker}.md`, `# ${marker}\n\nThe text of ${marker}.\n`), client });
      expect(upload.status).toBe(201);
      const template = await api(s.url, '/api/templates', { method: 'POST', body: { name: `${marker} template`, body: { marker } }, client });
      expect(template.status).toBe(201);
      const key = await api(s.url, '/api/keys', { method: 'POST', body: { name: `${marker} key` }, client });
      expect(key.status).toBe(201);
      const created = await api(s.url, '/api/videos', { method: 'POST', body: { spec: { ...TINY_SPEC, title: `${marker} video` } }, client });
      expect(created.status).toBe(202);
      const jobId: string = created.body.jobs[0].id;
      await waitForState(s.store, jobId, ['succeeded'], 30_000);
      return { user, client, uploadId: upload.body.id as string, templateId: template.body.id as string, key: key.body.key as string, keyId: key.body.id as string, jobId };
    }

    it('exports a streamed zip of the caller’s profile, jobs, events, outputs, uploads, templates, keys and audit entries — and nobody else’s', async (ctx) => {
      if (!available) return ctx.skip();
      const alice = await populated('alice@example.com', 'alicemarker');
      const bob = await populated('bob@example.com', 'bobmarker');

      const res = await fetch(`${s.url}/api/account/export`, { headers: { cookie: alice.client.cookie! } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="videogen-export-\d{4}-\d{2}-\d{2}\.zip"$/);
      // Streamed: the size is not known up front, so the body is chunked rather than sent with a length.
      expect(res.headers.get('content-length')).toBeNull();
      const data = Buffer.from(await res.arrayBuffer());
      const files = await unzipAll(data);

      if (existsSync('/usr/bin/unzip')) {
        const path = join(tmpdir(), `videogen-export-${Date.now()}.zip`);
        await writeFile(path, data);
        expect(execFileSync('/usr/bin/unzip', ['-t', path]).toString()).toContain('No errors detected');
      }

      const profile = asJson(files, 'profile.json');
      expect(profile).toMatchObject({ id: alice.user.id, email: 'alice@example.com', role: 'editor', totp: false });
      expect(profile).not.toHaveProperty('passwordHash');
      expect(profile).not.toHaveProperty('totpSecret');

      const keys = asJson(files, 'api-keys.json');
      expect(keys).toEqual([expect.objectContaining({ id: alice.keyId, name: 'alicemarker key', prefix: alice.key.slice(0, 8) })]);
      expect(keys[0]).not.toHaveProperty('keyHash');

      expect(asJson(files, 'templates.json')).toEqual([expect.objectContaining({ id: alice.templateId, body: { marker: 'alicemarker' } })]);
      expect(asJson(files, 'uploads.json')).toEqual([expect.objectContaining({ id: alice.uploadId, filename: 'alicemarker.md' })]);
      expect(files.get(`uploads/${alice.uploadId}/alicemarker.md`)?.toString()).toBe('# alicemarker\n\nThe text of alicemarker.\n');

      const jobs = asJson(files, 'jobs.json');
      expect(jobs).toEqual([expect.objectContaining({ id: alice.jobId, state: 'succeeded', title: 'alicemarker video' })]);
      expect(jobs[0].input.spec.title).toBe('alicemarker video');
      const events = asJson(files, `jobs/${alice.jobId}/events.json`);
      expect(events.filter((e: { type: string }) => e.type === 'state').map((e: { data: { state: string } }) => e.data.state)).toEqual(['queued', 'running', 'succeeded']);
      expect(files.get(`jobs/${alice.jobId}/outputs/video.mp4`)).toEqual(Buffer.concat([VIDEO_BYTES, Buffer.from(alice.jobId)]));
      expect(asJson(files, `jobs/${alice.jobId}/outputs/manifest.json`)).toEqual({ title: 'alicemarker video' });
      expect(files.get(`jobs/${alice.jobId}/outputs/extra/notes.txt`)?.toString()).toBe('nested output');

      const audit = asJson(files, 'audit.json');
      const actions = audit.map((a: { action: string }) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['auth.login', 'upload.create', 'template.create', 'apikey.create', 'job.create', 'account.export']));
      expect(audit.every((a: { actorId: string | null; target: string | null }) => a.actorId === alice.user.id || a.target === alice.user.id)).toBe(true);
      expect(files.get('README.txt')?.toString()).toContain('profile.json');

      // Nothing of Bob's: not his ids, email, file names or bytes, in any entry.
      const everything = [...files.entries()].map(([name, content]) => `${name}\n${content.toString('latin1')}`).join('\n');
      for (const secret of [bob.user.id, 'bob@example.com', 'bobmarker', bob.uploadId, bob.jobId, bob.templateId, bob.keyId]) expect(everything).not.toContain(secret);
      // …and no secrets of Alice's either.
      expect(everything).not.toContain('argon2');
      expect(everything).not.toContain(alice.key);
    });

    it('exports with an API key too, and the export itself is audited', async (ctx) => {
      if (!available) return ctx.skip();
      const user = await createUser(s.store, 'carol@example.com', 'viewer');
      const key = await apiKeyFor(s.url, await login(s.url, 'carol@example.com'));
      const res = await fetch(`${s.url}/api/account/export`, { headers: { authorization: `Bearer ${key.key}` } });
      expect(res.status).toBe(200);
      const files = await unzipAll(Buffer.from(await res.arrayBuffer()));
      expect(asJson(files, 'profile.json').email).toBe('carol@example.com');
      expect(asJson(files, 'jobs.json')).toEqual([]);
      const log = await s.store.audit.query({ userId: user.id, action: 'account.export' });
      expect(log).toHaveLength(1);
      expect((await fetch(`${s.url}/api/account/export`)).status).toBe(401);
    });

    it("an admin's export shows what they did to others without the others' personal data", async (ctx) => {
      if (!available) return ctx.skip();
      const bossUser = await createUser(s.store, 'boss@example.com', 'admin');
      const boss = await login(s.url, 'boss@example.com');
      const created = await api(s.url, '/api/users', { method: 'POST', body: { email: 'zed@example.com', password: 'a long enough password', role: 'viewer' }, client: boss });
      expect(created.status).toBe(201);
      const res = await fetch(`${s.url}/api/account/export`, { headers: { cookie: boss.cookie! } });
      const files = await unzipAll(Buffer.from(await res.arrayBuffer()));
      const entry = asJson(files, 'audit.json').find((a: { action: string }) => a.action === 'user.create');
      expect(entry).toMatchObject({ target: created.body.id, details: {} });
      expect([...files.values()].map((b) => b.toString('latin1')).join('\n')).not.toContain('zed@example.com');
      await s.store.users.update(bossUser.id, { role: 'editor' });
    });

    it('erases an account: password and CSRF required, running jobs cancelled, rows and files gone, audit kept as ids only', async (ctx) => {
      if (!available) return ctx.skip();
      const dave = await populated('dave@example.com', 'davemarker');
      const erin = await populated('erin@example.com', 'erinmarker');
      await api(s.url, '/api/auth/login', { method: 'POST', body: { email: 'dave@example.com', password: 'wrong password!' } });
      // A running job: the worker is inside it, with a partial output directory on disk.
      const blocking = await api(s.url, '/api/videos', { method: 'POST', body: { spec: { ...TINY_SPEC, title: 'Blocks' } }, client: dave.client });
      const runningId: string = blocking.body.jobs[0].id;
      await waitForState(s.store, runningId, ['running'], 30_000);
      await waitFor('the partial output', async () => (await readdir(s.config.artifactsDir)).some((n) => n.startsWith(`${runningId}.partial-`)), 10_000);
      const uploadPath = (await s.store.uploads.get(dave.uploadId))!.path;
      expect(existsSync(uploadPath)).toBe(true);
      expect(existsSync(join(s.config.artifactsDir, dave.jobId))).toBe(true);

      const noCsrf = await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD }, client: dave.client, csrf: false });
      expect(noCsrf.status).toBe(403);
      const wrong = await api(s.url, '/api/account', { method: 'DELETE', body: { password: 'not the password' }, client: dave.client });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('UNAUTHORIZED');
      const missing = await api(s.url, '/api/account', { method: 'DELETE', body: {}, client: dave.client });
      expect(missing.status).toBe(400);
      expect(await s.store.users.get(dave.user.id)).toBeDefined();

      const erased = await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD }, client: dave.client });
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ jobs: 2, uploads: 1, templates: 1, apiKeys: 1, sessions: 1 });
      expect(erased.body.jobEvents).toBeGreaterThanOrEqual(5);
      expect(erased.headers.getSetCookie().some((c) => c.startsWith('vg_session=;'))).toBe(true);

      // Rows.
      expect(await s.store.users.get(dave.user.id)).toBeUndefined();
      expect(await s.store.jobs.list({ ownerId: dave.user.id })).toEqual([]);
      expect(await s.store.events.list({ ownerId: dave.user.id })).toEqual([]);
      expect(await s.store.uploads.list(dave.user.id)).toEqual([]);
      expect(await s.store.templates.list(dave.user.id)).toEqual([]);
      expect(await s.store.apiKeys.list(dave.user.id)).toEqual([]);
      // Credentials stop working; the email can sign up again as a new person.
      expect((await api(s.url, '/api/auth/me', { client: dave.client })).status).toBe(401);
      expect((await api(s.url, '/api/auth/me', { client: { key: dave.key } })).status).toBe(401);
      // Files: the upload, the finished job's outputs, and the running job's partial directory (the worker removes it
      // when it notices, and the erasure sweeps what is there) — and the cancelled job never publishes outputs.
      expect(existsSync(uploadPath)).toBe(false);
      expect(existsSync(join(s.config.artifactsDir, dave.jobId))).toBe(false);
      await waitFor('the worker to let go of the erased job', async () => !(await readdir(s.config.artifactsDir)).some((n) => n.startsWith(runningId)), 10_000);

      // Audit: entries by or about Dave keep ids, action and time; details and IP are gone, failed sign-ins with his
      // email included; the erasure's own entry stays.
      const about = await s.store.audit.query({ userId: dave.user.id, limit: 1000 });
      const deletion = about.find((a) => a.action === 'account.delete')!;
      expect(deletion).toMatchObject({ actorId: dave.user.id, target: dave.user.id, details: { by: 'self', jobs: 2, uploads: 1 } });
      const earlier = about.filter((a) => a !== deletion);
      expect(earlier.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login', 'upload.create', 'job.create']));
      for (const entry of earlier) expect(entry).toMatchObject({ details: { anonymised: true }, ip: null });
      const failed = (await s.store.audit.query({ action: 'auth.login_failed', limit: 1000 })).filter((a) => JSON.stringify(a.details).includes('dave@'));
      expect(failed).toEqual([]);

      // Erin is untouched.
      expect(await s.store.users.get(erin.user.id)).toBeDefined();
      expect(await s.store.uploads.get(erin.uploadId)).toBeDefined();
      expect(existsSync(join(s.config.artifactsDir, erin.jobId))).toBe(true);
      expect((await api(s.url, '/api/documents', { client: erin.client })).body.uploads).toHaveLength(1);
      expect((await s.store.audit.query({ userId: erin.user.id, action: 'upload.create' }))[0]!.details).toMatchObject({ filename: 'erinmarker.md' });
    });

    it('lets an admin erase a user, never the last admin; others may not erase users', async (ctx) => {
      if (!available) return ctx.skip();
      const root = await createUser(s.store, 'root@example.com', 'admin');
      const rootClient = await login(s.url, 'root@example.com');
      const frank = await populated('frank@example.com', 'frankmarker');
      const grace = await createUser(s.store, 'grace@example.com', 'editor');
      const graceClient = await login(s.url, 'grace@example.com');

      expect((await api(s.url, `/api/users/${frank.user.id}`, { method: 'DELETE', client: graceClient })).status).toBe(403);
      const alone = await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD }, client: rootClient });
      expect(alone.status).toBe(409);
      expect(alone.body.error.code).toBe('CONFLICT');
      expect((await api(s.url, `/api/users/${root.id}`, { method: 'DELETE', client: rootClient })).status).toBe(409);
      expect(await s.store.users.get(root.id)).toBeDefined();

      const erased = await api(s.url, `/api/users/${frank.user.id}`, { method: 'DELETE', client: rootClient });
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ jobs: 1, uploads: 1 });
      expect(await s.store.users.get(frank.user.id)).toBeUndefined();
      expect(existsSync(join(s.config.artifactsDir, frank.jobId))).toBe(false);
      const [entry] = await s.store.audit.query({ action: 'user.delete', userId: frank.user.id });
      expect(entry).toMatchObject({ actorId: root.id, target: frank.user.id, details: { by: 'admin' } });
      expect((await api(s.url, `/api/users/${frank.user.id}`, { method: 'DELETE', client: rootClient })).status).toBe(404);

      // With a second admin, the first may go.
      await api(s.url, `/api/users/${grace.id}`, { method: 'PATCH', body: { role: 'admin' }, client: rootClient });
      expect((await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD }, client: rootClient })).status).toBe(200);
      expect(await s.store.users.get(root.id)).toBeUndefined();
      expect((await api(s.url, '/api/auth/me', { client: graceClient })).body.user.role).toBe('admin');
    });

    it('keeps one admin when the last two erase themselves at the same moment', async (ctx) => {
      if (!available) return ctx.skip();
      // Demote every admin of earlier tests, so exactly two remain.
      for (const u of await s.store.users.list()) if (u.role === 'admin') await s.store.users.update(u.id, { role: 'editor' });
      const [a, b] = [await createUser(s.store, 'a-admin@example.com', 'admin'), await createUser(s.store, 'b-admin@example.com', 'admin')];
      const [ca, cb] = [await login(s.url, 'a-admin@example.com'), await login(s.url, 'b-admin@example.com')];
      const results = await Promise.all([ca, cb].map((client) => api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD }, client })));
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const left = (await s.store.users.list()).filter((u) => u.role === 'admin').map((u) => u.id);
      expect(left).toHaveLength(1);
      expect([a.id, b.id]).toContain(left[0]);
    });

    it('needs the second factor too when two-factor is on, and erases the two-factor rows with the account', async (ctx) => {
      if (!available) return ctx.skip();
      const ivan = await createUser(s.store, 'ivan@example.com', 'editor');
      const recovery = newRecoveryCodes();
      await s.store.twoFactor.startEnrolment(ivan.id, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
      expect(await s.store.twoFactor.confirm(ivan.id, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 1, recovery.hashes)).toBe(true);
      const key = newApiKey();
      await s.store.apiKeys.create({ userId: ivan.id, name: 'k', prefix: key.slice(0, 8), keyHash: sha256(key) });

      const noCode = await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD }, client: { key } });
      expect(noCode.status).toBe(401);
      expect(noCode.body.error.details).toMatchObject({ totpRequired: true });
      const wrongCode = await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD, recoveryCode: 'aaaa-bbbb-cccc-dddd' }, client: { key } });
      expect(wrongCode.status).toBe(401);
      expect(await s.store.users.get(ivan.id)).toBeDefined();

      const ok = await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD, recoveryCode: recovery.codes[0] }, client: { key } });
      expect(ok.status).toBe(200);
      expect(await s.store.users.get(ivan.id)).toBeUndefined();
      expect(await s.store.twoFactor.get(ivan.id)).toBeUndefined();
    });

    it('erases with an API key (no CSRF for keys) and keeps nothing when the erasure fails', async (ctx) => {
      if (!available) return ctx.skip();
      const heidi = await populated('heidi@example.com', 'heidimarker');
      const key = { key: heidi.key };
      const erase = s.store.erasure.eraseUser;
      s.store.erasure.eraseUser = async () => {
        throw new Error('database went away');
      };
      try {
        const failed = await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD }, client: key });
        expect(failed.status).toBe(500);
        expect(failed.body.error.code).toBe('INTERNAL');
      } finally {
        s.store.erasure.eraseUser = erase;
      }
      expect(await s.store.users.get(heidi.user.id)).toBeDefined();
      expect(existsSync(join(s.config.artifactsDir, heidi.jobId))).toBe(true);
      const ok = await api(s.url, '/api/account', { method: 'DELETE', body: { password: PASSWORD }, client: key });
      expect(ok.status).toBe(200);
      expect(await s.store.users.get(heidi.user.id)).toBeUndefined();
    });
  });
}

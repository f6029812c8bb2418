import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createWorker } from '../../src/queue/index.ts';
import { defaultSources } from '../../src/server/default-sources.ts';
import type { Job } from '../../src/store/types.ts';
import { HOSTILE_CASES, MEDIA_PATH_CASES, type HostileCase } from '../fixtures/hostile/cases.ts';
import { SECRET_MARKERS, writeMediaCases } from '../fixtures/hostile/generate.ts';
import { api, createUser, login, startServer, type Client, type TestServer } from '../server/helpers.ts';
import { waitForState } from '../queue/helpers.ts';

/**
 * Hostile media input: the media-path cases of the corpus (test/fixtures/hostile/cases.ts) against the CLI's
 * validate and the API (as an uploaded spec and as an inline spec), with the answers for existing and missing files
 * compared; and what only the API has — media uploads whose bytes lie about their name, a huge declared upload, and
 * jobs whose media URLs point at loopback, link-local or metadata addresses.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/videogen.mjs');
const MEDIA_CASE = /^(image|background|video|music-src)-/;
const CASES = [...HOSTILE_CASES.filter((c) => MEDIA_CASE.test(c.file)), ...MEDIA_PATH_CASES];

let work: string;
let inside: string;
let s: TestServer;
let editor: Client;

interface Answer {
  code: string;
  message: string;
  raw: string;
}

function assertClean(text: string, what: string): void {
  for (const marker of SECRET_MARKERS) expect(text, `${what} leaks ${marker}`).not.toContain(marker);
  expect(text, `${what} prints a stack trace`).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

/** The answers may differ only in the quoted path and the case's own file name. */
const masked = (a: Answer, c: HostileCase) => `${a.code} ${a.message}`.replaceAll(c.file, '<file>').replace(/"[^"]*"/g, '"<path>"');

async function cliValidate(c: HostileCase): Promise<Answer & { exit: number }> {
  const env = { ...process.env, VIDEOGEN_HOME: join(work, 'home'), VIDEOGEN_EDGE: '0' };
  const child = spawn(process.execPath, [BIN, 'validate', '--json', join(inside, c.file)], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const parsed = JSON.parse(stdout) as { code: string; message: string };
  return { exit, code: parsed.code, message: parsed.message, raw: `${stdout}\n${stderr}` };
}

const fileForm = (name: string, content: Uint8Array | string) => {
  const f = new FormData();
  f.append('file', new Blob([content as BlobPart]), name);
  return f;
};

/** The job once it has ended (the queue tests' waiter: it names the job and times out instead of spinning). */
const settled = (id: string): Promise<Job> => waitForState(s.store, id, ['succeeded', 'failed', 'cancelled']);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'videogen-media-hostile-'));
  inside = join(work, 'in');
  mkdirSync(inside);
  mkdirSync(join(work, 'out'));
  writeMediaCases(inside, join(work, 'out'));
  s = await startServer({
    sources: defaultSources(),
    server: { uploadMaxBytes: 1024 * 1024, mediaMaxBytes: 1024 * 1024 },
    beforeListen: async ({ store, queue, config }) => {
      const worker = createWorker({ store, queue, config, id: 'hostile-media-worker', pollMs: 200, retryBaseMs: 100, heartbeatMs: 500, leaseMs: 10_000, progressIntervalMs: 200 });
      await worker.start();
      return () => worker.stop({ force: true });
    },
  });
  await createUser(s.store, 'ed@example.com', 'editor');
  editor = await login(s.url, 'ed@example.com');
}, 60_000);
afterAll(async () => {
  await s?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('hostile media paths', () => {
  it('covers images, backgrounds, clips and music, each absolute/relative pair with its missing twin', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(16);
    expect(CASES.filter((c) => c.sameAs).length).toBeGreaterThanOrEqual(6);
  });

  it('the CLI validate refuses every case with SOURCE_FORBIDDEN, the same words for existing and missing files', async () => {
    const answers = new Map<string, Answer>();
    const queue = [...CASES];
    await Promise.all(
      [0, 1].map(async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const a = await cliValidate(c);
          answers.set(c.file, a);
          expect(a.exit, `${c.file}: ${a.raw}`).toBe(1);
          expect(a.code, `${c.file}: ${a.raw}`).toBe(c.code);
          expect(a.message).not.toContain('\n');
          assertClean(a.raw, `CLI ${c.file}`);
        }
      }),
    );
    for (const c of CASES.filter((x) => x.sameAs)) expect(masked(answers.get(c.file)!, c), c.file).toBe(masked(answers.get(c.sameAs!)!, CASES.find((x) => x.file === c.sameAs)!));
  }, 600_000);

  it('the API refuses every case as an uploaded spec (parse, create) and inline (create, validate), naming the field', async () => {
    const answers = new Map<string, Answer>();
    for (const c of CASES) {
      const text = readFileSync(join(inside, c.file), 'utf8');
      const up = await api(s.url, '/api/documents/upload', { method: 'POST', form: fileForm(c.file, text), client: editor });
      expect(up.status, c.file).toBe(201);
      const parsed = await api(s.url, '/api/documents/parse', { method: 'POST', body: { document: { uploadId: up.body.id } }, client: editor });
      const created = await api(s.url, '/api/videos', { method: 'POST', body: { source: { uploadId: up.body.id } }, client: editor });
      const inline = await api(s.url, '/api/videos', { method: 'POST', body: { spec: parse(text) }, client: editor });
      for (const [what, r] of [['parse', parsed], ['videos from upload', created], ['videos inline', inline]] as const) {
        expect(r.status, `${what} ${c.file}: ${JSON.stringify(r.body)}`).toBe(403);
        expect(r.body.error.code).toBe('SOURCE_FORBIDDEN');
        expect(r.body.error.details.field, `${what} ${c.file}`).toMatch(/^(scenes\[0\]\.(src|background\.src)|music\.src)$/);
        assertClean(JSON.stringify(r.body), `${what} ${c.file}`);
      }
      const validated = await api(s.url, '/api/validate', { method: 'POST', body: parse(text), client: editor });
      expect(validated.body, c.file).toMatchObject({ valid: false, problems: [{ code: 'SOURCE_FORBIDDEN' }] });
      answers.set(c.file, { code: inline.body.error.code, message: inline.body.error.message, raw: '' });
    }
    for (const c of CASES.filter((x) => x.sameAs)) expect(masked(answers.get(c.file)!, c), c.file).toBe(masked(answers.get(c.sameAs!)!, CASES.find((x) => x.file === c.sameAs)!));
    expect(await s.store.jobs.list({})).toEqual([]);
  }, 120_000);
});

describe('hostile media uploads', () => {
  it('bytes that are not media are 415 whatever the name says (HTML as .png, SVG with script, a shell script as .mp4)', async () => {
    const lies: [string, string][] = [
      ['photo.png', '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'],
      ['photo.jpg', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
      ['clip.mp4', '#!/bin/sh\nrm -rf /\n'],
      ['track.mp3', '\u00ff\u00fbnot really mpeg audio at all'],
    ];
    for (const [name, content] of lies) {
      const media = await api(s.url, '/api/media/upload', { method: 'POST', form: fileForm(name, content), client: editor });
      expect(media.status, name).toBe(415);
      expect(media.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      // The document route refuses media extensions outright.
      const doc = await api(s.url, '/api/documents/upload', { method: 'POST', form: fileForm(name, content), client: editor });
      expect(doc.status, name).toBe(415);
    }
    expect((await api(s.url, '/api/media', { client: editor })).body.media).toEqual([]);
  });

  it('a huge declared upload is 413 at once, the connection is closed, and the server stays healthy', async () => {
    const u = new URL(`${s.url}/api/media/upload`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(2 ** 40) } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('error', reject);
      req.write('--b\r\nContent-Disposition: form-data; name="file"; filename="huge.mov"\r\n\r\n\u0000\u0000\u0000\u0014ftypqt  ');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await api(s.url, '/api/health')).status).toBe(200);
  });
});

describe('media URLs to private addresses', () => {
  const urls = ['http://127.0.0.1/a.png', 'http://169.254.169.254/latest/meta-data/a.png', 'http://[::ffff:127.0.0.1]/a.png', 'http://2130706433/a.png', 'http://localhost:8080/a.png', 'http://10.0.0.8/a.mp4'];

  it('pass validation (they are URLs) and end their job as a SOURCE_UNREADABLE failure, never a crash', async () => {
    for (const url of urls) {
      const spec = { id: 'u', title: 'U', scenes: [{ kind: 'image', src: url, narration: 'A picture.' }] };
      expect((await api(s.url, '/api/validate', { method: 'POST', body: spec, client: editor })).body.valid, url).toBe(true);
      const res = await api(s.url, '/api/videos', { method: 'POST', body: { spec, options: { preset: 'draft' } }, client: editor });
      expect(res.status, url).toBe(202);
      const job = await settled(res.body.jobs[0].id);
      expect(job, url).toMatchObject({ state: 'failed', errorCode: 'SOURCE_UNREADABLE' });
      expect(job.errorMessage, url).toContain('scenes[0].src');
      expect(job.errorMessage, url).toMatch(/loopback|metadata|private|link-local/);
    }
    expect((await api(s.url, '/api/health')).status).toBe(200);
  }, 120_000);
});

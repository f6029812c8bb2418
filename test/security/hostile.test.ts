import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../src/errors.ts';
import { HOSTILE_CASES, type HostileCase } from '../fixtures/hostile/cases.ts';
import { SECRET_MARKERS, generateCorpus } from '../fixtures/hostile/generate.ts';
import { RENDER_PROCESS_ENV } from '../../src/pipeline/render-env.ts';

/**
 * The hostile-input corpus (test/fixtures/hostile) against the real CLI and a real server in a child process. Every
 * case must get its coded 4xx / exit 1 with a one-line message; no answer may contain a secret marker, a raw bidi
 * control or a stack trace; a case naming an existing forbidden file must get the same answer as one naming a
 * missing file; the server must answer /api/health after each case, and the cases may add at most CASES_BUDGET to its RSS.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const STATIC = join(ROOT, 'test/fixtures/hostile');
const BIN = join(ROOT, 'bin/videogen.mjs');
/**
 * What the hostile cases may cost on top of the server's own start-up. Not an absolute 1 GB: the embedded PGlite store
 * alone starts at 558–889 MiB RSS from run to run on the 2-core machine (the same code, measured here and at the
 * previous release), which left anything from 450 to 135 MiB for the cases and made the check measure the store's
 * luck. A 2 GiB decompression bomb that was not bounded would blow far past this budget.
 */
const CASES_BUDGET = 512 * 1024 * 1024;
const RAW_BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f]/;

let work: string;
let inside: string;
let server: ChildProcess;
let base: string;
let key: string;
let peakRss = 0;
let startRss = 0;
let sampler: NodeJS.Timeout;

const pathOf = (c: HostileCase) => join(c.where === 'static' ? STATIC : inside, c.file);

/** VmRSS and VmHWM (peak) of the server process, in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

function assertClean(text: string, what: string): void {
  for (const marker of SECRET_MARKERS) expect(text, `${what} leaks ${marker}`).not.toContain(marker);
  expect(RAW_BIDI.test(text), `${what} prints a raw bidi control`).toBe(false);
  expect(text, `${what} prints a stack trace`).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

interface Answer {
  code: string;
  message: string;
  limit?: unknown;
  raw: string;
}

async function cli(c: HostileCase): Promise<Answer & { exit: number }> {
  const spec = /\.(ya?ml|json)$/i.test(c.file);
  const args = spec ? ['validate', '--json', pathOf(c)] : ['create', '--spec-only', '-o', join(work, 'cli-out'), pathOf(c)];
  // The allocator variables are what bin/videogen.mjs would re-execute `create` to set; giving them saves a process.
  const env = { ...process.env, VIDEOGEN_HOME: join(work, 'home'), VIDEOGEN_EDGE: '0', ...RENDER_PROCESS_ENV };
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  const raw = `${stdout}\n${stderr}`;
  if (spec) {
    const parsed = JSON.parse(stdout) as { code: string; message: string };
    return { exit, code: parsed.code, message: parsed.message, raw };
  }
  const first = stderr.split('\n')[0] ?? '';
  const m = /^error ([A-Z_]+): (.*)$/.exec(first);
  return { exit, code: m?.[1] ?? '', message: m?.[2] ?? first, raw };
}

async function call(method: string, path: string, body?: unknown, form?: FormData): Promise<{ status: number; body: { error?: { code: string; message: string; details?: Record<string, unknown> } }; raw: string }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, ...(form ? { body: form } : body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) });
  const raw = await res.text();
  return { status: res.status, body: raw ? JSON.parse(raw) : {}, raw };
}

const answerOf = (r: Awaited<ReturnType<typeof call>>): Answer => ({ code: r.body.error?.code ?? `HTTP ${r.status}`, message: r.body.error?.message ?? '', limit: r.body.error?.details?.limit, raw: r.raw });

async function healthy(): Promise<void> {
  const res = await fetch(`${base}/api/health`);
  expect(res.status).toBe(200);
}

async function upload(name: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)]), name);
  return call('POST', '/api/documents/upload', undefined, form);
}

/** The answers must not differ except in the named path (quoted) and the case's own file name. */
const masked = (a: Answer, c: HostileCase) => `${a.code} ${a.message}`.replaceAll(c.file, '<file>').replace(/"[^"]*"/g, '"<path>"');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'videogen-hostile-'));
  ({ inside } = await generateCorpus(work));
  server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/security/serve-child.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: server.stdout! }).once('line', resolve);
    server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  ({ url: base, key } = JSON.parse(line) as { url: string; key: string });
  startRss = memoryOf(server.pid!).rss;
  // Start the peak (VmHWM) afresh: what counts is the memory the cases cost, not the store's start-up.
  writeFileSync(`/proc/${server.pid}/clear_refs`, '5');
  sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, memoryOf(server.pid!).rss);
    } catch {
      // the process may be gone at the very end
    }
  }, 50);
}, 180_000);

afterAll(async () => {
  clearInterval(sampler);
  if (server?.pid) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('hostile corpus', () => {
  it('every case: the CLI exits 1 with the coded one-line message, without leaks', async () => {
    const answers = new Map<string, Answer>();
    // Two at a time: the machine has two cores.
    const queue = [...HOSTILE_CASES];
    await Promise.all(
      [0, 1].map(async () => {
        for (let c = queue.shift(); c; c = queue.shift()) {
          const a = await cli(c);
          answers.set(c.file, a);
          expect(a.exit, `${c.file}: ${a.raw}`).toBe(1);
          expect(a.code, `${c.file}: ${a.raw}`).toBe(c.code);
          expect(a.message.length, c.file).toBeGreaterThan(10);
          expect(a.message, c.file).not.toContain('\n');
          if (c.limit) expect(a.message, c.file).toContain(`(limit ${c.limit})`);
          assertClean(a.raw, `CLI ${c.file}`);
        }
      }),
    );
    for (const c of HOSTILE_CASES.filter((x) => x.sameAs)) expect(masked(answers.get(c.file)!, c), c.file).toBe(masked(answers.get(c.sameAs!)!, HOSTILE_CASES.find((x) => x.file === c.sameAs)!));
  }, 600_000);

  it('every case: the API answers the coded 4xx at upload, parse and create, stays healthy and within its memory budget', async () => {
    const answers = new Map<string, Answer>();
    for (const c of HOSTILE_CASES) {
      const status = ERROR_CODES[c.code as ErrorCode].status;
      const up = await upload(c.file, readFileSync(pathOf(c)));
      assertClean(up.raw, `upload ${c.file}`);
      if (c.refusedAtUpload) {
        expect(up.status, `${c.file}: ${up.raw}`).toBe(status);
        expect(up.body.error?.code).toBe(c.code);
        answers.set(c.file, answerOf(up));
      } else {
        expect(up.status, `${c.file}: ${up.raw}`).toBe(201);
        const uploadId = (up.body as unknown as { id: string }).id;
        const parsed = await call('POST', '/api/documents/parse', { document: { uploadId } });
        const created = await call('POST', '/api/videos', { source: { uploadId } });
        for (const [what, r] of [['parse', parsed], ['videos', created]] as const) {
          expect(r.status, `${what} ${c.file}: ${r.raw}`).toBe(status);
          expect(r.status).toBeLessThan(500);
          expect(r.body.error?.code, `${what} ${c.file}`).toBe(c.code);
          if (c.limit) expect(r.body.error?.details?.limit, `${what} ${c.file}`).toBe(c.limit);
          assertClean(r.raw, `${what} ${c.file}`);
        }
        answers.set(c.file, answerOf(parsed));
      }
      await healthy();
    }
    for (const c of HOSTILE_CASES.filter((x) => x.sameAs)) expect(masked(answers.get(c.file)!, c), c.file).toBe(masked(answers.get(c.sameAs!)!, HOSTILE_CASES.find((x) => x.file === c.sameAs)!));
    const { peak } = memoryOf(server.pid!);
    console.log(`server RSS: ${(startRss / 1048576).toFixed(0)} MiB after start; peak over the corpus ${(Math.max(peak, peakRss) / 1048576).toFixed(0)} MiB`);
    expect(Math.max(peak, peakRss) - startRss).toBeLessThan(CASES_BUDGET);
  }, 600_000);

  it('the 2 GiB DOCX bomb parsed three times keeps the server within its memory budget', async () => {
    const before = memoryOf(server.pid!);
    const up = await upload('bomb-2gib.docx', readFileSync(join(inside, 'bomb-2gib.docx')));
    const lying = await upload('bomb-lying.docx', readFileSync(join(inside, 'bomb-lying.docx')));
    for (let i = 0; i < 3; i++) {
      for (const u of [up, lying]) {
        const r = await call('POST', '/api/documents/parse', { document: { uploadId: (u.body as unknown as { id: string }).id } });
        expect(r.status).toBe(422);
        expect(r.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'archive.bytes' } });
      }
      await healthy();
    }
    const after = memoryOf(server.pid!);
    console.log(`DOCX bomb ×3 (+ lying ×3): RSS before ${(before.rss / 1048576).toFixed(0)} MiB, after ${(after.rss / 1048576).toFixed(0)} MiB, peak ${(Math.max(after.peak, peakRss) / 1048576).toFixed(0)} MiB`);
    expect(Math.max(after.peak, peakRss) - startRss).toBeLessThan(CASES_BUDGET);
  }, 300_000);

  it('API-only cases: truncated multipart, deep JSON bodies, 10,000 inline scenes, file entries in a set body', async () => {
    // Truncated multipart: the closing boundary never comes.
    const boundary = 'videogenhostile';
    const partial = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.md"\r\nContent-Type: text/markdown\r\n\r\n# Hello\nsome text`;
    const u = new URL(`${base}/api/documents/upload`);
    const truncated = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': Buffer.byteLength(partial) } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end(partial);
    });
    expect(truncated.status, truncated.body).toBe(400);
    expect(JSON.parse(truncated.body).error.code).toBe('VALIDATION_FAILED');
    await healthy();

    const deep = readFileSync(join(inside, 'deep-object.json'), 'utf8');
    for (const path of ['/api/validate', '/api/videos']) {
      const r = await call('POST', path, path === '/api/videos' ? `{"spec":${deep}}` : deep);
      expect(r.status, `${path}: ${r.raw.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
      assertClean(r.raw, path);
      await healthy();
    }
    const many = JSON.parse(readFileSync(join(inside, 'scenes-10000.json'), 'utf8')) as unknown;
    const r = await call('POST', '/api/videos', { spec: many });
    expect(r.body.error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'spec.scenes', max: 500 } });
    const set = await call('POST', '/api/videos', { set: { id: 's', name: 'S', videos: [{ file: '/etc/passwd' }] } });
    expect(set.status).toBeGreaterThanOrEqual(400);
    expect(set.status).toBeLessThan(500);
    assertClean(set.raw, 'set body');
    await healthy();
  }, 120_000);
});

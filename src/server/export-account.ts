import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { ZipFile } from 'yazl';
import type { AuditEntry, Job, Publication, Store, User } from '../store/types.ts';
import { toChannel, toPublication, toSchedule, toScheduleRun } from './publish-schemas.ts';
import { toApiKey, toJob, toTemplate, toUpload, toUser } from './schemas.ts';
import { insideDir } from './paths.ts';

/** Already-compressed outputs are stored, not deflated again: it saves CPU and would not make them smaller. */
const STORED = new Set(['.mp4', '.png', '.jpg', '.jpeg', '.webm', '.m4a', '.mp3', '.wav', '.pdf', '.docx', '.zip', '.gz']);
const PAGE = 500;

const README = `videogen data export

profile.json      your account (no password hash, no two-factor secret)
api-keys.json     your API keys' names, prefixes and times (the keys themselves are never stored)
templates.json    your templates
uploads.json      your uploads' metadata; the files are under uploads/<id>/
jobs.json         your jobs (input, options, state); each job's events are in jobs/<id>/events.json
jobs/<id>/outputs the files each job produced (video, captions, thumbnail, manifest…)
jobs/<id>/translations.json  translations of a job made with review: true (each language's spec and state)
channels.json     your connected channels (names, ids, statistics; their tokens are never exported)
publications.json your publications: what was uploaded where, its state, video id and statistics
schedules.json    your schedules; each one's runs are in schedules/<id>/runs.json
audit.json        audit-log entries you made or that are about you
`;

const DAY_MS = 24 * 3_600_000;
/** The most rows the publications repository returns at once. */
const WINDOW_ROWS = 1000;

/**
 * Every publication of `ownerId`. The repository pages by neither id nor time, but it filters on a time window
 * (publishAt, else createdAt), and disjoint windows that cover all time hold every row exactly once: windows that come
 * back full are halved until none is.
 */
async function allPublications(store: Store, ownerId: string, since: Date): Promise<Publication[]> {
  const out: Publication[] = [];
  const window = async (from: Date | undefined, to: Date | undefined): Promise<void> => {
    const rows = await store.publications.list({ ownerId, ...(from ? { from } : {}), ...(to ? { to } : {}), limit: WINDOW_ROWS });
    if (rows.length < WINDOW_ROWS || !from || !to || to.getTime() - from.getTime() < 2) {
      out.push(...rows);
      return;
    }
    const middle = new Date(Math.floor((from.getTime() + to.getTime()) / 2));
    await window(from, middle);
    await window(middle, to);
  };
  // Before the account existed (none, unless clocks moved), its lifetime up to a few years ahead (scheduled
  // releases), and after that: the outer two are open-ended, the middle one is split as needed.
  const start = new Date(since.getTime() - DAY_MS);
  const end = new Date(Date.now() + 5 * 365 * DAY_MS);
  await window(undefined, start);
  await window(start, end);
  await window(end, undefined);
  return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

/** A JSON array written page by page, so a user with a long history never has it all in memory at once. */
function jsonArray<T>(pages: () => AsyncGenerator<T[]>): Readable {
  return Readable.from(
    (async function* () {
      yield Buffer.from('[');
      let first = true;
      for await (const page of pages()) {
        for (const item of page) {
          yield Buffer.from(`${first ? '' : ','}\n${JSON.stringify(item)}`);
          first = false;
        }
      }
      yield Buffer.from('\n]\n');
    })(),
    { objectMode: false },
  );
}

/** A zip entry name from a stored display name: one path segment, never `..`. */
function entryName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a zip entry name
  const cleaned = name.replace(/[/\\\u0000-\u001f]/g, '_').slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}

/** Regular files under `dir`, relative paths; symlinks are skipped (they point at someone else's bytes). */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => []);
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

export interface ExportDeps {
  store: Store;
  artifactsDir: string;
  uploadsDir: string;
  log: FastifyBaseLogger;
}

/**
 * A zip of everything videogen holds about `user` (GDPR art. 15 and 20), written as a stream: entries are added as
 * their rows are read, and every file or JSON document is opened only when the zip writer reaches it, so memory stays
 * flat however large the account is. The returned stream is the response body.
 */
export function exportAccount(deps: ExportDeps, user: User): Readable {
  const { store } = deps;
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  let current: Readable | undefined;
  // A client that goes away stops the export: the entry being read is closed, and nothing more is opened.
  let stopped = false;
  output.once('close', () => {
    stopped = true;
    current?.destroy();
  });
  // A failure half-way (a file removed meanwhile, the database gone) ends the download early; the client sees a
  // truncated zip rather than a complete-looking one that misses data.
  zip.on('error', (error: Error) => {
    if (!stopped) deps.log.error({ err: error, userId: user.id }, 'account export failed');
    stopped = true;
    output.destroy(error);
  });
  const lazy = (name: string, open: () => Readable, compress = true) =>
    zip.addReadStreamLazy(name, { compress }, (done) => {
      if (stopped) return;
      current = open();
      // yazl pipes the entry without listening for its errors; unheard, one would crash the process.
      current.once('error', (error) => zip.emit('error', error));
      done(null, current);
    });

  async function fill(): Promise<void> {
    zip.addBuffer(Buffer.from(README), 'README.txt');
    zip.addBuffer(json(toUser(user)), 'profile.json');
    const keys = await store.apiKeys.list(user.id);
    const templates = await store.templates.list(user.id);
    zip.addBuffer(json(keys.map(toApiKey)), 'api-keys.json');
    zip.addBuffer(json(templates.map(toTemplate)), 'templates.json');

    const uploads = await store.uploads.list(user.id);
    zip.addBuffer(json(uploads.map(toUpload)), 'uploads.json');
    for (const upload of uploads) {
      if (!insideDir(deps.uploadsDir, upload.path)) continue;
      const name = entryName(upload.filename);
      lazy(`uploads/${upload.id}/${name}`, () => createReadStream(upload.path), !STORED.has(extname(name).toLowerCase()));
    }

    const jobs: Job[] = [];
    for (let before: string | undefined; ; ) {
      const page = await store.jobs.list({ ownerId: user.id, limit: PAGE, ...(before ? { before } : {}) });
      jobs.push(...page);
      if (page.length < PAGE || stopped) break;
      before = page.at(-1)!.id;
    }
    zip.addBuffer(json(jobs.map((j) => toJob(j, { input: true }))), 'jobs.json');
    for (const job of jobs) {
      if (stopped) return;
      lazy(`jobs/${job.id}/events.json`, () =>
        jsonArray(async function* () {
          for (let afterId = 0; ; ) {
            const page = await store.events.list({ jobId: job.id, afterId, limit: PAGE });
            yield page.map((e) => ({ id: e.id, type: e.type, data: e.data, at: e.createdAt.toISOString() }));
            if (page.length < PAGE) return;
            afterId = page.at(-1)!.id;
          }
        }),
      );
      const translations = await store.translations.list(job.id);
      if (translations.length > 0) zip.addBuffer(json(translations.map((t) => ({ language: t.language, state: t.state, translatedBy: t.translatedBy, updatedAt: t.updatedAt.toISOString(), spec: t.spec }))), `jobs/${job.id}/translations.json`);
      const dir = join(deps.artifactsDir, job.id);
      for (const rel of await filesUnder(dir)) lazy(`jobs/${job.id}/outputs/${rel}`, () => createReadStream(join(dir, rel)), !STORED.has(extname(rel).toLowerCase()));
    }

    const channels = await store.channels.list(user.id);
    zip.addBuffer(json(channels.map(toChannel)), 'channels.json');
    const publications = await allPublications(store, user.id, user.createdAt);
    zip.addBuffer(json(publications.map(toPublication)), 'publications.json');
    const schedules = await store.schedules.list(user.id);
    zip.addBuffer(json(schedules.map(toSchedule)), 'schedules.json');
    for (const schedule of schedules) {
      if (stopped) return;
      lazy(`schedules/${schedule.id}/runs.json`, () =>
        jsonArray(async function* () {
          for (let from: Date | undefined; ; ) {
            const page = await store.schedules.runs(schedule.id, { ...(from ? { from } : {}), limit: PAGE });
            yield page.map(toScheduleRun);
            if (page.length < PAGE) return;
            from = new Date(page.at(-1)!.slotAt.getTime() + 1);
          }
        }),
      );
    }

    // Audit entries are the user's data only as far as they are about the user: what an admin did to someone else
    // (their email in user.create, their file name in upload.delete) and another actor's IP stay out of the export.
    const own = new Set<string>([user.id, ...keys.map((k) => k.id), ...templates.map((t) => t.id), ...uploads.map((u) => u.id), ...jobs.map((j) => j.id), ...channels.map((c) => c.id), ...publications.map((p) => p.id), ...schedules.map((x) => x.id)]);
    const shown = (a: AuditEntry) => ({
      id: a.id,
      actorId: a.actorId,
      action: a.action,
      target: a.target,
      details: a.target === null || own.has(a.target) || a.details.ownerId === user.id ? a.details : {},
      ip: a.actorId === user.id ? a.ip : null,
      at: a.createdAt.toISOString(),
    });
    lazy('audit.json', () =>
      jsonArray(async function* () {
        for (let beforeId: number | undefined; ; ) {
          const page: AuditEntry[] = await store.audit.query({ userId: user.id, limit: PAGE, ...(beforeId !== undefined ? { beforeId } : {}) });
          yield page.map(shown);
          if (page.length < PAGE) return;
          beforeId = page.at(-1)!.id;
        }
      }),
    );
    zip.end();
  }

  fill().catch((error: unknown) => zip.emit('error', error));
  return output;
}

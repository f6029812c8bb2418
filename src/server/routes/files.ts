import { createReadStream } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { apiError, notFound } from '../errors.ts';
import { LANGUAGE_DIR, LANGUAGE_FILE, TOP_NAME, jobFiles, visibleJob } from '../jobs.ts';
import { insideDir } from '../paths.ts';
import type { Job } from '../../store/types.ts';
import { rateLimit } from '../limits.ts';
import { parseRange } from '../range.ts';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
};

const NAMES = 'video.mp4, thumbnail.png, manifest.json, metadata.json, chapters.txt, credits.txt or captions.<lang>.srt|vtt';
const Params = z.object({ id: z.string().uuid({ error: 'must be a UUID' }), name: z.string().regex(TOP_NAME, { error: `must be ${NAMES} (or index.json of a multilingual job)` }) });
const LanguageParams = z.object({
  id: z.string().uuid({ error: 'must be a UUID' }),
  lang: z.string().regex(LANGUAGE_DIR, { error: 'must be a language folder of a multilingual job, e.g. de or pt-BR' }),
  name: z.string().regex(LANGUAGE_FILE, { error: `must be ${NAMES} or spec.yaml` }),
});
const Download = z.object({ download: z.enum(['1', 'true']).optional() });

/** Where a file of a job is, or NOT_FOUND: never outside the job's output directory, never through a symlink. */
async function outputFile(job: Job, rel: readonly string[]): Promise<{ path: string; size: number; mtimeMs: number }> {
  // Only finished jobs: a running job's files may be half-written.
  if (job.state !== 'succeeded' || !job.outputDir) throw apiError('NOT_FOUND', `the job is ${job.state}; its files are available once it has succeeded`);
  const path = join(job.outputDir, ...rel);
  if (!insideDir(job.outputDir, path)) throw notFound(`file ${rel.join('/')}`);
  for (let i = 1; i <= rel.length; i++) {
    const info = await lstat(join(job.outputDir, ...rel.slice(0, i))).catch(() => undefined);
    const ok = i < rel.length ? info?.isDirectory() : info?.isFile();
    if (!ok) throw notFound(`file ${rel.join('/')}`);
  }
  const info = await stat(path);
  return { path, size: info.size, mtimeMs: info.mtimeMs };
}

/** Streams one output with validators (ETag, Last-Modified, 304), single byte ranges (206/416) and If-Range. */
function sendOutput(request: FastifyRequest, reply: FastifyReply, job: Job, info: { path: string; size: number; mtimeMs: number }, label: string, download: boolean) {
  const { path } = info;
  const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const lastModified = new Date(Math.floor(info.mtimeMs / 1000) * 1000);
  void reply.header('etag', etag).header('last-modified', lastModified.toUTCString()).header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=0, must-revalidate');
  void reply.type(TYPES[extname(path)] ?? 'application/octet-stream');
  if (download) void reply.header('content-disposition', `attachment; filename="${(job.title ?? 'video').replace(/[^\w.-]+/g, '_').slice(0, 60)}-${label.replace(/[^\w.-]+/g, '_')}"`);

  const inm = request.headers['if-none-match'];
  const ims = request.headers['if-modified-since'];
  if ((inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) || (!inm && ims && Date.parse(ims) >= lastModified.getTime())) return reply.code(304).send();

  // If-Range: a range only applies while the file is still the one the client saw.
  const ifRange = request.headers['if-range'] as string | undefined;
  const rangeHeader = ifRange && ifRange !== etag && Date.parse(ifRange) !== lastModified.getTime() ? undefined : request.headers.range;
  const range = parseRange(rangeHeader, info.size);
  if (range.kind === 'unsatisfiable') {
    void reply.header('content-range', `bytes */${info.size}`);
    throw apiError('RANGE_NOT_SATISFIABLE', `range ${rangeHeader} is outside the file (${info.size} bytes)`, { size: info.size });
  }
  if (range.kind === 'partial') {
    void reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${info.size}`).header('content-length', range.end - range.start + 1);
    return reply.send(createReadStream(path, { start: range.start, end: range.end }));
  }
  void reply.header('content-length', info.size);
  return reply.send(createReadStream(path));
}

/** Downloads and streaming of a succeeded job's outputs, with validators and single byte ranges for video seeking. */
export function fileRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/jobs/:id/files', {
    schema: { tags: ['jobs'], summary: 'Output files of a succeeded job; a multilingual job has index.json and <lang>/<name> for each language', params: Params.pick({ id: true }), response: { 200: z.object({ files: z.array(z.object({ name: z.string(), bytes: z.number(), url: z.string() })) }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const job = await visibleJob(request, request.params.id);
    const names = await jobFiles(job);
    return { files: await Promise.all(names.map(async (name) => ({ name, bytes: (await stat(join(job.outputDir!, name))).size, url: `/api/jobs/${job.id}/files/${name}` }))) };
  });

  r.get('/api/jobs/:id/files/:name', {
    schema: {
      tags: ['jobs'],
      summary: 'Download or stream an output (Range, If-None-Match and If-Modified-Since supported; ?download=1 for an attachment)',
      params: Params,
      querystring: Download,
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request, reply) => {
    const job = await visibleJob(request, request.params.id);
    const file = await outputFile(job, [request.params.name]);
    return sendOutput(request, reply, job, file, request.params.name, Boolean(request.query.download));
  });

  r.get('/api/jobs/:id/files/:lang/:name', {
    schema: {
      tags: ['jobs'],
      summary: "Download or stream one language's output of a multilingual job (<lang>/video.mp4 …), with the same Range and validator handling",
      params: LanguageParams,
      querystring: Download,
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request, reply) => {
    const job = await visibleJob(request, request.params.id);
    const { lang, name } = request.params;
    const file = await outputFile(job, [lang, name]);
    return sendOutput(request, reply, job, file, `${lang}-${name}`, Boolean(request.query.download));
  });
}

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { apiError, notFound } from '../errors.ts';
import { OUTPUT_NAME, jobFiles, visibleJob } from '../jobs.ts';
import { rateLimit } from '../limits.ts';
import { parseRange } from '../range.ts';

const TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
};

const Params = z.object({ id: z.string().uuid({ error: 'must be a UUID' }), name: z.string().regex(OUTPUT_NAME, { error: 'must be video.mp4, thumbnail.png, manifest.json, chapters.txt or captions.<lang>.srt|vtt' }) });

/** Downloads and streaming of a succeeded job's outputs, with validators and single byte ranges for video seeking. */
export function fileRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/jobs/:id/files', {
    schema: { tags: ['jobs'], summary: 'Output files of a succeeded job', params: Params.pick({ id: true }), response: { 200: z.object({ files: z.array(z.object({ name: z.string(), bytes: z.number(), url: z.string() })) }) } },
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
      querystring: z.object({ download: z.enum(['1', 'true']).optional() }),
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request, reply) => {
    const job = await visibleJob(request, request.params.id);
    // Only finished jobs: a running job's files may be half-written.
    if (job.state !== 'succeeded' || !job.outputDir) throw apiError('NOT_FOUND', `the job is ${job.state}; its files are available once it has succeeded`);
    const path = join(job.outputDir, request.params.name);
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw notFound(`file ${request.params.name}`);
    const etag = `"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const lastModified = new Date(Math.floor(info.mtimeMs / 1000) * 1000);
    void reply.header('etag', etag).header('last-modified', lastModified.toUTCString()).header('accept-ranges', 'bytes').header('cache-control', 'private, max-age=0, must-revalidate');
    void reply.type(TYPES[extname(path)] ?? 'application/octet-stream');
    if (request.query.download) void reply.header('content-disposition', `attachment; filename="${(job.title ?? 'video').replace(/[^\w.-]+/g, '_').slice(0, 60)}-${request.params.name}"`);

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
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { requireSources } from '../documents.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';

const UrlBody = z.object({ url: z.string().trim().min(1).max(2048).describe('Any YouTube link form or the 11-character id') });
const InfoBody = UrlBody.extend({ language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional().describe('Caption language; the first track when absent') });

/** Seconds of source video per generated scene, and of generation time per scene, from the render benchmarks. */
const SOURCE_SECONDS_PER_SCENE = 30;
const GENERATE_SECONDS_PER_SCENE = 4;

const normalized = (id: string) => `https://www.youtube.com/watch?v=${id}`;
const formatDuration = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

function estimate(durationSeconds: number) {
  const scenes = Math.min(20, Math.max(3, Math.round(durationSeconds / SOURCE_SECONDS_PER_SCENE) + 2));
  return { sceneCount: scenes, estimatedSeconds: scenes * GENERATE_SECONDS_PER_SCENE, videoSeconds: scenes * 7 };
}

function idOf(request: FastifyRequest, url: string): string {
  const id = requireSources(request, 'youtube').findId(url);
  if (!id) throw apiError('VALIDATION_FAILED', 'body.url: not a YouTube video link or id (watch?v=, youtu.be/, /shorts/, /live/, /embed/ or the 11-character id)', { path: 'body.url' });
  return id;
}

/** YouTube: link checks, title/transcript previews and estimates, through the injected adapter. */
export function youtubeRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limit = { access: 'editor' as const, rateLimit: rateLimit(options.rateLimits, 'write') };

  r.post('/api/youtube/validate', {
    schema: { tags: ['youtube'], summary: 'Is this a YouTube video link? Its id and canonical URL', body: UrlBody, response: { 200: z.object({ valid: z.boolean(), videoId: z.string().nullable(), normalizedUrl: z.string().nullable(), error: z.string().nullable() }) } },
    config: limit,
  }, async (request) => {
    const id = requireSources(request, 'youtube').findId(request.body.url);
    return id ? { valid: true, videoId: id, normalizedUrl: normalized(id), error: null } : { valid: false, videoId: null, normalizedUrl: null, error: 'not a YouTube video link or id' };
  });

  r.post('/api/youtube/preview', {
    schema: {
      tags: ['youtube'],
      summary: 'Title, channel, thumbnail, duration and a generation estimate',
      body: InfoBody,
      response: { 200: z.object({ videoId: z.string(), normalizedUrl: z.string(), title: z.string().nullable(), channel: z.string().nullable(), thumbnailUrl: z.string(), durationSeconds: z.number(), durationFormatted: z.string(), language: z.string(), hasTranscript: z.boolean(), estimate: z.object({ sceneCount: z.number(), estimatedSeconds: z.number(), videoSeconds: z.number() }) }) },
    },
    config: limit,
  }, async (request) => {
    const id = idOf(request, request.body.url);
    const info = await requireSources(request, 'youtube').info(id, { ...(request.body.language ? { language: request.body.language } : {}) });
    return {
      videoId: id,
      normalizedUrl: normalized(id),
      title: info.title ?? null,
      channel: info.author ?? null,
      thumbnailUrl: `https://i.ytimg.com/vi/${id}/hqdefault.jpg`,
      durationSeconds: info.durationSeconds,
      durationFormatted: formatDuration(info.durationSeconds),
      language: info.language,
      hasTranscript: info.cues.length > 0,
      estimate: estimate(info.durationSeconds),
    };
  });

  r.post('/api/youtube/transcript-preview', {
    schema: {
      tags: ['youtube'],
      summary: 'The first transcript lines, with totals',
      body: InfoBody,
      response: { 200: z.object({ videoId: z.string(), language: z.string(), segments: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })), totalSegments: z.number(), totalWords: z.number(), previewText: z.string() }) },
    },
    config: limit,
  }, async (request) => {
    const id = idOf(request, request.body.url);
    const info = await requireSources(request, 'youtube').info(id, { ...(request.body.language ? { language: request.body.language } : {}) });
    const segments = info.cues.slice(0, 10);
    return { videoId: id, language: info.language, segments, totalSegments: info.cues.length, totalWords: info.cues.reduce((n, c) => n + c.text.split(/\s+/).filter(Boolean).length, 0), previewText: segments.map((c) => c.text).join(' ').slice(0, 500) };
  });

  r.post('/api/youtube/estimate', {
    schema: { tags: ['youtube'], summary: 'Scene count and generation time for a video', body: InfoBody, response: { 200: z.object({ videoId: z.string(), durationSeconds: z.number(), accurate: z.boolean(), estimate: z.object({ sceneCount: z.number(), estimatedSeconds: z.number(), videoSeconds: z.number() }) }) } },
    config: limit,
  }, async (request) => {
    const id = idOf(request, request.body.url);
    const info = await requireSources(request, 'youtube').info(id, { ...(request.body.language ? { language: request.body.language } : {}) });
    return { videoId: id, durationSeconds: info.durationSeconds, accurate: info.cues.length > 0, estimate: estimate(info.durationSeconds) };
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { caller } from '../auth.ts';
import { DocumentRef, SourceOptionsSchema, loadDocument, parseDocument, specsOf } from '../documents.ts';
import { checkFileKind } from '../file-types.ts';
import { rateLimit } from '../limits.ts';
import { ErrorSchema, IdParams, UploadSchema, toUpload } from '../schemas.ts';
import { receiveUpload } from '../receive-upload.ts';
import { removeUpload } from '../remove-upload.ts';
import { planSummary } from '../../sources/plan-summary.ts';

const SceneSummary = z.object({ id: z.string().optional(), kind: z.string(), title: z.string().optional() });
const VideoPreview = z.object({ id: z.string(), title: z.string(), language: z.string(), sceneCount: z.number(), scenes: z.array(SceneSummary), spec: z.unknown() });
const Body = z.object({ document: DocumentRef, options: SourceOptionsSchema.optional() }).strict();

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Uploads (stored under their id, within the owner's storage quota), their deletion, and document → scenes previews. */
export function documentRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;

  r.post('/api/documents/upload', {
    schema: {
      tags: ['documents'],
      summary: `Upload a document (multipart field "file"; md, txt, rst, pdf, docx, html, yaml, json, srt, vtt; at most ${Math.round(options.uploadMaxBytes / 1048576)} MB)`,
      consumes: ['multipart/form-data'],
      response: { 201: UploadSchema, 413: ErrorSchema.describe('PAYLOAD_TOO_LARGE (over the upload size limit) or QUOTA_EXCEEDED (details.usedBytes, details.quotaBytes)'), 415: ErrorSchema.describe('UNSUPPORTED_MEDIA_TYPE') },
    },
    config: { access: 'editor', rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    const { upload } = await receiveUpload(request, options, { what: 'the document', maxBytes: options.uploadMaxBytes, check: checkFileKind });
    return reply.code(201).send(toUpload(upload));
  });

  r.delete('/api/documents/:id', {
    schema: { tags: ['documents'], summary: 'Delete an upload and its file (yours; admins: anyone\'s)', params: IdParams, response: { 204: z.null(), 404: ErrorSchema.describe('NOT_FOUND (also for uploads of other users)') } },
    config: { rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    await removeUpload(request, options, request.params.id);
    return reply.code(204).send(null);
  });

  r.get('/api/documents', {
    schema: { tags: ['documents'], summary: 'Your uploads', response: { 200: z.object({ uploads: z.array(UploadSchema) }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => ({ uploads: (await store.uploads.list(caller(request).user.id)).map(toUpload) }));

  r.post('/api/documents/parse', {
    schema: { tags: ['documents'], summary: 'Document → the spec(s) it would become, with a scene list per video', body: Body, response: { 200: z.object({ kind: z.enum(['video', 'set']), videos: z.array(VideoPreview), warnings: z.array(z.string()) }) } },
    config: { access: 'editor', rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request) => {
    const result = await parseDocument(request, request.body.document, request.body.options ?? {});
    const videos = specsOf(result).map((spec) => ({
      id: spec.id,
      title: spec.title,
      language: spec.language,
      sceneCount: spec.scenes.length,
      scenes: spec.scenes.map((s) => ({ ...(s.id ? { id: s.id } : {}), kind: s.kind, ...('title' in s && typeof s.title === 'string' ? { title: s.title } : {}) })),
      spec,
    }));
    return { kind: result.kind, videos, warnings: result.warnings };
  });

  r.post('/api/documents/validate', {
    schema: {
      tags: ['documents'],
      summary: 'Can this document become a video? Type and content checks, without making anything',
      body: Body,
      response: { 200: z.object({ valid: z.boolean(), errors: z.array(z.object({ code: z.string(), message: z.string() })), warnings: z.array(z.string()) }) },
    },
    config: { access: 'editor', rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request) => {
    try {
      const result = await parseDocument(request, request.body.document, request.body.options ?? {});
      return { valid: true, errors: [], warnings: result.warnings };
    } catch (error) {
      const e = error as { code?: string; message: string };
      if (e.code === 'NOT_FOUND' || e.code === 'NOT_AVAILABLE' || !e.code) throw error;
      return { valid: false, errors: [{ code: e.code, message: e.message }], warnings: [] };
    }
  });

  r.post('/api/documents/preview', {
    schema: {
      tags: ['documents'],
      summary: 'Document statistics and recommendations before generating',
      body: Body,
      response: {
        200: z.object({
          title: z.string(),
          format: z.string(),
          wordCount: z.number(),
          headings: z.array(z.string()),
          estimatedScenes: z.number(),
          estimatedSeconds: z.number(),
          videos: z.number(),
          recommendations: z.array(z.string()),
          warnings: z.array(z.string()),
        }),
      },
    },
    config: { access: 'editor', rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request) => {
    const doc = await loadDocument(request, request.body.document);
    const kind = checkFileKind(doc.filename, doc.data.subarray(0, 4096));
    const result = await parseDocument(request, request.body.document, request.body.options ?? {});
    const specs = specsOf(result);
    const text = kind.mediaType.startsWith('text/') ? new TextDecoder().decode(doc.data) : '';
    const headings = specs.flatMap((s) => s.scenes.flatMap((sc) => ('title' in sc && typeof sc.title === 'string' ? [sc.title] : []))).slice(0, 20);
    const wordCount = text ? words(text) : specs.reduce((n, s) => n + words(JSON.stringify(s.scenes)), 0);
    const scenes = specs.reduce((n, s) => n + s.scenes.length, 0);
    const recommendations: string[] = [];
    if (text && kind.ext === '.md' && !/^##\s/m.test(text)) recommendations.push('Add ## headings: each section becomes a scene.');
    if (wordCount < 100) recommendations.push('The document is short (under 100 words); the video will be brief.');
    if (wordCount > 5000 && specs.length === 1) recommendations.push('The document is long (over 5000 words) and was condensed to one video; options.videos "auto" splits it into a set that covers more of it.');
    if (scenes > 20 && specs.length === 1) recommendations.push('More than 20 scenes: consider splitting into several videos (options.videos).');
    return { title: specs[0]?.title ?? doc.filename, format: kind.ext.slice(1), wordCount, headings, estimatedScenes: scenes, estimatedSeconds: Math.round(planSummary(specs).seconds), videos: specs.length, recommendations, warnings: result.warnings };
  });
}

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { caller } from '../auth.ts';
import { rateLimit } from '../limits.ts';
import { MEDIA_FORMATS, categoryOf, checkMediaKind, type MediaKind } from '../media-types.ts';
import { receiveUpload } from '../receive-upload.ts';
import { removeUpload } from '../remove-upload.ts';
import { ErrorSchema, IdParams, MediaUploadSchema, toMediaUpload } from '../schemas.ts';

/** The size limit for pictures, clips and tracks: clips are far larger than documents (VIDEOGEN_MEDIA_MAX_MB). */
export function mediaMaxBytes(options: ServerConfig): number {
  return options.mediaMaxBytes;
}

/**
 * Media uploads: pictures, clips and music a spec then names as "upload:<id>". They live in the uploads table beside
 * documents (one quota, one ownership rule, one deletion path) and only their owner's jobs can use them.
 */
export function mediaRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;
  const maxBytes = mediaMaxBytes(options);

  r.post('/api/media/upload', {
    schema: {
      tags: ['media'],
      summary: `Upload a picture, clip or track for specs to name as "upload:<id>" (multipart field "file"; ${MEDIA_FORMATS}, recognised by content; at most ${Math.round(maxBytes / 1048576)} MB)`,
      consumes: ['multipart/form-data'],
      response: {
        201: MediaUploadSchema,
        413: ErrorSchema.describe('PAYLOAD_TOO_LARGE (over the media size limit, also when only declared by Content-Length) or QUOTA_EXCEEDED (details.usedBytes, details.quotaBytes)'),
        415: ErrorSchema.describe('UNSUPPORTED_MEDIA_TYPE: the content is not an accepted picture, clip or audio format, whatever the name says'),
      },
    },
    config: { access: 'editor', rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    const { upload, kind } = await receiveUpload<MediaKind>(request, options, {
      what: 'the picture, clip or track',
      maxBytes,
      check: (_filename, head) => checkMediaKind(head),
      auditDetails: (k) => ({ mediaType: k.mediaType, category: k.category }),
    });
    return reply.code(201).send(toMediaUpload(upload, kind.category));
  });

  r.get('/api/media', {
    schema: { tags: ['media'], summary: 'Your media uploads (pictures, clips, tracks)', response: { 200: z.object({ media: z.array(MediaUploadSchema) }) } },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request) => {
    const uploads = await store.uploads.list(caller(request).user.id);
    return { media: uploads.flatMap((u) => { const category = categoryOf(u.mediaType); return category ? [toMediaUpload(u, category)] : []; }) };
  });

  r.delete('/api/media/:id', {
    schema: { tags: ['media'], summary: 'Delete a media upload and its file (yours; admins: anyone\'s); jobs still naming it fail with NOT_FOUND', params: IdParams, response: { 204: z.null(), 404: ErrorSchema.describe('NOT_FOUND (also for uploads of other users, and for document uploads)') } },
    config: { rateLimit: rateLimit(options.rateLimits, 'write') },
  }, async (request, reply) => {
    await removeUpload(request, options, request.params.id, (mediaType) => categoryOf(mediaType) !== undefined);
    return reply.code(204).send(null);
  });
}

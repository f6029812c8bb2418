import { rm } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';
import { audit } from './audit.ts';
import { canSee } from './auth.ts';
import { notFound } from './errors.ts';
import { insideDir } from './paths.ts';

/**
 * Deletes an upload (document or media) and its file: the caller's own, or anyone's for an admin; 404 otherwise, so
 * other users' upload ids cannot be probed. A job already queued with the upload then fails with NOT_FOUND.
 */
export async function removeUpload(request: FastifyRequest, options: ServerConfig, id: string, accepts: (mediaType: string) => boolean = () => true): Promise<void> {
  const { store } = request.server.deps;
  const upload = await store.uploads.get(id);
  if (!upload || !canSee(request, upload.ownerId) || !accepts(upload.mediaType)) throw notFound('upload');
  if (!(await store.uploads.delete(upload.id))) throw notFound('upload');
  // Only inside the uploads directory: a bad row must never make the server delete anything else.
  if (insideDir(options.uploadsDir, upload.path)) await rm(upload.path, { force: true });
  await audit(request, 'upload.delete', upload.id, { filename: upload.filename, bytes: upload.bytes, ownerId: upload.ownerId });
}

import { readFile } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiSourceOptionsShape } from '../options/zod.ts';
import type { SourceOptions, SourceResult } from '../sources/types.ts';
import { canSee } from './auth.ts';
import { apiError, notFound } from './errors.ts';
import { checkFileKind } from './file-types.ts';
import type { ServerSources } from './sources.ts';

/** Where document content comes from in API bodies: a stored upload, or text pasted into the request. */
export const DocumentRef = z.union([
  z.object({ uploadId: z.string().uuid({ error: 'must be an upload id from POST /api/documents/upload' }) }).strict(),
  z
    .object({
      text: z.string().min(1, { error: 'must not be empty' }),
      format: z.enum(['markdown', 'text', 'rst', 'html']).default('markdown').describe('How to read the text'),
    })
    .strict(),
]);
export type DocumentRef = z.infer<typeof DocumentRef>;

/** Options of a document or topic source (videos, language, targetSeconds): declared once in src/options/table.ts. */
export const SourceOptionsSchema = z.object(apiSourceOptionsShape).strict();

const EXT = { markdown: '.md', text: '.txt', rst: '.rst', html: '.html' } as const;

export interface LoadedDocument {
  data: Uint8Array;
  filename: string;
  path?: string;
}

/** The bytes and name behind a DocumentRef; other users' uploads are 404. */
export async function loadDocument(request: FastifyRequest, ref: DocumentRef): Promise<LoadedDocument> {
  if ('text' in ref) {
    const data = new TextEncoder().encode(ref.text);
    return { data, filename: `pasted${EXT[ref.format]}` };
  }
  const upload = await request.server.deps.store.uploads.get(ref.uploadId);
  if (!upload || !canSee(request, upload.ownerId)) throw notFound('upload');
  return { data: await readFile(upload.path), filename: upload.filename, path: upload.path };
}

export function requireSources<K extends keyof ServerSources>(request: FastifyRequest, key: K): NonNullable<ServerSources[K]> {
  const found = request.server.deps.sources?.[key];
  if (!found) throw apiError('NOT_AVAILABLE', `this server has no ${key} source adapter configured`);
  return found as NonNullable<ServerSources[K]>;
}

/** Document → spec(s) through the injected adapter, after the same type check uploads get. */
export async function parseDocument(request: FastifyRequest, ref: DocumentRef, options: SourceOptions): Promise<SourceResult> {
  const document = requireSources(request, 'document');
  const doc = await loadDocument(request, ref);
  checkFileKind(doc.filename, doc.data.subarray(0, 4096));
  return document({ data: doc.data, filename: doc.filename, ...(doc.path ? { path: doc.path } : {}) }, options);
}

export const specsOf = (result: SourceResult) => (result.kind === 'video' ? [result.spec] : result.specs);

import { readFile } from 'node:fs/promises';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
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

export const SourceOptionsSchema = z
  .object({
    videos: z.union([z.number().int().min(1).max(10), z.literal('auto')]).optional().describe('Split into this many videos (a set) when > 1; "auto": as many as the document needs at targetSeconds each.'),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a BCP-47 tag such as en or pt-BR' }).optional(),
    targetSeconds: z.number().int().min(15).max(3600).optional().describe('Target length of each video in seconds (documents: 180).'),
  })
  .strict();

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

import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';
import type { Upload } from '../store/types.ts';
import { audit } from './audit.ts';
import { caller } from './auth.ts';
import { apiError } from './errors.ts';
import { sanitiseFilename } from './file-types.ts';
import { quotaError, storageUsage } from './quota.ts';

/** The type check a route applies to the first bytes of an upload; throws UNSUPPORTED_MEDIA_TYPE to refuse it. */
export type UploadCheck<K extends { mediaType: string }> = (filename: string, head: Uint8Array) => K;

export interface ReceiveOptions<K extends { mediaType: string }> {
  /** "the document", "the picture, clip or track": for messages. */
  what: string;
  maxBytes: number;
  check: UploadCheck<K>;
  /** Extra audit details (beside filename and bytes). */
  auditDetails?: (kind: K) => Record<string, unknown>;
}

/** Bytes the type checks read; they run as soon as this much has arrived, so a bad file stops the upload early. */
const HEAD_BYTES = 4096;

/** Multipart framing around the file (boundaries, part headers, a few small fields): allowed above the file limit. */
const MULTIPART_SLACK = 64 * 1024;

/**
 * One multipart upload (field "file") into the uploads directory under a fresh id: refused before the body is read
 * when the account is at its quota or the declared length is over the limit; streamed to disk with the type check on
 * the first 4 KB and the quota checked per chunk; recorded in the uploads table and the audit log, or removed
 * entirely. Documents and media share it, so their quota, size and ownership rules cannot drift apart.
 */
export async function receiveUpload<K extends { mediaType: string }>(request: FastifyRequest, options: ServerConfig, opts: ReceiveOptions<K>): Promise<{ upload: Upload; kind: K }> {
  const { user } = caller(request);
  const { store } = request.server.deps;
  if (!request.isMultipart()) throw apiError('UNSUPPORTED_MEDIA_TYPE', `send multipart/form-data with ${opts.what} in the field "file"`);
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > opts.maxBytes + MULTIPART_SLACK) throw apiError('PAYLOAD_TOO_LARGE', `the upload declares ${declared} bytes; the limit is ${opts.maxBytes} bytes`, { limit: opts.maxBytes, declared });
  // Measured before the body is read; the stream below stops as soon as the file would go over the quota.
  const { usedBytes, quotaBytes } = await storageUsage(store, request.server.deps.config.artifactsDir, user.id, options.quotaBytes);
  if (usedBytes >= quotaBytes) throw quotaError(usedBytes, quotaBytes, 'an upload');
  const part = await request.file({ limits: { fileSize: opts.maxBytes } });
  if (!part || part.fieldname !== 'file') throw apiError('VALIDATION_FAILED', `body.file: missing; send ${opts.what} in the multipart field "file"`, { path: 'body.file' });
  const filename = sanitiseFilename(part.filename);
  const id = randomUUID();
  await mkdir(options.uploadsDir, { recursive: true });
  const path = join(options.uploadsDir, id);
  const hash = createHash('sha256');
  let bytes = 0;
  let head = Buffer.alloc(0);
  let kind: K | undefined;
  const inspect = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (usedBytes + bytes > quotaBytes) return done(quotaError(usedBytes, quotaBytes, `this upload (${bytes} bytes so far)`));
      hash.update(chunk);
      if (!kind && head.length < HEAD_BYTES) {
        head = Buffer.concat([head, chunk]).subarray(0, HEAD_BYTES);
        if (head.length >= HEAD_BYTES) {
          try {
            kind = opts.check(filename, head);
          } catch (error) {
            return done(error as Error);
          }
        }
      }
      done(null, chunk);
    },
  });
  const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  try {
    await pipeline(part.file, inspect, out);
    if (part.file.truncated) throw apiError('PAYLOAD_TOO_LARGE', `the file is larger than ${opts.maxBytes} bytes`, { limit: opts.maxBytes });
    if (bytes === 0) throw apiError('VALIDATION_FAILED', 'body.file: the file is empty', { path: 'body.file' });
    kind ??= opts.check(filename, head);
  } catch (error) {
    // pipeline() rejects on the first error without waiting for the file stream to close (nodejs/node#51540): its
    // open() may still be queued, and an rm before it would leave an empty file that no row names. Wait for 'close'.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    await rm(path, { force: true });
    throw error;
  }
  const upload = await store.uploads.create({ id, ownerId: user.id, filename, mediaType: kind.mediaType, bytes, sha256: hash.digest('hex'), path });
  try {
    await audit(request, 'upload.create', id, { filename, bytes, ...opts.auditDetails?.(kind) });
  } catch (error) {
    // An upload the audit log cannot record is taken back: nothing stays on the server that the log does not show.
    await store.uploads.delete(id).catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  return { upload, kind };
}

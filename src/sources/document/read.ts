import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { VideogenError } from '../../errors.ts';
import { SPEC_LIMITS, safeToShow } from '../../spec/index.ts';
import { HEAD_BYTES, checkFileContent } from '../file-kind.ts';

/**
 * Reading local files: a size limit checked before reading, the content check the upload route applies (a binary
 * renamed `.md` is refused), clear errors, and text decoding that survives non-UTF-8 files. Messages show names
 * through safeToShow, so a file name with bidi controls prints as escapes.
 */

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const shownPath = (path: string) => safeToShow(path, 200);

/** Reads at most `maxBytes` (from an open handle, so a file growing after the size check is still cut off). */
async function readBounded(path: string, maxBytes: number, tooLarge: (size: number) => VideogenError): Promise<Buffer> {
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) throw new VideogenError('SOURCE_UNREADABLE', `${shownPath(path)} is not a file`);
    if (info.size > maxBytes) throw tooLarge(info.size);
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw tooLarge(length);
    }
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof VideogenError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new VideogenError('SOURCE_UNREADABLE', code === 'ENOENT' ? `no such file: ${shownPath(path)}` : `cannot read ${shownPath(path)} (${code ?? 'error'})`, undefined, { cause: error });
  } finally {
    await handle?.close();
  }
}

export async function readDocumentFile(path: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<Buffer> {
  const data = await readBounded(path, maxBytes, (size) => new VideogenError('SOURCE_UNREADABLE', `${shownPath(path)} is ${(size / 1048576).toFixed(1)} MB; videogen reads documents up to ${maxBytes / 1048576} MB`));
  checkFileContent(path, data.subarray(0, HEAD_BYTES));
  return data;
}

/** A YAML/JSON spec, set or template file as text: at most spec.bytes, UTF-8, not binary. */
export async function readSpecFile(path: string): Promise<string> {
  const max = SPEC_LIMITS['spec.bytes'];
  const data = await readBounded(path, max, (size) => new VideogenError('LIMIT_EXCEEDED', `${safeToShow(basename(path))} is ${size} bytes; a spec may be at most ${max} bytes (split it into several files) (limit spec.bytes)`, { limit: 'spec.bytes', max }));
  checkFileContent(path, data.subarray(0, HEAD_BYTES));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new VideogenError('UNSUPPORTED_MEDIA_TYPE', `${safeToShow(basename(path))} is not UTF-8 text`, { expected: 'UTF-8' });
  }
}

/** What a binary file looks like, to say "this is a PDF" instead of decoding garbage. */
export function sniffBinary(data: Uint8Array): 'pdf' | 'zip' | 'image' | undefined {
  const head = Buffer.from(data.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'zip';
  if ((head[0] === 0xff && head[1] === 0xd8) || head.subarray(1, 4).toString('latin1') === 'PNG' || head.subarray(0, 4).toString('latin1') === 'GIF8') return 'image';
  return undefined;
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 — the encodings documents actually come in. */
export function decodeText(data: Uint8Array, name: string): string {
  const kind = sniffBinary(data);
  if (kind) throw new VideogenError('SOURCE_UNREADABLE', `${safeToShow(name, 200)} looks like ${kind === 'pdf' ? 'a PDF' : kind === 'zip' ? 'a ZIP or DOCX file' : 'an image'}, not text; give it the matching extension (.pdf, .docx)`);
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}

export const isUrl = (input: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(input);

import { readFile, stat } from 'node:fs/promises';
import { VideogenError } from '../../errors.ts';

/** Reading local documents: a size limit, clear errors, and text decoding that survives non-UTF-8 files. */

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export async function readDocumentFile(path: string, maxBytes = MAX_DOCUMENT_BYTES): Promise<Buffer> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new VideogenError('SOURCE_UNREADABLE', `${path} is not a file`, { path });
    if (info.size > maxBytes) throw new VideogenError('SOURCE_UNREADABLE', `${path} is ${(info.size / 1048576).toFixed(1)} MB; videogen reads documents up to ${maxBytes / 1048576} MB`, { path });
    return await readFile(path);
  } catch (error) {
    if (error instanceof VideogenError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new VideogenError('SOURCE_UNREADABLE', code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${(error as Error).message}`, { path }, { cause: error });
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
  if (kind) throw new VideogenError('SOURCE_UNREADABLE', `${name} looks like ${kind === 'pdf' ? 'a PDF' : kind === 'zip' ? 'a ZIP or DOCX file' : 'an image'}, not text; give it the matching extension (.pdf, .docx)`, { document: name });
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}

export const isUrl = (input: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(input);

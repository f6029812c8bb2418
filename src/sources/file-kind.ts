import { extname } from 'node:path';
import { VideogenError } from '../errors.ts';
import { safeToShow } from '../spec/index.ts';

/**
 * Does a file's content match its extension? Binary formats must start with their signature (magic number); text
 * formats must be UTF-8 without NULs or control bytes. The upload route (server/file-types.ts) and every local file
 * the CLI reads use these checks, so an executable renamed `.md` is refused the same way everywhere.
 */
export interface FileKind {
  ext: string;
  mediaType: string;
}

/** Text formats the upload route accepts, with their media types. */
export const TEXT_TYPES: Record<string, string> = {
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.txt': 'text/plain',
  '.rst': 'text/x-rst',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.json': 'application/json',
  '.srt': 'application/x-subrip',
  '.vtt': 'text/vtt',
};

export const BINARY_TYPES: Record<string, { mediaType: string; magic: number[] }> = {
  '.pdf': { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] /* %PDF- */ },
  '.docx': { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [0x50, 0x4b, 0x03, 0x04] /* zip */ },
};

export const ALLOWED_EXTENSIONS = [...Object.keys(TEXT_TYPES), ...Object.keys(BINARY_TYPES)];

/** How many leading bytes the checks read. */
export const HEAD_BYTES = 4096;

/**
 * Text, in the encodings documents come in: UTF-8, UTF-16 with a byte-order mark, or a legacy 8-bit code page
 * (decoded as Windows-1252 later). What marks a binary is control bytes: NUL and C0 controls other than tab, newline,
 * form feed, carriage return and escape never occur in text files but fill executables and images.
 */
export function isText(head: Uint8Array): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    const decoded = new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head.subarray(2, 2 + ((head.length - 2) & ~1)));
    // eslint-disable-next-line no-control-regex -- detecting control characters is the point
    return !/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(decoded);
  }
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) return false;
  return true;
}

const refuse = (message: string, details: Record<string, unknown>) => new VideogenError('UNSUPPORTED_MEDIA_TYPE', message, details);

/**
 * Content check only: a `.pdf`/`.docx` must carry its signature, anything else must be text (no control bytes). For local files the
 * CLI reads, whose adapters accept more extensions (`.mdown`, `.xhtml`…) than uploads.
 */
export function checkFileContent(filename: string, head: Uint8Array): void {
  const ext = extname(filename).toLowerCase();
  const shown = safeToShow(filename.split(/[\\/]/).pop() ?? filename);
  const binary = BINARY_TYPES[ext];
  if (binary) {
    if (!binary.magic.every((b, i) => head[i] === b)) throw refuse(`${shown} does not look like a ${ext.slice(1).toUpperCase()} file (wrong signature)`, { filename: shown, expected: ext });
    return;
  }
  if (!isText(head)) throw refuse(`${shown} is not text (binary content in a ${ext || 'file without an extension'} file)`, { filename: shown, expected: ext });
}

/** Upload check: the extension must be on the allow-list, and the first bytes (≥ 4 KB when the file is that long) must agree. */
export function checkFileKind(filename: string, head: Uint8Array): FileKind {
  const ext = extname(filename).toLowerCase();
  const binary = BINARY_TYPES[ext];
  const mediaType = binary?.mediaType ?? TEXT_TYPES[ext];
  if (!mediaType) throw refuse(`${ext ? safeToShow(ext, 20) : 'files without an extension'} cannot be uploaded; allowed: ${ALLOWED_EXTENSIONS.join(' ')}`, { filename: safeToShow(filename), allowed: ALLOWED_EXTENSIONS });
  checkFileContent(filename, head);
  return { ext, mediaType };
}

import { extname } from 'node:path';
import { apiError } from './errors.ts';

/**
 * Upload allow-list: the extension picks the expected format and the first bytes must agree (magic numbers for binary
 * formats; text formats must be valid UTF-8 without NULs or control bytes). A renamed executable fails both ways.
 */
export interface FileKind {
  ext: string;
  mediaType: string;
}

const TEXT: Record<string, string> = {
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
const BINARY: Record<string, { mediaType: string; magic: number[] }> = {
  '.pdf': { mediaType: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] /* %PDF- */ },
  '.docx': { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', magic: [0x50, 0x4b, 0x03, 0x04] /* zip */ },
};

export const ALLOWED_EXTENSIONS = [...Object.keys(TEXT), ...Object.keys(BINARY)];

/** Original names are shown, never used as paths: keep letters, digits and a few marks; drop controls and bidi tricks. */
export function sanitiseFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*;`$()&!#%{}]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(-120);
  return cleaned || 'unnamed_document';
}

function isText(head: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, trimToCharBoundary(head)));
  } catch {
    return false;
  }
  // Tabs, newlines and form feeds are fine; other C0 controls (and NUL) mean binary.
  // eslint-disable-next-line no-control-regex -- detecting control characters is the point
  return !/[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(text);
}

/** The head may end inside a multi-byte character; cut before it so a valid file is not rejected. */
function trimToCharBoundary(head: Uint8Array): number {
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = head[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return end;
}

/** Checks the name and the first bytes (≥ 4 KB when the file is that long); throws 415 UNSUPPORTED_MEDIA_TYPE. */
export function checkFileKind(filename: string, head: Uint8Array): FileKind {
  const ext = extname(filename).toLowerCase();
  const binary = BINARY[ext];
  if (binary) {
    if (!binary.magic.every((b, i) => head[i] === b)) throw apiError('UNSUPPORTED_MEDIA_TYPE', `${filename} does not look like a ${ext.slice(1).toUpperCase()} file (wrong signature)`, { filename, expected: ext });
    return { ext, mediaType: binary.mediaType };
  }
  const mediaType = TEXT[ext];
  if (!mediaType) throw apiError('UNSUPPORTED_MEDIA_TYPE', `${ext || 'files without an extension'} cannot be uploaded; allowed: ${ALLOWED_EXTENSIONS.join(' ')}`, { filename, allowed: ALLOWED_EXTENSIONS });
  if (!isText(head)) throw apiError('UNSUPPORTED_MEDIA_TYPE', `${filename} is not UTF-8 text (binary content in a ${ext} file)`, { filename, expected: ext });
  return { ext, mediaType };
}

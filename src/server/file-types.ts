/**
 * Upload allow-list and content checks live in src/sources/file-kind.ts, shared with the CLI (an executable renamed
 * `.md` is refused by both); this module keeps the server's names for them and the display-name sanitiser.
 */
export { ALLOWED_EXTENSIONS, checkFileKind, type FileKind } from '../sources/file-kind.ts';

/** Original names are shown, never used as paths: keep letters, digits and a few marks; drop controls and bidi tricks. */
export function sanitiseFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, '')
    .replace(/[<>:"|?*;`$()&!#%{}]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(-120);
  return cleaned || 'unnamed_document';
}

import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { VideogenError } from '../errors.ts';
import { safeToShow } from '../spec/index.ts';

/**
 * Zip archives (DOCX) are checked before any parser sees them, because mammoth's zip reader inflates whatever the
 * archive says and a 2 MB file can inflate to gigabytes. From the central directory: the entry count, the declared
 * uncompressed total, and each large entry's compression ratio. Then every entry is inflated (with yauzl, which
 * stops a stream that yields more bytes than its entry declared) and its real bytes are counted against the same
 * total, so an archive that lies about its sizes is stopped at the cap, not after it. Nothing is kept in memory.
 */
export const ARCHIVE_LIMITS = {
  /** Entries in one archive (a real DOCX has tens). */
  'archive.entries': 5000,
  /** Total uncompressed bytes, declared and actual (64 MiB). */
  'archive.bytes': 64 * 1024 * 1024,
  /** Uncompressed ÷ compressed size of any entry larger than RATIO_FLOOR (real Word XML compresses 5–20×). */
  'archive.ratio': 100,
} as const;

export type ArchiveLimit = keyof typeof ARCHIVE_LIMITS;

/** Small entries may compress extremely well (a run of spaces) without being a danger. */
const RATIO_FLOOR = 1024 * 1024;

export interface ArchiveLimits {
  entries: number;
  bytes: number;
  ratio: number;
}

const DEFAULT_LIMITS: ArchiveLimits = { entries: ARCHIVE_LIMITS['archive.entries'], bytes: ARCHIVE_LIMITS['archive.bytes'], ratio: ARCHIVE_LIMITS['archive.ratio'] };

function over(limit: ArchiveLimit, max: number, message: string, entry?: string): VideogenError {
  return new VideogenError('LIMIT_EXCEEDED', `${message} (limit ${limit})`, { limit, max, ...(entry !== undefined ? { entry: safeToShow(entry, 120) } : {}) });
}

const unreadable = (document: string, why: string, cause?: unknown) =>
  new VideogenError('SOURCE_UNREADABLE', `cannot read ${safeToShow(document)} as a Word document: ${why}`, undefined, cause ? { cause } : undefined);

/** Reads a stream to its end, counting bytes; fails as soon as `budget` is exceeded. */
async function drain(stream: Readable, budget: number): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    if (bytes > budget) {
      stream.destroy();
      return bytes;
    }
  }
  return bytes;
}

/** Throws LIMIT_EXCEEDED (archive.*) or SOURCE_UNREADABLE; resolves when the archive is within every limit. */
export async function checkZipArchive(data: Uint8Array, document: string, limits: ArchiveLimits = DEFAULT_LIMITS): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false });
  } catch (error) {
    throw unreadable(document, 'it is not a valid zip archive', error);
  }
  try {
    if (zip.entryCount > limits.entries) throw over('archive.entries', limits.entries, `${safeToShow(document)} has ${zip.entryCount} files inside; a Word document may have at most ${limits.entries}`);
    let declared = 0;
    let actual = 0;
    const names = new Set<string>();
    for await (const entry of zip.eachEntry()) {
      if (names.has(entry.fileName)) throw unreadable(document, `two entries are named "${safeToShow(entry.fileName, 80)}"`);
      names.add(entry.fileName);
      declared += entry.uncompressedSize;
      if (declared > limits.bytes) throw over('archive.bytes', limits.bytes, `${safeToShow(document)} would unpack to more than ${limits.bytes} bytes; a Word document may unpack to at most ${limits.bytes / 1048576} MiB`, entry.fileName);
      if (entry.uncompressedSize > RATIO_FLOOR && entry.uncompressedSize > limits.ratio * Math.max(1, entry.compressedSize)) {
        throw over('archive.ratio', limits.ratio, `${safeToShow(document)} contains an entry compressed ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}:1; at most ${limits.ratio}:1 is accepted (a zip bomb?)`, entry.fileName);
      }
      if (entry.fileName.endsWith('/')) continue;
      let stream: Readable;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (error) {
        throw unreadable(document, `entry "${safeToShow(entry.fileName, 80)}" cannot be opened (${(error as Error).message})`, error);
      }
      let bytes: number;
      try {
        bytes = await drain(stream, limits.bytes - actual);
      } catch (error) {
        // yauzl's size check: the entry inflated to more bytes than the central directory declared.
        if (/too many bytes/i.test((error as Error).message)) throw over('archive.bytes', limits.bytes, `${safeToShow(document)} lies about the size of "${safeToShow(entry.fileName, 80)}" (it inflates to more than it declares); refused as a zip bomb`, entry.fileName);
        throw unreadable(document, `entry "${safeToShow(entry.fileName, 80)}" is damaged (${(error as Error).message})`, error);
      }
      actual += bytes;
      if (actual > limits.bytes) throw over('archive.bytes', limits.bytes, `${safeToShow(document)} unpacks to more than ${limits.bytes} bytes; a Word document may unpack to at most ${limits.bytes / 1048576} MiB`, entry.fileName);
    }
  } finally {
    zip.close();
  }
}

import yauzl from 'yauzl';
import { realMetadataTitle } from './pdf-title.ts';
import { repairText } from './repair-text.ts';

/**
 * A Word document's core properties title (docProps/core.xml `dc:title`), when it is a real title and not a file
 * or template name. Read only after the archive passed checkZipArchive, and at most CORE_BYTES of it.
 */
const CORE_BYTES = 256 * 1024;

async function readEntry(data: Uint8Array, name: string): Promise<string | undefined> {
  const zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false });
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      if (entry.uncompressedSize > CORE_BYTES) return undefined;
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > CORE_BYTES) return undefined;
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks).toString('utf8');
    }
    return undefined;
  } finally {
    zip.close();
  }
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

export async function docxCoreTitle(data: Uint8Array): Promise<string | undefined> {
  try {
    const xml = await readEntry(data, 'docProps/core.xml');
    const raw = xml && /<dc:title(?:\s[^>]*)?>([\s\S]*?)<\/dc:title>/.exec(xml)?.[1];
    return raw ? realMetadataTitle(repairText(unescapeXml(raw))) : undefined;
  } catch {
    return undefined; // core properties are optional; a damaged entry is mammoth's to report
  }
}

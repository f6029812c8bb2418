import { createDeflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseInWorker } from '../../src/sources/document/parse-in-worker.ts';

/** A one-page PDF whose content stream is `inflatedMb` MiB of spaces, deflated (about 1 KB per MiB). */
async function pdfBomb(inflatedMb: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const mib = Buffer.alloc(2 ** 20, 0x20);
  for (let i = 0; i < inflatedMb; i++) if (!deflate.write(mib)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  const stream = Buffer.concat(parts);
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
  ];
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  const length = () => chunks.reduce((n, c) => n + c.length, 0);
  objects.forEach((body, i) => {
    offsets.push(length());
    chunks.push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(length());
  chunks.push(Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n'));
  const xref = length();
  chunks.push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(chunks);
}

describe('PDF decompression bomb', () => {
  it('is stopped by the memory watch (pdf.js inflates into ArrayBuffers, which the heap limit does not see)', async () => {
    const data = await pdfBomb(1600);
    expect(data.length).toBeLessThan(2 * 2 ** 20);
    const before = process.memoryUsage.rss();
    let peak = before;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
    try {
      // The default limits (192 MiB heap): without the watch this parse reaches ~1.2 GB and ends as SOURCE_UNREADABLE.
      await expect(parseInWorker({ kind: 'pdf', data, document: 'bomb.pdf' })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'parse.memory' } });
    } finally {
      clearInterval(sample);
    }
    // The watch allows 2 × 192 + 256 MiB over the start and looks every 50 ms; the rest is slack for a slow machine.
    expect(peak - before).toBeLessThan(900 * 2 ** 20);
  }, 180_000);
});

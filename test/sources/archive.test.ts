import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkZipArchive } from '../../src/sources/archive.ts';
import { markdownModel } from '../../src/sources/document/models.ts';
import { parseInWorker } from '../../src/sources/document/parse-in-worker.ts';
import { fromDocx } from '../../src/sources/docx.ts';
import { parseDocumentText } from '../../src/sources/markdown.ts';
import { docxBomb, docxManyEntries } from '../fixtures/hostile/generate.ts';
import { spacesStream } from '../fixtures/hostile/zip.ts';
import { onboardingDocx } from './documents/fixtures.ts';

describe('zip bombs are refused before the Word parser sees them', () => {
  it('the bomb generator makes what it says: a deflate stream of exactly N MiB of spaces', async () => {
    const { data, size } = await spacesStream('<a>', 12, '</a>');
    const inflated = inflateRawSync(data);
    expect(inflated.length).toBe(size);
    expect(inflated.subarray(0, 4).toString()).toBe('<a> ');
    expect(inflated.subarray(-5).toString()).toBe(' </a>');
    expect(data.length).toBeLessThan(size / 500);
  });

  it('a real DOCX passes, and still reads', async () => {
    await expect(checkZipArchive(onboardingDocx(), 'onboarding.docx')).resolves.toBeUndefined();
    const r = await fromDocx(onboardingDocx(), { document: 'onboarding.docx' });
    expect(r.kind).toBe('video');
  });

  it('names the limit: declared size, a lying central directory, ratio, entry count', async () => {
    await expect(checkZipArchive(await docxBomb(2048), 'bomb.docx')).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'archive.bytes', max: 64 * 1024 * 1024 } });
    // Declares 1 KiB, inflates to 2 GiB: stopped as soon as the entry passes its declared size.
    await expect(checkZipArchive(await docxBomb(2048, 1024), 'lying.docx')).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'archive.bytes' } });
    await expect(checkZipArchive(await docxBomb(20), 'ratio.docx')).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'archive.ratio', max: 100 } });
    await expect(checkZipArchive(docxManyEntries(6000), 'many.docx')).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'archive.entries', max: 5000 } });
    // Under tighter limits a small honest archive trips the inflate count too.
    await expect(checkZipArchive(await docxBomb(3), 'small.docx', { entries: 10, bytes: 2 * 1024 * 1024, ratio: 1e9 })).rejects.toMatchObject({ details: { limit: 'archive.bytes' } });
  });
});

describe('documents are parsed in a worker thread with memory and time limits', () => {
  const text = '# Guide\n\nIntro paragraph.\n\n## Install\n\n- one\n- two\n\n## Use\n\nRun it.\n';

  it('gives the same section model as in-process parsing', async () => {
    const { model } = await parseInWorker({ kind: 'markdown', text, document: 'guide.md' });
    expect(model).toEqual(markdownModel(text, 'guide.md'));
    expect((await parseDocumentText(text, 'guide.md', {})).kind).toBe('video');
  });

  it('a parse over its time becomes LIMIT_EXCEEDED parse.time', async () => {
    await expect(parseInWorker({ kind: 'markdown', text, document: 'guide.md' }, { memoryMb: 192, timeSeconds: 0.001 })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'parse.time' } });
  });

  it('a parse over its memory becomes LIMIT_EXCEEDED parse.memory, and the next parse works', async () => {
    const huge = `# Big\n\n${'- item with some words in it\n'.repeat(400_000)}`;
    await expect(parseInWorker({ kind: 'markdown', text: huge, document: 'big.md' }, { memoryMb: 24, timeSeconds: 120 })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', details: { limit: 'parse.memory', max: 24 } });
    await expect(parseInWorker({ kind: 'markdown', text, document: 'guide.md' })).resolves.toMatchObject({ model: { title: 'Guide' } });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxSource, fromDocx } from '../../../src/sources/docx.ts';
import { fromPdf, pdfSource } from '../../../src/sources/pdf.ts';
import { pdfToMarkdown } from '../../../src/sources/document/pdf-text.ts';
import { byId, expectGoodSpec, specsOf } from './expect-spec.ts';
import { handbookPdf, onboardingDocx } from './fixtures.ts';

describe('PDF', () => {
  it('rebuilds headings, paragraphs and lists; drops running headers and page numbers; joins hyphenated breaks', async () => {
    const md = await pdfToMarkdown(handbookPdf());
    expect(md).toMatch(/^# Harbor Deployment Handbook\n/);
    expect(md).toContain('## 1. Release Process');
    expect(md).toContain('## 3. Rolling Back');
    expect(md).toContain('This handbook explains'); // "hand-" + "book"
    expect(md).toContain('- Database migrations are backward compatible');
    expect(md).not.toMatch(/Page \d of 2|Harbor Field Guide/);
  });

  it('becomes a cited video with a list scene per section', async () => {
    const spec = specsOf(await fromPdf(handbookPdf(), { document: 'handbook.pdf' }))[0]!;
    expectGoodSpec(spec, 'handbook.pdf');
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'list', 'list', 'list', 'outro']);
    expect(spec.scenes[0]).toMatchObject({ title: 'Harbor Deployment Handbook', subtitle: 'Harbor is the container platform our teams use to ship services to production' });
    const checklist = byId(spec, '2-before-you-deploy');
    expect(checklist).toMatchObject({ title: '2. Before You Deploy', description: 'Check these items before you press the deploy button', numbered: false });
    expect(checklist.kind === 'list' && checklist.items).toHaveLength(4);
    expect(byId(spec, 'outro').narration).toContain('That covers release process, before you deploy, and rolling back.');
  });

  it('loads .pdf files and rejects broken ones clearly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vg-pdf-'));
    writeFileSync(join(dir, 'handbook.pdf'), handbookPdf());
    writeFileSync(join(dir, 'broken.pdf'), '%PDF-1.4 not really');
    expect(pdfSource.detect(join(dir, 'handbook.pdf'))).toBe(true);
    expect(specsOf(await pdfSource.load(join(dir, 'handbook.pdf'), {}))[0]!.title).toBe('Harbor Deployment Handbook');
    await expect(pdfSource.load(join(dir, 'broken.pdf'), {})).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });
});

describe('DOCX', () => {
  it('maps headings, numbered and bulleted lists and a table to scenes', async () => {
    const spec = specsOf(await fromDocx(onboardingDocx(), { document: 'onboarding.docx' }))[0]!;
    expectGoodSpec(spec, 'onboarding.docx');
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'list', 'list', 'list', 'list', 'outro']);
    expect(spec.scenes[0]).toMatchObject({ title: 'Welcome to the Support Team' });
    const week = byId(spec, 'your-first-week');
    expect(week).toMatchObject({ numbered: true, items: ['Set up your laptop and single sign-on', 'Shadow two senior engineers on live tickets', 'Answer your first ten tickets with a buddy', 'Join the Friday incident review'] });
    expect(week.narration).toMatch(/^Your first week takes four steps\. First, set up your laptop/);
    expect(byId(spec, 'tools-we-use')).toMatchObject({ numbered: false, description: 'Most of the day happens in three tools' });
    const priorities = byId(spec, 'ticket-priorities');
    expect(priorities.kind === 'list' && priorities.items[0]).toEqual({ title: 'Urgent', description: 'First response: 30 minutes — Example: Checkout is down for all customers' });
    expect(priorities.narration).toContain('The table lists each priority, with columns for first response and example.');
  });

  it('loads .docx files through the adapter', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vg-docx-'));
    writeFileSync(join(dir, 'onboarding.docx'), onboardingDocx());
    expect(docxSource.detect(join(dir, 'onboarding.docx'))).toBe(true);
    expect(specsOf(await docxSource.load(join(dir, 'onboarding.docx'), {}))[0]!.scenes.length).toBe(6);
    // Wrong signature: refused before parsing, as the upload route refuses it (415).
    writeFileSync(join(dir, 'fake.docx'), 'not a zip');
    await expect(docxSource.load(join(dir, 'fake.docx'), {})).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    // Right signature, broken archive: the parser says it cannot read it.
    writeFileSync(join(dir, 'broken.docx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64)]));
    await expect(docxSource.load(join(dir, 'broken.docx'), {})).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });
});

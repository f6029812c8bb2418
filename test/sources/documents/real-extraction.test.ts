import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withoutSiteName } from '../../../src/sources/document/clean/html-title.ts';
import { realMetadataTitle } from '../../../src/sources/document/clean/pdf-title.ts';
import { looksMangled, repairText } from '../../../src/sources/document/clean/repair-text.ts';
import type { DocBlock, DocModel } from '../../../src/sources/document/model.ts';
import { docxModel, htmlModel, markdownModel, pdfModel } from '../../../src/sources/document/models.ts';
import { parseInWorker } from '../../../src/sources/document/parse-in-worker.ts';
import { makeDocx } from './make-docx.ts';

/** Titles, sections and clean text of the real third-party documents in test/fixtures/real (LICENSES.md). */

const real = (name: string) => readFileSync(`test/fixtures/real/${name}`);
const headings = (model: DocModel) => model.sections.map((s) => s.heading);
const blocks = (model: DocModel): DocBlock[] => [...model.intro, ...model.sections.flatMap((s) => s.blocks)];
const texts = (model: DocModel) =>
  blocks(model).flatMap((b) => (b.type === 'paragraph' || b.type === 'quote' ? [b.text] : b.type === 'list' ? b.items.map((i) => i.text) : b.type === 'table' ? [...b.header, ...b.rows.flat()] : []));

describe('Markdown READMEs', () => {
  it('takes the first H1 with the author casing, an HTML <h1> logo, or the logo above H1 sections', () => {
    const commander = markdownModel(real('commander-README.md').toString('utf8'), 'commander-README.md');
    expect(commander.title).toBe('Commander.js');
    expect(headings(commander).slice(0, 4)).toEqual(['Installation', 'Quick Start', 'Declaring program variable', 'Options']);

    const fastCheck = markdownModel(real('fast-check-README.md').toString('utf8'), 'fast-check-README.md');
    expect(commander.intro.map((b) => b.type)).toEqual(['paragraph', 'paragraph']); // its table of contents and "Read this in other languages" are gone
    expect(fastCheck.title).toBe('fast-check'); // <h1><img alt="fast-check logo"></h1>; was "fast check README"
    expect(fastCheck.intro[0]).toMatchObject({ type: 'paragraph', text: 'Property based testing framework for JavaScript/TypeScript' });
    expect(headings(fastCheck).slice(0, 2)).toEqual(['Getting started', 'Why should I migrate to fast-check?']);

    const ioredis = markdownModel(real('ioredis-README.md').toString('utf8'), 'ioredis-README.md');
    expect(ioredis.title).toBe('ioredis'); // was "Features", the first of its eight H1 sections
    expect(headings(ioredis).slice(0, 4)).toEqual(['Features', 'Versions', 'Links', 'Quick Start']);
  });

  it('prefers front matter and keeps the file line numbers', () => {
    const model = markdownModel('---\ntitle: "Deploying with Harbor"\nauthor: Ops\n---\n# Harbor\n\nText.\n\n## Install\n\nRun it.\n', 'guide.md');
    expect(model.title).toBe('Deploying with Harbor');
    expect(model.sections[0]).toMatchObject({ heading: 'Install', lines: { start: 9 } });
    expect(JSON.stringify(model)).not.toContain('author: Ops');
    const hugo = markdownModel('+++\ntitle = "Tuning \\"Harbor\\" Builds"\ndate = 2026-01-02\n+++\n\n## Caches\n\nKeep them warm.\n', 'post.md');
    expect(hugo).toMatchObject({ title: 'Tuning "Harbor" Builds', sections: [{ heading: 'Caches', lines: { start: 6 } }] });
  });
});

describe('the shared-mime-info specification PDF', async () => {
  const model = await pdfModel(real('shared-mime-info-spec.pdf'), 'shared-mime-info-spec.pdf');
  const paragraphs = blocks(model).filter((b) => b.type === 'paragraph');

  it('takes the largest first-page text as the title and leaves the title page (authors, e-mail) out', () => {
    expect(model.title).toBe('Shared MIME-info Database'); // was "X Desktop Group (http://www.freedesktop.org)"
    expect(headings(model).slice(0, 6)).toEqual(['1. Introduction', '1.1. Version', '1.2. What is this spec?', '1.3. Language used in this specification', '2. Unified system', '2.1. Directory layout']);
    expect(headings(model)).toContain('2.17. User modification');
    expect(model.sections.at(-1)).toMatchObject({ heading: 'References', depth: 2 }); // set where the chapters are, not under "3. Contributors"
    for (const noise of ['Thomas Leonard', 'tal197 at users.sf.net', 'X Desktop Group (http://www.freedesktop.org)']) expect(JSON.stringify(model)).not.toContain(noise);
    expect(headings(model).filter((h) => /^\d/.test(h) && !/^\d+(?:\.\d+)*\.\s\S/.test(h))).toEqual([]); // no "4 CARD32 …" listing line as a heading
  });

  it('reflows paragraphs: no sentence cut at a line or page break, hyphenation undone, running header gone', () => {
    expect(paragraphs.length).toBeGreaterThan(60);
    const cut = paragraphs.filter((p) => !/[.:!?)"”]$/.test(p.text) && !/^(?:[A-Z][\w-]+ )+.*(?:https?|ftp):\/\//.test(p.text));
    expect(cut.map((p) => p.text.slice(-60))).toEqual([]);
    // A paragraph that crosses from page 2 to page 3 stays one paragraph.
    expect(paragraphs.some((p) => p.text.includes('Information found in a directory is added to the information found in previous directories'))).toBe(true);
    // The running header "Shared MIME-info Database" (top of pages 2–17) is nowhere in the text.
    expect(texts(model).filter((t) => t === 'Shared MIME-info Database')).toEqual([]);
    expect(texts(model).join(' ')).not.toMatch(/\b\w+- \p{Ll}/u); // no "docu- ment"
    // Citation markers are gone from the prose ("the MIME system[MIME]"), bracketed asides stay.
    expect(texts(model).join(' ')).not.toMatch(/\[(?:MIME|GNOME|RFC-2119|SharedMIME|BaseDir)\]/);
    expect(texts(model).some((t) => t.includes('the MIME system to represent the types of files'))).toBe(true);
    expect(texts(model).some((t) => t.includes('[deprecated for globs2]'))).toBe(true);
  });

  it('turns XML and file-format listings into code blocks, not prose, and repairs the mojibake', () => {
    const code = blocks(model).filter((b): b is Extract<DocBlock, { type: 'code' }> => b.type === 'code');
    const diffXml = code.find((c) => c.code.includes('<mime-info'));
    expect(diffXml?.language).toBe('xml');
    expect(diffXml?.code).toContain('    <comment xml:lang="af">verskille tussen lêers</comment>'); // "lÃ" + superscript "a" in the PDF
    expect(code.some((c) => c.code.includes('50:text/x-diff:*.diff'))).toBe(true);
    expect(texts(model).some((t) => /<match |<\?xml|CARD32/.test(t))).toBe(false);
    expect(looksMangled(JSON.stringify(model))).toBe(false);
  });

  it('parses in the worker thread the same way', async () => {
    const { model: viaWorker } = await parseInWorker({ kind: 'pdf', data: new Uint8Array(real('shared-mime-info-spec.pdf')), document: 'shared-mime-info-spec.pdf' });
    expect(viaWorker.title).toBe(model.title);
    expect(headings(viaWorker)).toEqual(headings(model));
  });
});

describe("Debian's users-and-groups.html (DocBook)", () => {
  const model = htmlModel(real('users-and-groups.html').toString('utf8'), 'users-and-groups.html');

  it('keeps the chapters as sections and drops authors, copyright lines, the legal notice and the TOC', () => {
    expect(model.title).toBe('Users and Groups in the Debian System');
    // Was the three authors + two chapters. The lists that a one-line sentence introduces are parts of chapter 2.
    expect(model.sections.map((s) => [s.depth, s.heading])).toEqual([
      [1, 'Chapter 1. Introduction'],
      [1, 'Chapter 2. Users and Groups'],
      [2, 'Other groups have no associated user'],
      [2, 'Some users have no corresponding group'],
    ]);
    const all = JSON.stringify(model);
    for (const noise of ['Joey Hess', 'Copyright', 'GNU General Public License', 'Table of Contents', 'MERCHANTABILITY']) expect(all).not.toContain(noise);
  });

  it('reads the variable lists as terms with descriptions, not 127 loose paragraphs', () => {
    const lists = model.sections.slice(1).flatMap((s) => s.blocks.filter((b): b is Extract<DocBlock, { type: 'list' }> => b.type === 'list'));
    expect(lists).toHaveLength(3);
    expect(lists[0]!.terms).toBe(true);
    expect(lists[0]!.items[0]).toMatchObject({ title: 'root', description: 'Root is (typically) the superuser.' });
    expect(lists.flatMap((l) => l.items.map((i) => i.title))).toEqual(expect.arrayContaining(['www-data', 'nobody, nogroup', 'sudo', 'libvirt']));
  });
});

describe('Word documents', () => {
  it('takes the Title paragraph of the real base-passwd DOCX', async () => {
    const { model } = await docxModel(real('base-passwd-README.docx'), 'base-passwd-README.docx');
    expect(model.title).toBe('base-passwd for Debian'); // not dc:title, not a heading
    expect(headings(model)).toEqual(['Reserved uids', 'Reserved gids']);
    expect(model.intro[0]).toMatchObject({ type: 'paragraph', text: expect.stringMatching(/^This package supplies the "master" copies of \/etc\/passwd/) });
    expect(model.intro.find((b) => b.type === 'list')).toMatchObject({ items: [{ text: expect.stringMatching(/^root is never removed/) }, {}, {}, {}] });
  });

  it('falls back to dc:title when there is no Title paragraph, and ignores placeholder titles', async () => {
    const body = [{ heading: 1 as const, text: 'Overview' }, { p: 'First steps for new staff.' }, { heading: 1 as const, text: 'Tools' }, { p: 'Three tools.' }];
    expect((await docxModel(makeDocx(body, { title: 'Support Team Handbook' }), 'h.docx')).model.title).toBe('Support Team Handbook');
    expect((await docxModel(makeDocx(body, { title: 'Document1' }), 'h.docx')).model.title).not.toBe('Document1');
    const titled = await docxModel(makeDocx([{ title: 'Welcome Aboard' }, { subtitle: 'Your first month' }, ...body], { title: 'Template' }), 'h.docx');
    expect(titled.model).toMatchObject({ title: 'Welcome Aboard', intro: [{ type: 'paragraph', text: 'Your first month' }] });
    expect(headings(titled.model)).toEqual(['Overview', 'Tools']);
    const boldFirst = await docxModel(makeDocx([{ p: '', bold: 'Support Team Handbook' }, ...body]), 'h.docx');
    expect(boldFirst.model).toMatchObject({ title: 'Support Team Handbook', intro: [] });
    const toc = await docxModel(makeDocx([{ title: 'Welcome Aboard' }, { p: 'Contents', style: 'TOCHeading' }, { p: 'Overview\t1', style: 'TOC1' }, { p: 'Tools\t2', style: 'TOC1' }, ...body]), 'h.docx');
    expect(JSON.stringify(toc.model)).not.toMatch(/Contents|Overview\\t1|Tools\\t2/);
  });
});

describe('text repair and title helpers', () => {
  it('repairs mojibake and ligatures and leaves correct text alone', () => {
    expect(repairText('donâ€™t ï¬\u0081le')).toBe('don’t file');
    expect(repairText('Ã©tÃ© â€“ the ﬁrst ﬂow')).toBe('été – the first flow');
    for (const ok of ['café', 'naïve 2² “quoted” …', 'Zürich — 5 €', '🏃‍♂️ run', 'می‌خواهم', '中文，標點。']) expect(repairText(ok)).toBe(ok);
    for (const name of ['commander-README.md', 'fast-check-README.md', 'ioredis-README.md', 'users-and-groups.html']) expect(repairText(real(name).toString('utf8'))).toBe(real(name).toString('utf8'));
  });

  it('strips the site name from page titles and refuses placeholder metadata titles', () => {
    expect(withoutSiteName('How to Keep a Sourdough Starter Alive | The Bread Blog')).toBe('How to Keep a Sourdough Starter Alive');
    expect(withoutSiteName('MDN Web Docs - Array.prototype.map()', { h1: 'Array.prototype.map()' })).toBe('Array.prototype.map()');
    expect(withoutSiteName('Release notes — Example', { host: 'docs.example.com' })).toBe('Release notes');
    for (const bad of ['Untitled', 'report.pdf', 'Microsoft Word - draft.doc', '']) expect(realMetadataTitle(bad)).toBeUndefined();
    expect(realMetadataTitle('Shared MIME-info Database')).toBe('Shared MIME-info Database');
  });
});

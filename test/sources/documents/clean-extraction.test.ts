import { describe, expect, it } from 'vitest';
import { htmlModel, rstModel, textModel } from '../../../src/sources/document/models.ts';
import { pdfToMarkdown } from '../../../src/sources/document/pdf-text.ts';
import { makePdf, type PdfLine } from './make-pdf.ts';

/** Synthetic cases for what the real corpus does not show: PDF metadata titles, wrapped titles, page chrome. */

const body = (text: string, gapBefore = 0): PdfLine => ({ text, size: 11, gapBefore });
const pages = (title: PdfLine[]): PdfLine[][] => [
  [
    { text: 'Internal draft', size: 8 },
    ...title,
    body('This guide explains how the archive is organised and how long each kind of record is kept before it', 8),
    body('is deleted. Records move to cold storage after a year, and the index keeps a pointer to each of them.'),
    { text: '1. Retention Rules', size: 15, bold: true, gapBefore: 12 },
    body('Invoices are kept for ten years because tax law requires it, while support tickets are kept for two', 4),
    body('years. The rules apply to every team and every region, and the index records when each rule changed'),
    { text: '1', size: 8, gapBefore: 300 },
  ],
  [
    { text: 'Internal draft', size: 8 },
    body('for the last time, so an auditor can see which rule applied to a record on any given day.'),
    { text: '2. Deleting Records', size: 15, bold: true, gapBefore: 12 },
    body('Deletion runs every night and never touches a record that is under legal hold.', 4),
    { text: '2', size: 8, gapBefore: 500 },
  ],
];

describe('PDF titles and reflow', () => {
  it('uses a real metadata title, and ignores "Untitled" or a file name for the largest first-page text', async () => {
    const title = [{ text: 'Records Archive Guide', size: 24, bold: true }];
    expect(await pdfToMarkdown(makePdf(pages(title), { title: 'Records Archive Guide, 2026 edition' }))).toMatch(/^# Records Archive Guide, 2026 edition\n/);
    for (const placeholder of ['Untitled', 'archive-guide.docx', 'Microsoft Word - archive.doc']) expect(await pdfToMarkdown(makePdf(pages(title), { title: placeholder }))).toMatch(/^# Records Archive Guide\n/);
  });

  it('joins a title set on two lines without breaking its URL, and drops the byline', async () => {
    const title = [
      { text: 'Keeping Records at https://archive.exam-', size: 22, bold: true },
      { text: 'ple.org/records', size: 22, bold: true },
      { text: 'Dana Whitfield', size: 14, gapBefore: 10 },
      { text: 'dana at example.org', size: 12 },
    ];
    const md = await pdfToMarkdown(makePdf(pages(title)));
    expect(md).toMatch(/^# Keeping Records at https:\/\/archive\.exam-ple\.org\/records\n/);
    expect(md).not.toMatch(/Dana Whitfield|dana at example/);
  });

  it('reflows across the page break, drops the running header and page numbers, keeps numbered headings', async () => {
    const md = await pdfToMarkdown(makePdf(pages([{ text: 'Records Archive Guide', size: 24, bold: true }])));
    expect(md).toContain('This guide explains how the archive is organised and how long each kind of record is kept before it is deleted.');
    expect(md).toContain('the index records when each rule changed for the last time, so an auditor can see');
    expect(md).toContain('## 1. Retention Rules');
    expect(md).toContain('## 2. Deleting Records');
    expect(md).not.toMatch(/Internal draft|^\d$/m);
  });
});

describe('PDF headings in a bold face at body size', () => {
  it('are headings when the face is used only for short lines standing alone; bold sentences are not', async () => {
    const md = await pdfToMarkdown(
      makePdf([
        [
          { text: 'Field Notes on Tides', size: 22, bold: true },
          { text: 'Before you start', size: 11, bold: true, gapBefore: 10 },
          body('Check the almanac for the port you are sailing from, because tables differ from one harbour to the next.'),
          { text: 'Reading the columns', size: 11, bold: true, gapBefore: 10 },
          body('Each row gives the time of high and low water, and the height above chart datum in metres.'),
          { text: 'Never anchor in the channel.', size: 11, bold: true, gapBefore: 10 },
          body('Ships keep to it at every state of the tide, and they cannot stop for a small boat in their way.'),
        ],
      ]),
    );
    expect(md).toMatch(/^#{2,} Before you start$/m);
    expect(md).toMatch(/^#{2,} Reading the columns$/m);
    expect(md).not.toMatch(/^#+ Never anchor/m);
  });
});

describe('PDF code listings', () => {
  it('makes monospace runs a code block with their indentation, but keeps one monospace line inside a paragraph as prose', async () => {
    const md = await pdfToMarkdown(
      makePdf([
        [
          { text: 'Shipping Logs', size: 22, bold: true },
          body('Each service writes its log lines to a file under the directory named in its unit file, which is', 8),
          { text: '/var/log/services/checkout/current.log', size: 11, mono: true },
          body('for the checkout service, and the collector reads every such file once a minute.'),
          body('The collector is configured like this:', 8),
          { text: '<collector interval="60">', size: 10, mono: true, gapBefore: 4 },
          { text: '<source path="/var/log/services"/>', size: 10, mono: true, x: 96 },
          { text: '</collector>', size: 10, mono: true },
          body('Restart the collector after changing the file, because it reads the file only when it starts.', 8),
        ],
      ]),
    );
    expect(md).toContain('under the directory named in its unit file, which is /var/log/services/checkout/current.log for the checkout service');
    expect(md).toContain('```xml\n<collector interval="60">\n    <source path="/var/log/services"/>\n</collector>\n```');
  });
});

describe('two-column PDF pages', () => {
  it('reads the left column, then the right one, instead of joining lines side by side', async () => {
    const left = ['Tide tables give the height of the water at', 'each port for every hour of the day, and', 'sailors plan their passage around them.', 'Spring tides come with the new and full', 'moon, when the range is at its largest.'];
    const right = ['Neap tides fall between them, at the', 'quarter moons, and the range is smallest.', 'Harbours publish their own tables because', 'the shape of the coast changes the timing', 'by as much as two hours from place to place.'];
    const rows: PdfLine[] = [{ text: 'Reading Tide Tables', size: 22, bold: true }];
    left.forEach((text, i) => rows.push(body(text, i ? 0 : 10), { text: right[i]!, size: 11, x: 320, sameRow: true }));
    rows.push(body('Tables are printed in local time, so add an hour in summer where clocks change for daylight saving.', 14));
    const md = await pdfToMarkdown(makePdf([rows]));
    // The left column ends a sentence, so the right column starts a paragraph of its own.
    expect(md).toContain(`${left.join(' ')}\n\n${right.join(' ')}\n\n`);
    expect(md).toMatch(/\n\nTables are printed in local time/);
  });
});

describe('HTML page chrome', () => {
  const page = `<!doctype html><html><head><title>Rotating API Keys | Example Docs</title><meta property="og:site_name" content="Example Docs"></head><body>
    <a href="#main" class="skip-link">Skip to content</a>
    <header><nav><a href="/">Home</a><a href="/docs">Docs</a></nav></header>
    <nav aria-label="Breadcrumb"><ol><li>Docs</li><li>Security</li></ol></nav>
    <div role="navigation"><ul><li>Install</li><li>Configure</li></ul></div>
    <main><article><h1>Rotating API Keys</h1>
      <p>Keys should be rotated every ninety days, and at once when someone who knew a key leaves the team or a key shows up in a log.</p>
      <h2>Create the new key</h2><p>Open the console, choose Keys, and create a key with the same scopes as the old one, then deploy it to every service that calls the API.</p>
      <h2>Revoke the old key</h2><p>Wait until the dashboards show no more requests signed with the old key, then revoke it; requests that still use it are refused from then on.</p>
    </article></main>
    <aside><h3>Related</h3><p>Other pages you might like to read about things.</p></aside>
    <footer><p>© 2026 Example Inc. All rights reserved.</p></footer></body></html>`;

  it('keeps the article and its sections, titled without the site name', () => {
    const model = htmlModel(page, 'keys.html');
    expect(model.title).toBe('Rotating API Keys');
    expect(model.sections.map((s) => s.heading)).toEqual(['Create the new key', 'Revoke the old key']);
    const all = JSON.stringify(model);
    for (const noise of ['Skip to content', 'Breadcrumb', 'Security', 'Configure', 'Related', 'All rights reserved', 'Example Docs']) expect(all).not.toContain(noise);
  });
});

describe('HTML titles', () => {
  const article = '<p>Keys should be rotated every ninety days, and at once when someone who knew a key leaves the team or a key shows up in a log file somewhere.</p>';
  it('leaves permalink marks out of headings', () => {
    const sphinx = `<html><head><meta name="generator" content="Docutils"><title>Guide</title></head><body><h1>Guide<a class="headerlink" href="#guide">¶</a></h1>${article}<h2>Install<a class="headerlink" href="#install">¶</a></h2>${article}<h2>Configure §</h2>${article}</body></html>`;
    expect(htmlModel(sphinx, 'g.html').sections.map((s) => s.heading)).toEqual(['Install', 'Configure']);
  });

  it('takes og:title first, then <title>, then the first <h1>', () => {
    const og = `<html><head><meta property="og:title" content="Rotating API keys safely"><title>Keys | Example Docs</title></head><body><h1>Keys</h1>${article}</body></html>`;
    expect(htmlModel(og, 'a.html').title).toBe('Rotating API keys safely');
    expect(htmlModel(`<html><head><title>Rotating API Keys - Example Docs</title></head><body>${article}</body></html>`, 'a.html').title).toBe('Rotating API Keys');
    expect(htmlModel(`<html><head></head><body><h1>Rotating API Keys</h1>${article}</body></html>`, 'a.html').title).toBe('Rotating API Keys');
  });
});

describe('plain text and reStructuredText', () => {
  it('reads an aligned "|" table under its label as a table, wrapped bullets as items, and no aside as a heading', () => {
    const text = ['base-passwd for Debian', '----------------------', '', 'There are some exceptions to this:', '* root is never removed or changed. If it doesn\'t exist a root account will', '  be added though.', '* the home directory for the www-data user is preserved', '', 'Reserved uids:', '    uid   | name     | description', '    ------+----------+------------', '    64000 | ftn      | fidogate', '    64001 | mysql    | mysql-server', '', '(Next uid/gid allocation: 64070.)', ''].join('\n');
    const model = textModel(text, 'README.txt');
    expect(model.title).toBe('base-passwd for Debian');
    expect(model.sections).toEqual([]);
    expect(model.intro.map((b) => b.type)).toEqual(['paragraph', 'list', 'paragraph', 'table', 'paragraph']);
    expect(model.intro[1]).toMatchObject({ items: [{ text: "root is never removed or changed. If it doesn't exist a root account will be added though." }, {}] });
    expect(model.intro[3]).toMatchObject({ header: ['uid', 'name', 'description'], rows: [['64000', 'ftn', 'fidogate'], ['64001', 'mysql', 'mysql-server']], lines: { start: 10, end: 13 } });
  });

  it('leaves bibliographic fields out of an RST document', () => {
    const model = rstModel('=========\nThe Guide\n=========\n\n:Author: Dana Whitfield\n:Version: 1.2\n\nThis guide explains the archive.\n\nInstall\n=======\n\nRun it.\n', 'guide.rst');
    expect(model.title).toBe('The Guide');
    expect(model.intro).toEqual([{ type: 'paragraph', text: 'This guide explains the archive.', lines: { start: 8, end: 8 } }]);
    expect(model.sections[0]).toMatchObject({ heading: 'Install', lines: { start: 10 } });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromMarkdown, fromRst, fromText, markdownSource } from '../../../src/sources/markdown.ts';
import { keyPoints, shorten } from '../../../src/sources/condense.ts';
import { byId, expectGoodSpec, specsOf } from './expect-spec.ts';

const dir = 'test/fixtures/sources/documents';
const readme = readFileSync(`${dir}/quiver-README.md`, 'utf8');

describe('fromMarkdown on a long technical README', () => {
  // A budget long enough for the whole README: these tests are about how each kind of block becomes a scene.
  const result = fromMarkdown(readme, { document: 'quiver-README.md', targetSeconds: 900 });
  const spec = specsOf(result)[0]!;

  it('produces one valid, cited, narrated video', () => {
    expect(result.kind).toBe('video');
    expect(readme.split('\n').length).toBeGreaterThanOrEqual(150);
    expectGoodSpec(spec, 'quiver-README.md');
    expect(spec.id).toBe('quiver');
    expect(spec.scenes.length).toBeGreaterThan(12);
  });

  it('opens with the title and the first paragraph as subtitle', () => {
    const title = byId(spec, 'intro');
    expect(title).toMatchObject({ kind: 'title', title: 'Quiver', subtitle: 'Quiver is a typed background job queue for Node.js that stores jobs in PostgreSQL' });
  });

  it('turns install blocks into terminal scenes with prompts and output', () => {
    const install = byId(spec, 'installation');
    expect(install).toMatchObject({ kind: 'command', commands: ['$ npm install quiver-queue pg', '$ npx quiver migrate --database-url "$DATABASE_URL"'] });
    expect(install.source?.lines).toEqual([22, 29]);
    expect(install.narration).toBe('Quiver needs Node.js 20 or later and PostgreSQL 13 or later. Install the package and its peer dependency with npm.');
    const doctor = byId(spec, 'installation-2');
    expect(doctor.kind === 'command' && doctor.commands).toEqual(['$ npx quiver doctor', '→ Connected to postgres://localhost:5432/app', '→ Schema quiver is at version 7', '→ All checks passed']);
  });

  it('keeps source code as code scenes with their language', () => {
    const code = byId(spec, 'define-a-job');
    expect(code).toMatchObject({ kind: 'code', language: 'typescript', title: 'Define a job' });
    expect(code.kind === 'code' && code.code).toContain('defineJob');
    // Explained from the code's names and structure, after the document's own lead-in; never "Here is a … example".
    expect(code.narration).toMatch(/^A job definition ties a name to a payload schema and a handler\./);
    expect(code.narration).toMatch(/loads quiver-queue and zod and defines the send welcome email job\./);
    expect(code.narration).toContain('The asynchronous handle method calls find, info, and send.');
    for (const scene of spec.scenes) expect(scene.narration).not.toMatch(/Here is an? \w+ example/);
  });

  it('says what terminal commands do instead of reading them', () => {
    const worker = byId(spec, 'start-a-worker');
    expect(worker.narration).toMatch(/creates a worker, listens for the SIGTERM event, and starts the worker\.$/);
    const doctor = byId(spec, 'installation-2');
    expect(doctor.narration).toMatch(/Run quiver doctor with npx\.$/);
  });

  it('splits long bold-lead lists into balanced list scenes with titles and descriptions', () => {
    const features = byId(spec, 'features');
    const more = byId(spec, 'features-2');
    expect(features.kind === 'list' && features.items.length).toBe(4);
    expect(more.kind === 'list' && more.items.length).toBe(4);
    expect(features.kind === 'list' && features.items[0]).toEqual({ title: 'Typed jobs', description: 'Payloads are validated with Zod before they reach the table' });
    expect(features.narration).toBe('Features include typed jobs, transactional enqueue, retries with backoff, and rate limits.');
    expect(more).toMatchObject({ title: 'Features, continued' });
  });

  it('reads ordered steps in order', () => {
    const quick = byId(spec, 'quick-start');
    expect(quick).toMatchObject({ kind: 'list', numbered: true });
    expect(quick.narration).toMatch(/^Quick start takes four steps\. First, define a job type .* Finally, start a worker process that handles the job\.$/);
  });

  it('turns tables into lists of rows', () => {
    const config = byId(spec, 'configuration');
    expect(config.kind === 'list' && config.items[0]).toEqual({ title: 'concurrency', description: 'QUIVER_CONCURRENCY · 5 · Jobs a worker runs at once' });
    expect(config.kind === 'list' && config.description).toBe('Environment variable · Default · Meaning');
    expect(config.narration).toContain('The table lists each option, with columns for environment variable, default, and meaning.');
  });

  it('makes block quotes into quote scenes with attribution', () => {
    expect(byId(spec, 'operations')).toMatchObject({ kind: 'quote', text: 'The best queue is the one your on-call engineer already knows how to debug at three in the morning.', attribution: 'Priya Raman, staff engineer at Lantern' });
    expect(byId(spec, 'operations').narration).toBe('As Priya Raman put it: the best queue is the one your on-call engineer already knows how to debug at three in the morning.');
  });

  it('condenses prose into key points that are cut at word boundaries', () => {
    const why = byId(spec, 'why-quiver');
    expect(why.kind === 'list' && why.items).toEqual(['Most teams already run PostgreSQL', 'Quiver uses SKIP LOCKED row locking', 'Jobs are ordinary rows: you can inspect them with SQL']);
    expect(why.narration).toMatch(/^Why Quiver\? Most teams already run PostgreSQL, and adding Redis/);
  });

  it('splits "Symptom: fix" items and FAQ paragraphs into titled items', () => {
    const trouble = byId(spec, 'troubleshooting');
    expect(trouble.kind === 'list' && trouble.items[0]).toEqual({ title: 'Jobs stay in the waiting state', description: 'Check that at least one worker has the job type registered' });
    const faq = byId(spec, 'frequently-asked-questions');
    expect(faq.kind === 'list' && faq.items.map((i) => (typeof i === 'string' ? i : i.title))).toEqual(['Can I run Quiver on a read replica?', 'Does Quiver work with serverless functions?']);
  });

  it('closes with an outro that reads no file name aloud', () => {
    const outro = byId(spec, 'outro');
    expect(outro).toMatchObject({ kind: 'outro', title: 'Thanks for watching' });
    expect(outro.narration).toMatch(/Thanks for watching/);
    expect(outro.narration).not.toMatch(/\.md\b|https?:|@/);
  });

  it('never uses the video_gen templates that produce "Here\'s how to installation"', () => {
    for (const scene of spec.scenes) expect(scene.narration).not.toMatch(/how to (installation|configuration|features|usage)\b|This section covers|About [a-z]/);
  });
});

describe('splitting into several videos', () => {
  it('groups top-level sections into N videos, each with its own title and outro', () => {
    const result = fromMarkdown(readme, { document: 'quiver-README.md', videos: 3 });
    expect(result.kind).toBe('set');
    const specs = specsOf(result);
    expect(specs).toHaveLength(3);
    expect(new Set(specs.map((s) => s.id)).size).toBe(3);
    specs.forEach((s) => expectGoodSpec(s, 'quiver-README.md'));
    expect(specs[0]!.scenes[0]).toMatchObject({ kind: 'title' });
    const firstOutro = specs[0]!.scenes.at(-1)!;
    expect(firstOutro.kind === 'outro' ? firstOutro.title : '').toMatch(/^Up next/);
    expect(specs[2]!.scenes.at(-1)).toMatchObject({ kind: 'outro', title: 'Thanks for watching' });
    const sections = specs.map((s) => new Set(s.scenes.map((sc) => sc.source?.section)));
    expect(sections[0]!.has('Installation') && !sections[1]!.has('Installation')).toBe(true);
  });

  it('splits by length when there are fewer top-level headings than videos', () => {
    const doc = '# Notes\n\nIntro text for the notes.\n\n## One\n\nAlpha beta gamma delta epsilon.\n\n### Sub a\n\nMore words about the first part here.\n\n### Sub b\n\nEven more words about the first part.\n';
    const specs = specsOf(fromMarkdown(doc, { document: 'notes.md', videos: 2 }));
    expect(specs).toHaveLength(2);
    specs.forEach((s) => expectGoodSpec(s, 'notes.md'));
  });
});

describe('long code', () => {
  it('splits long code at block boundaries, every part marked, nothing cut silently', () => {
    const source = ['```js', ...Array.from({ length: 5 }, (_, f) => [`function step${f}(input) {`, '  const a = input + 1;', '  const b = a * 2;', '  const c = b - 3;', '  return c;', '}', '']).flat(), '```'].join('\n');
    const doc = `# Steps\n\nIntro text for the steps.\n\n## Code\n\nThe steps, one function each.\n\n${source}\n`;
    const spec = specsOf(fromMarkdown(doc, { document: 'steps.md', targetSeconds: 900 }))[0]!;
    const parts = spec.scenes.filter((s) => s.kind === 'code');
    expect(parts.length).toBeGreaterThan(1);
    const shown = parts.map((p) => (p.kind === 'code' ? p.code : '')).join('\n');
    for (let f = 0; f < 5; f++) expect(shown).toContain(`function step${f}(input) {`);
    for (const part of parts) {
      const code = part.kind === 'code' ? part.code : '';
      expect(code.split('\n').length).toBeLessThanOrEqual(18);
      expect(code.trimStart()).toMatch(/^function step\d/); // starts at a function boundary
      expect(code.trimEnd()).toMatch(/\}$/); // and ends at one
    }
    expect(parts.slice(1).every((p) => p.kind === 'code' && /^Code(: step\d|, continued)$/.test(p.title ?? ''))).toBe(true);
  });
});

describe('plain text and reStructuredText', () => {
  it('reads RST headings, code-blocks and bullet lists with original line numbers', () => {
    const spec = specsOf(fromRst(readFileSync(`${dir}/tidewater-guide.rst`, 'utf8'), { document: 'tidewater-guide.rst' }))[0]!;
    expectGoodSpec(spec, 'tidewater-guide.rst');
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'command', 'code', 'list', 'outro']);
    expect(byId(spec, 'intro')).toMatchObject({ title: 'Tidewater Guide' });
    expect(byId(spec, 'installation')).toMatchObject({ commands: ['$ pip install tidewater', '$ tidewater --version'], source: { lines: [8, 16] } });
    const usage = byId(spec, 'usage');
    expect(usage.kind === 'code' && usage.code.startsWith('from tidewater import Station')).toBe(true);
    expect(byId(spec, 'tips')).toMatchObject({ items: ['Use the station id, not the name, in scripts', 'Run the sync once a month from cron', 'Set TIDEWATER_TZ if your calendar uses another time zone'] });
    expect(byId(spec, 'tips').narration).toMatch(/^Here are three tips\. /);
  });

  it('takes the first line of a text file as the title', () => {
    const text = 'Packing for a Winter Hike\n\nCold weather changes what you carry. Layers matter more than one heavy coat.\n\nWhat to bring\n\n• A waterproof shell jacket\n• Two pairs of wool socks\n• A thermos of something hot\n';
    const spec = specsOf(fromText(text, { document: 'winter.txt' }))[0]!;
    expectGoodSpec(spec, 'winter.txt');
    expect(spec.scenes[0]).toMatchObject({ title: 'Packing for a Winter Hike', subtitle: 'Cold weather changes what you carry' });
    expect(byId(spec, 'what-to-bring')).toMatchObject({ kind: 'list', items: ['A waterproof shell jacket', 'Two pairs of wool socks', 'A thermos of something hot'] });
  });

  it('detects and loads files through the adapter', async () => {
    expect(markdownSource.detect(`${dir}/quiver-README.md`)).toBe(true);
    expect(markdownSource.detect('https://example.com/README.md')).toBe(false);
    const result = await markdownSource.load(`${dir}/tidewater-guide.rst`, {});
    expect(specsOf(result)[0]!.title).toBe('Tidewater Guide');
    await expect(markdownSource.load(`${dir}/missing.md`, {})).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE' });
  });

  it('refuses a document with nothing to show', () => {
    expect(() => fromMarkdown('# Only a title\n', { document: 'empty.md' })).toThrow(/no text videogen can turn into scenes/);
  });
});

describe('condensing', () => {
  it('cuts at a clause or word boundary, never mid-word', () => {
    expect(shorten('Quiver uses SKIP LOCKED row locking, so dozens of workers can pull jobs from the same table without stepping on each other', 90)).toBe('Quiver uses SKIP LOCKED row locking');
    const cut = shorten('Supercalifragilistic words keep going and going without any commas until the limit arrives somewhere here', 60);
    expect(cut).toMatch(/\w…$/);
    expect(cut.length).toBeLessThanOrEqual(61);
    expect(keyPoints(['Short one.', 'A sentence that is short enough to stay whole.'])).toEqual(['Short one', 'A sentence that is short enough to stay whole']);
  });
});

describe('shorten never ends inside an open parenthesis (users-and-groups "proxy", review item 7)', () => {
  const proxy = "Like daemon, this user and group is used by some daemons (specifically, proxy daemons) that don't have dedicated user ids and that need to own files.";

  it('does not cut at the comma inside "(specifically, proxy daemons)"', () => {
    for (const max of [60, 80, 100]) {
      const line = shorten(proxy, max);
      expect(line, `${max}: ${line}`).not.toMatch(/\([^)]*$/);
      expect(line.length).toBeLessThanOrEqual(max + 1);
    }
  });

  it('cuts a word-cut line before an aside it would leave open, with "…"', () => {
    const line = shorten('Mailboxes owned by the mail group are kept here (and also in the spool directory for older systems)', 70);
    expect(line).not.toMatch(/\([^)]*$/);
  });
});

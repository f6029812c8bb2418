/**
 * `npm run bench:web`: the studio's production bundle (sizes raw and gzip: the entry a first visit loads, the builder
 * and preview chunks, all JS and CSS) and the live preview's speed in Chromium: redraw time per scene kind (layout +
 * draw of one 1920×1080 frame, from the preview's own `videogen:preview-draw` measures) and keystroke → redrawn
 * canvas in the builder. Figures only; nothing is asserted.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/web/helpers/browser.ts';
import { ADMIN, startStudio } from '../test/web/helpers/studio.ts';
import { everyKindYaml, setDraft, waitForDraw } from '../test/web/preview-support.ts';

const DIST = join(process.cwd(), 'web/dist');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function bundleFigures(): void {
  const started = performance.now();
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stderr}`);
  console.log(`production build: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const files = readdirSync(join(DIST, 'assets')).map((name) => {
    const bytes = readFileSync(join(DIST, 'assets', name));
    return { name, raw: statSync(join(DIST, 'assets', name)).size, gzip: gzipSync(bytes).length };
  });
  const entryName = /src="\/assets\/([^"]+\.js)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))?.[1];
  const sum = (list: typeof files) => list.reduce((a, f) => ({ raw: a.raw + f.raw, gzip: a.gzip + f.gzip }), { raw: 0, gzip: 0 });
  const row = (label: string, list: typeof files) => {
    const total = sum(list);
    console.log(`  ${label.padEnd(34)} ${kb(total.raw).padStart(11)}  gzip ${kb(total.gzip).padStart(10)}  (${list.length} file${list.length === 1 ? '' : 's'})`);
  };
  const js = files.filter((f) => f.name.endsWith('.js'));
  console.log('bundle:');
  row('entry (first visit, any page)', js.filter((f) => f.name === entryName));
  row('CSS', files.filter((f) => f.name.endsWith('.css')));
  row('Builder page chunk', js.filter((f) => f.name.startsWith('Builder-')));
  const biggest = [...js].sort((a, b) => b.raw - a.raw).slice(0, 3);
  for (const f of biggest) row(`largest: ${f.name}`, [f]);
  row('all JS (incl. 200+ lazy shiki grammars)', js);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;

async function previewFigures(): Promise<void> {
  const studio = await startStudio({ worker: false });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ baseURL: studio.url, viewport: { width: 1366, height: 900 } });
    await context.request.post('/api/auth/login', { data: ADMIN });
    const yaml = everyKindYaml();
    await setDraft(context, yaml, 0);
    const page = await context.newPage();
    const scenes = (yaml.match(/^\s*- id: (\S+)/gm) ?? []).length;
    console.log(`preview redraw in Chromium while scrubbing (one 1920×1080 frame; ${scenes} scenes, 20 times across the entrance):`);
    for (let scene = 0; scene < scenes; scene++) {
      await page.goto(`/preview?scene=${scene}&t=0`);
      await waitForDraw(page, /Preview of scene/, 0);
      const kind = await page.evaluate(() => (performance.getEntriesByName('videogen:preview-draw').at(-1) as PerformanceMeasure | undefined)?.detail?.kind as string | undefined);
      await page.evaluate(() => performance.clearMeasures('videogen:preview-draw'));
      const slider = page.getByLabel('Preview time');
      const max = Number((await slider.getAttribute('max')) ?? '3');
      for (let i = 1; i <= 20; i++) {
        const t = Math.round(((max * i) / 20) * 30) / 30;
        await slider.fill(String(t));
        await waitForDraw(page, /Preview of scene/, t).catch(() => undefined);
      }
      const times = await page.evaluate(() => performance.getEntriesByName('videogen:preview-draw').map((m) => m.duration));
      console.log(`  ${String(scene + 1).padStart(2)} ${(kind ?? '?').padEnd(16)} median ${median(times).toFixed(1).padStart(6)} ms   p95 ${p95(times).toFixed(1).padStart(6)} ms   (${times.length} draws)`);
    }

    // Keystroke → redrawn canvas in the builder: type into the selected scene's Title, wait for the next draw's end.
    await page.goto('/builder');
    const title = page.getByLabel('Title', { exact: true }).first();
    await title.waitFor();
    await waitForDraw(page, /Preview of scene/).catch(() => undefined);
    const latencies: number[] = [];
    for (let i = 0; i < 25; i++) {
      await title.focus();
      const before = await page.evaluate(() => performance.now());
      await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
      // waitForFunction with an arrow only: tsx's keepNames would wrap a named inner function in __name, unknown in the page.
      const handle = await page.waitForFunction(
        (since) => {
          const done = performance.getEntriesByName('videogen:preview-draw').find((m) => m.startTime >= since);
          return done ? done.startTime + done.duration : false;
        },
        before,
        { polling: 2, timeout: 10_000 },
      );
      const end = (await handle.jsonValue()) as number;
      latencies.push(end - before);
      await page.evaluate(() => performance.clearMeasures('videogen:preview-draw'));
    }
    console.log(`keystroke → preview redrawn (builder, title scene): median ${median(latencies).toFixed(1)} ms, p95 ${p95(latencies).toFixed(1)} ms (${latencies.length} keys; target ≤ 100 ms)`);
  } finally {
    await browser.close();
    await studio.close();
  }
}

bundleFigures();
await previewFigures();

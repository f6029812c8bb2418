import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { parseSpecText, validateSpec, type VideoSpec } from '../../src/spec/index.ts';
import { previewFrame } from '../../src/pipeline/preview.ts';
import { chromiumAvailable, launchChromium } from './helpers/browser.ts';
import { openStudio, startStudio, type Studio } from './helpers/studio.ts';
import { canvasPng, changeDraft, comparePng, everyKindYaml, saveDiff, setDraft, waitForDraw } from './preview-support.ts';

/** Skia in Chromium and @napi-rs/canvas anti-alias a little differently; the pictures must otherwise be the same. */
const MAX_MEAN = 1.5;
const MIN_WITHIN = 0.99;

function specOf(yaml: string, aspect?: string): VideoSpec {
  const data = parseSpecText(yaml).data as Record<string, unknown>;
  const result = validateSpec(aspect ? { ...data, aspect } : data);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

describe.skipIf(!chromiumAvailable('the live preview parity tests'))('Preview equals render', () => {
  let studio: Studio;
  let browser: Browser;
  beforeAll(async () => {
    [studio, browser] = await Promise.all([startStudio({ worker: false, admin: false }), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.close();
  });

  for (const aspect of ['16:9', '9:16'] as const) {
    it(`every scene kind at ${aspect}: the browser canvas equals previewFrame mid-entrance and settled`, async () => {
      const yaml = everyKindYaml();
      const spec = specOf(yaml, aspect);
      const { context, page, problems } = await openStudio(browser, studio);
      await setDraft(context, yaml, 0);
      await page.goto(`/preview?aspect=${encodeURIComponent(aspect)}`);
      const rows: { kind: string; at: string; mean: number; max: number; within: string }[] = [];
      const failures: string[] = [];
      for (let i = 0; i < spec.scenes.length; i++) {
        const kind = spec.scenes[i]!.kind;
        const name = `Preview of scene ${i + 1}`;
        if (i > 0) await changeDraft(page, yaml, i);
        const settled = await waitForDraw(page, name);
        // Mid-entrance: 40 % of the way to the settled picture, on a frame boundary (the scrubber steps frames).
        // Footage never settles (Infinity): then 40 % of the scrubber's length.
        const end = Number.isFinite(settled) ? settled : Number(await page.getByRole('slider', { name: 'Preview time' }).getAttribute('max'));
        const mid = Math.max(1, Math.round(end * 0.4 * 30)) / 30;
        for (const [label, at] of [['settled', settled], ['mid', mid]] as const) {
          if (label === 'mid') await page.getByRole('slider', { name: 'Preview time' }).fill(String(mid));
          const drawn = await waitForDraw(page, name, at);
          const browserPng = await canvasPng(page, name);
          const cliPng = (await previewFrame(spec, String(i + 1), label === 'settled' ? undefined : drawn)).png;
          const diff = await comparePng(browserPng, cliPng);
          console.log(`${aspect} ${i + 1} ${kind} ${label} ${drawn}: mean ${diff.mean.toFixed(3)} within ${(diff.within * 100).toFixed(2)} %`);
          rows.push({ kind, at: `${label} ${drawn.toFixed(3)} s`, mean: Number(diff.mean.toFixed(3)), max: diff.max, within: `${(diff.within * 100).toFixed(2)} %` });
          if (diff.mean >= MAX_MEAN || diff.within < MIN_WITHIN) {
            const saved = await saveDiff(`${aspect.replace(':', 'x')}-${i + 1}-${kind}-${label}`, browserPng, cliPng, diff);
            failures.push(`${kind} ${label}: mean ${diff.mean.toFixed(2)}, within ${(diff.within * 100).toFixed(2)} % (${saved}-*.png)`);
          }
        }
      }
      console.log(`preview parity ${aspect}\n${rows.map((r) => `  ${r.kind.padEnd(18)} ${r.at.padEnd(16)} mean ${r.mean.toFixed(3)}  max ${String(r.max).padStart(3)}  within24 ${r.within}`).join('\n')}`);
      expect(failures).toEqual([]);
      expect(rows).toHaveLength(spec.scenes.length * 2);
      expect(problems).toEqual([]);
      await context.close();
    }, 420_000);
  }

  it('`videogen preview --scene 2 --at 0.6` prints exactly previewFrame, so the in-process comparison stands for the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'videogen-preview-cli-'));
    try {
      // The picture and clip scenes would need their files: the CLI prepares media, the comparison does not.
      const yaml = readFileSync('examples/all-kinds.yaml', 'utf8');
      writeFileSync(join(dir, 'spec.yaml'), yaml);
      const out = join(dir, 'x.png');
      const run = spawnSync(process.execPath, ['bin/videogen.mjs', 'preview', join(dir, 'spec.yaml'), '--scene', '2', '--at', '0.6', '-o', out], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const diff = await comparePng(readFileSync(out), (await previewFrame(specOf(yaml), '2', 0.6)).png, 0);
      expect(diff.max).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

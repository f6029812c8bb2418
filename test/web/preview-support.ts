import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { BrowserContext, Page } from 'playwright-core';

/** examples/all-kinds.yaml (13 kinds) plus a picture and a clip scene: every scene kind the renderer draws. */
export function everyKindYaml(): string {
  const base = readFileSync(new URL('../../examples/all-kinds.yaml', import.meta.url), 'utf8').trimEnd();
  return `${base}

  - id: picture
    kind: image
    src: harbour.jpg
    title: The harbour at dawn
    caption: Boats leave before sunrise

  - id: footage
    kind: video
    src: harbour.mp4
    title: Loading the boats
`;
}

/** The builder's draft (web/src/builder/draft-store.ts) present before the page's scripts run. */
export async function setDraft(context: BrowserContext, yaml: string, sceneIndex = 0): Promise<void> {
  await context.addInitScript(
    ({ yaml, sceneIndex }) => localStorage.setItem('videogen.draft', JSON.stringify({ yaml, sceneIndex, savedAt: new Date().toISOString() })),
    { yaml, sceneIndex },
  );
}

/** Changes the draft in the open page as the builder does (saveDraft: localStorage + the draft event). */
export async function changeDraft(page: Page, yaml: string, sceneIndex = 0): Promise<void> {
  await page.evaluate(
    ({ yaml, sceneIndex }) => {
      localStorage.setItem('videogen.draft', JSON.stringify({ yaml, sceneIndex, savedAt: new Date().toISOString() }));
      window.dispatchEvent(new CustomEvent('videogen:draft'));
    },
    { yaml, sceneIndex },
  );
}

/** Waits until the canvas has drawn with every font loaded (data-ready) at time `t` (any time when omitted). */
export async function waitForDraw(page: Page, name: string | RegExp, t?: number, timeout = 30_000): Promise<number> {
  const canvas = page.getByRole('img', { name });
  const until = Date.now() + timeout;
  for (;;) {
    const state = await canvas.evaluate((c) => ({ ready: c.getAttribute('data-ready'), time: c.getAttribute('data-time') }), undefined, { timeout: Math.max(1, until - Date.now()) });
    if (state.ready === 'true' && state.time !== null && (t === undefined || (Number(state.time) === t || Math.abs(Number(state.time) - t) < 1e-6))) return Number(state.time);
    if (Date.now() > until) throw new Error(`canvas "${String(name)}" never drew ${t === undefined ? 'ready' : `at ${t}`}; last ${JSON.stringify(state)}`);
    await page.waitForTimeout(40);
  }
}

/** The canvas pixels as PNG bytes. */
export async function canvasPng(page: Page, name: string | RegExp): Promise<Buffer> {
  const url = await page.getByRole('img', { name }).evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL('image/png'));
  return Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
}

export interface PixelDiff {
  width: number;
  height: number;
  /** Mean absolute difference per channel (RGBA, 0–255). */
  mean: number;
  /** Largest channel difference anywhere. */
  max: number;
  /** Share of pixels whose every channel is within `tolerance` levels. */
  within: number;
  /** A picture of the differences (white = equal, red = beyond tolerance), for failures. */
  diffPng(): Promise<Buffer>;
}

async function pixels(png: Buffer) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, data: ctx.getImageData(0, 0, image.width, image.height).data };
}

export async function comparePng(a: Buffer, b: Buffer, tolerance = 24): Promise<PixelDiff> {
  const [pa, pb] = await Promise.all([pixels(a), pixels(b)]);
  if (pa.width !== pb.width || pa.height !== pb.height) throw new Error(`sizes differ: ${pa.width}×${pa.height} vs ${pb.width}×${pb.height}`);
  let sum = 0;
  let max = 0;
  let ok = 0;
  const n = pa.width * pa.height;
  const off = new Uint8Array(n);
  for (let p = 0; p < n; p++) {
    let worst = 0;
    for (let c = 0; c < 4; c++) {
      const d = Math.abs(pa.data[p * 4 + c]! - pb.data[p * 4 + c]!);
      sum += d;
      if (d > worst) worst = d;
    }
    if (worst > max) max = worst;
    if (worst <= tolerance) ok++;
    else off[p] = 1;
  }
  return {
    width: pa.width,
    height: pa.height,
    mean: sum / (n * 4),
    max,
    within: ok / n,
    async diffPng() {
      const canvas = createCanvas(pa.width, pa.height);
      const ctx = canvas.getContext('2d');
      const out = ctx.createImageData(pa.width, pa.height);
      for (let p = 0; p < n; p++) {
        // Faint copy of the render, differences in red.
        const grey = 200 + Math.round((pb.data[p * 4]! + pb.data[p * 4 + 1]! + pb.data[p * 4 + 2]!) / 3 / 255 * 55);
        out.data.set(off[p] ? [255, 0, 0, 255] : [grey, grey, grey, 255], p * 4);
      }
      ctx.putImageData(out, 0, 0);
      return canvas.encode('png');
    },
  };
}

export const DIFF_DIR = join(process.cwd(), 'scratch/preview-diff');

/** Writes the browser frame, the CLI frame and their diff next to each other for a failed comparison. */
export async function saveDiff(name: string, browser: Buffer, cli: Buffer, diff: PixelDiff): Promise<string> {
  mkdirSync(DIFF_DIR, { recursive: true });
  writeFileSync(join(DIFF_DIR, `${name}-browser.png`), browser);
  writeFileSync(join(DIFF_DIR, `${name}-cli.png`), cli);
  writeFileSync(join(DIFF_DIR, `${name}-diff.png`), await diff.diffPng());
  return join(DIFF_DIR, name);
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Surface } from '../../src/media/canvas.ts';
import { parseSpecText, validateSpec, type VideoSpec } from '../../src/spec/index.ts';
import { createCodeHighlighter, languagesOf, type CodeHighlighter } from '../../src/render/code-highlight.ts';
import { createSurface, nodeMeasurer } from '../../src/media/canvas.ts';
import { loadImage } from '@napi-rs/canvas';
import type { SceneBeats } from '../../src/timeline/beats.ts';
import type { LayoutContext } from '../../src/render/compose.ts';
import { textElements } from '../../src/render/draw.ts';
import type { Element } from '../../src/render/elements.ts';
import { contains, type Box } from '../../src/render/geometry.ts';

export function loadExample(name = 'all-kinds'): VideoSpec {
  const text = readFileSync(new URL(`../../examples/${name}.yaml`, import.meta.url), 'utf8');
  const r = validateSpec(parseSpecText(text).data);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

let highlighter: Promise<CodeHighlighter> | undefined;

export async function layoutContext(languages: string[] = ['python', 'javascript', 'typescript', 'bash']): Promise<LayoutContext> {
  highlighter ??= createCodeHighlighter(languages);
  return { measure: nodeMeasurer(), code: await highlighter };
}

export { languagesOf };

/** Every way a text element can break out of its box; empty when all text stays inside. */
export function overflowProblems(elements: readonly Element[], frame: Box): string[] {
  const problems: string[] = [];
  for (const el of textElements(elements)) {
    if (el.type === 'text') {
      const t = el.text;
      const used = t.lines.length * t.lineHeight;
      // A slot whose box is smaller than one line at the floor size would silently draw nothing.
      if (!t.lines.some((l) => l.trim())) problems.push(`a text slot at ${JSON.stringify(t.box)} drew nothing (box smaller than one line?)`);
      if (used > t.box.h + 0.5) problems.push(`text "${t.lines[0]?.slice(0, 30)}" is ${used.toFixed(1)} px tall in a ${t.box.h.toFixed(1)} px box`);
      if (t.top < t.box.y - 0.5 || t.top + used > t.box.y + t.box.h + 0.5) problems.push(`text "${t.lines[0]?.slice(0, 30)}" starts outside its box`);
      t.widths.forEach((w, i) => {
        if (w > t.box.w + 0.5) problems.push(`line "${t.lines[i]?.slice(0, 30)}" is ${w.toFixed(1)} px wide in a ${t.box.w.toFixed(1)} px box`);
      });
      if (t.lines.length && !contains(frame, t.box)) problems.push(`text box ${JSON.stringify(t.box)} leaves the frame`);
    } else if (!contains(frame, el.box)) problems.push(`code box ${JSON.stringify(el.box)} leaves the frame`);
  }
  return problems;
}

/** A pixel differs when a channel moves by more than this; an image differs when more than GOLDEN_MAX_SHARE of pixels do. */
export const CHANNEL_TOLERANCE = 32;
export const GOLDEN_MAX_SHARE = 0.004;

/** The share of pixels of `actual` (RGBA, w × h) that differ from the golden PNG at `goldenPath`. */
export async function goldenDiffShare(actual: Uint8ClampedArray, goldenPath: string, w: number, h: number): Promise<number> {
  const img = await loadImage(readFileSync(goldenPath));
  const surface = createSurface(w, h);
  surface.ctx.drawImage(img as unknown as CanvasImageSource, 0, 0);
  const expected = surface.ctx.getImageData(0, 0, w, h).data;
  let differing = 0;
  for (let i = 0; i < actual.length; i += 4) {
    if (Math.abs(actual[i]! - expected[i]!) > CHANNEL_TOLERANCE || Math.abs(actual[i + 1]! - expected[i + 1]!) > CHANNEL_TOLERANCE || Math.abs(actual[i + 2]! - expected[i + 2]!) > CHANNEL_TOLERANCE) differing++;
  }
  return differing / (w * h);
}

/** Measured beats for sentences of the given lengths (seconds), separated by 0.25 s, starting at the 0.3 s lead-in. */
export function sentenceBeats(sentences: [text: string, seconds: number][]): SceneBeats {
  let t = 0.3;
  const out = sentences.map(([text, seconds]) => {
    const b = { text, start: t, end: t + seconds };
    t += seconds + 0.25;
    return b;
  });
  return { sentences: out, narrationEnd: out.at(-1)?.end ?? 0, measured: true };
}

/**
 * A synthetic photograph: a bright sky-to-ground gradient with a sun, hills and a fine grid, so crops, zooms and
 * drift are visible in pixels. Deterministic.
 */
export function patternPicture(w = 960, h = 540): CanvasImageSource {
  const { canvas, ctx } = createSurface(w, h);
  const sky = ctx.createLinearGradient(0, 0, 0, h);
  sky.addColorStop(0, '#7cc4ff');
  sky.addColorStop(0.6, '#fde7b0');
  sky.addColorStop(1, '#3f8f4f');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#ffd23f';
  ctx.beginPath();
  ctx.arc(w * 0.72, h * 0.3, h * 0.12, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#2f6b3a';
  ctx.beginPath();
  ctx.moveTo(0, h);
  for (let x = 0; x <= w; x += w / 24) ctx.lineTo(x, h * (0.7 + 0.08 * Math.sin(x / (w / 6))));
  ctx.lineTo(w, h);
  ctx.fill();
  ctx.strokeStyle = 'rgba(20, 30, 60, 0.35)';
  ctx.lineWidth = 2;
  for (let x = 0; x <= w; x += w / 16) {
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, h);
    ctx.stroke();
  }
  for (let y = 0; y <= h; y += h / 9) {
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(w, y);
    ctx.stroke();
  }
  return canvas as unknown as CanvasImageSource;
}

/** A plain picture of one colour (worst cases: pure white under text). */
export function solidPicture(color: string, w = 320, h = 180): CanvasImageSource {
  const { canvas, ctx } = createSurface(w, h);
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, w, h);
  return canvas as unknown as CanvasImageSource;
}

/**
 * Synthetic footage: frame at `seconds` is a dark field with a bright bar whose position encodes the time (one full
 * sweep per 2 s) and a colour per clip, so tests can read back which clip and which moment was drawn.
 */
export function footageFrame(seconds: number, color = '#ff3b30', w = 640, h = 360): CanvasImageSource {
  const { canvas, ctx } = createSurface(w, h);
  ctx.fillStyle = '#101828';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = color;
  const x = ((seconds % 2) / 2) * (w - w / 10);
  ctx.fillRect(x, 0, w / 10, h);
  return canvas as unknown as CanvasImageSource;
}

/** MediaFrames over fixed pictures (by ref) and footage (by ref, drawn per requested second); records every request. */
export function testFrames(stills: Record<string, CanvasImageSource>, footage: Record<string, string> = {}) {
  const asked: { ref: string; seconds: number }[] = [];
  const cache = new Map<string, CanvasImageSource>();
  return {
    asked,
    frameAt(ref: string, seconds: number): CanvasImageSource | undefined {
      asked.push({ ref, seconds });
      if (stills[ref]) return stills[ref];
      const color = footage[ref];
      if (!color) return undefined;
      const key = `${ref}@${seconds}`;
      if (!cache.has(key)) cache.set(key, footageFrame(seconds, color));
      return cache.get(key);
    },
  };
}

/**
 * Compares a surface with `test/golden/<folder>/<name>.png` (tolerance above). `UPDATE_GOLDEN=1` writes it instead;
 * a failing frame is saved under test/golden/.actual/<folder>/ (ignored by git) to look at.
 */
export async function expectGolden(folder: string, name: string, surface: Surface, testFile: string): Promise<void> {
  const golden = new URL(`../golden/${folder}/`, import.meta.url).pathname;
  const actual = new URL(`../golden/.actual/${folder}/`, import.meta.url).pathname;
  const { width, height } = surface.canvas;
  const path = `${golden}${name}.png`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`no golden image ${path}; run \`UPDATE_GOLDEN=1 npx vitest run ${testFile}\` and review it`);
    mkdirSync(golden, { recursive: true });
    writeFileSync(path, await surface.canvas.encode('png'));
    return;
  }
  const share = await goldenDiffShare(surface.ctx.getImageData(0, 0, width, height).data, path, width, height);
  if (share > GOLDEN_MAX_SHARE) {
    mkdirSync(actual, { recursive: true });
    writeFileSync(`${actual}${name}.png`, await surface.canvas.encode('png'));
  }
  expect(share, `${(share * 100).toFixed(2)} % of pixels differ from ${path}; the actual image is in test/golden/.actual/${folder}/`).toBeLessThanOrEqual(GOLDEN_MAX_SHARE);
}

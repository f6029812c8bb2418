import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findFfmpeg, probe } from '../../src/media/index.ts';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { parseCues, spec, tempDir, testConfig } from '../pipeline/helpers.ts';

/**
 * A Short through the real pipeline: 9:16, burned-in word-by-word captions, espeak-ng narration (no provider words,
 * so the aligner times them). Frames at two word times differ in the caption band and light different words.
 */
const short = spec({
  id: 'shorts-words',
  title: 'Word captions',
  aspect: '9:16',
  resolution: '720p',
  captions: { burnIn: true, style: { mode: 'words', position: 'bottom', size: 'medium' } },
  scenes: [{ id: 'one', kind: 'title', title: 'Build caching', narration: 'Caching makes every build faster, because nothing runs twice.' }],
});

const W = 720;
const H = 1280;

describe('a 9:16 Short with word-by-word burned-in captions', () => {
  let out: string;
  let ffmpeg: string;
  beforeAll(async () => {
    out = tempDir('shorts-words');
    ffmpeg = (await findFfmpeg()).ffmpeg;
    await renderVideo(short, { outputDir: out, preset: 'draft', config: testConfig() });
  }, 180_000);

  const frameAt = (seconds: number, name: string): Uint8Array => {
    const png = join(out, `${name}.png`);
    execFileSync(ffmpeg, ['-v', 'error', '-y', '-ss', seconds.toFixed(3), '-i', join(out, 'video.mp4'), '-frames:v', '1', png]);
    return execFileSync(ffmpeg, ['-v', 'error', '-i', png, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 64 << 20 });
  };

  /** Yellow highlight pixels in the caption band (55–80 % of the height) and their mean x. */
  const highlight = (rgb: Uint8Array) => {
    let count = 0;
    let sumX = 0;
    for (let y = Math.floor(H * 0.55); y < H * 0.8; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 3;
        if (rgb[i]! > 200 && rgb[i + 1]! > 170 && rgb[i + 2]! < 90) {
          count++;
          sumX += x;
        }
      }
    }
    return { count, x: count ? sumX / count : -1 };
  };

  it('is 9:16 and the soft track keeps whole sentences', async () => {
    const info = await probe(join(out, 'video.mp4'));
    const video = info.streams.find((s) => s.type === 'video')!;
    expect([video.width, video.height]).toEqual([W, H]);
    const cues = parseCues(readFileSync(join(out, 'captions.en.srt'), 'utf8'));
    expect(cues.map((c) => c.text.replace(/\n/g, ' ')).join(' ')).toBe('Caching makes every build faster, because nothing runs twice.');
  });

  it('lights different words at two word times, and the caption band differs between them', () => {
    const [cue] = parseCues(readFileSync(join(out, 'captions.en.srt'), 'utf8'));
    const a = frameAt(cue!.start + 0.25, 'word-a');
    const b = frameAt(cue!.start + 0.9, 'word-b');
    const ha = highlight(a);
    const hb = highlight(b);
    expect(ha.count).toBeGreaterThan(200);
    expect(hb.count).toBeGreaterThan(200);
    expect(Math.abs(ha.x - hb.x)).toBeGreaterThan(20);
    let changed = 0;
    for (let y = Math.floor(H * 0.55); y < H * 0.8; y++) for (let x = 0; x < W; x++) if (Math.abs(a[(y * W + x) * 3]! - b[(y * W + x) * 3]!) > 40) changed++;
    expect(changed).toBeGreaterThan(500);
  });
});

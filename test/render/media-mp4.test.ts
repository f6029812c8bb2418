import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFfmpeg } from '../../src/media/ffmpeg-path.ts';
import { createSurface } from '../../src/media/canvas.ts';
import type { MediaElement } from '../../src/render/elements.ts';
import { frameFor } from '../../src/render/geometry.ts';
import { applyMediaTiming } from '../../src/render/media-timing.ts';
import { mediaNeeds } from '../../src/render/media-needs.ts';
import { VideoFrameComposer } from '../../src/render/video-frame.ts';
import { sentenceBeats, testFrames } from './helpers.ts';
import { clip, layoutWithMedia, mediaSpec } from './media-fixtures.ts';

const FPS = 30;
const dir = mkdtempSync(join(tmpdir(), 'videogen-media-mp4-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cmd: string, args: string[], input?: Buffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    p.stdout.on('data', (d: Buffer) => out.push(d));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`${cmd} exited ${code}: ${err.slice(-400)}`))));
    for (const chunk of input ?? []) p.stdin.write(chunk);
    p.stdin.end();
  });
}

describe('footage clips in a real MP4', () => {
  it('encodes two clips in narration order with a dissolve; decoded frames show each clip at its own time', async () => {
    const tools = await findFfmpeg();
    const frame = frameFor('16:9', 180);
    const spec = mediaSpec('16:9', [{ kind: 'video', src: 'a.mp4' }]);
    const laid = await layoutWithMedia(spec, 0, { main: clip('clipA', { loop: true }) }, frame);
    // A second clip from the second sentence, as b-roll gives it; the timing pass puts it at that sentence's onset.
    (laid.elements.find((e) => e.type === 'media') as MediaElement).clips.push(clip('clipB', { sentence: 1, sourceEnd: 3 }));
    const beats = sentenceBeats([['One.', 0.45], ['Two.', 1]]);
    const timed = applyMediaTiming(laid, beats);
    const onset = beats.sentences[1]!.start;
    expect(onset).toBe(1);

    const frames = testFrames({}, { clipA: '#ff9f0a', clipB: '#30d158' });
    const surface = () => {
      const s = createSurface(frame.width, frame.height);
      return { canvas: s.canvas as unknown as CanvasImageSource, ctx: s.ctx };
    };
    const composer = new VideoFrameComposer([timed], [surface(), surface()], surface(), frames);
    const out = createSurface(frame.width, frame.height);
    const raw: Buffer[] = [];
    const n = 2 * FPS;
    for (let i = 0; i < n; i++) {
      const at = { scene: 0, t: i / FPS, localFrame: i };
      const before = frames.asked.length;
      composer.draw(out.ctx, at);
      // The draw asked for exactly what mediaNeeds announced (what a feeder decodes first).
      expect(frames.asked.slice(before)).toEqual(mediaNeeds(timed, at.t));
      raw.push(Buffer.from(out.ctx.getImageData(0, 0, frame.width, frame.height).data.buffer));
    }
    const mp4 = join(dir, 'clips.mp4');
    await run(tools.ffmpeg, ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${frame.width}x${frame.height}`, '-r', String(FPS), '-i', '-', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-crf', '16', '-y', mp4], raw);
    const count = (await run(tools.ffprobe, ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', mp4])).toString().trim();
    expect(Number(count)).toBe(n);

    const decoded = async (seconds: number) => run(tools.ffmpeg, ['-v', 'error', '-ss', String(seconds), '-i', mp4, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
    const rgb = (buf: Buffer, x: number, y = 20) => [...buf.subarray((y * frame.width + x) * 3, (y * frame.width + x) * 3 + 3)];
    const barX = (seconds: number) => Math.round(((seconds % 2) / 2) * 0.9 * frame.width + 0.05 * frame.width);
    // 0.5 s: clip A, its bar at A's 0.5 s.
    const a = await decoded(0.5);
    expect(rgb(a, barX(0.5))[0]).toBeGreaterThan(200);
    expect(rgb(a, barX(0.5))[2]).toBeLessThan(80);
    // 1.8 s: clip B (green) at 0.8 s into it; no orange anywhere on the row.
    const b = await decoded(1.8);
    const [r, g] = rgb(b, barX(0.8));
    expect(g).toBeGreaterThan(170);
    expect(r).toBeLessThan(100);
    for (let x = 0; x < frame.width; x++) expect(rgb(b, x)[0], `orange left at x=${x}`).toBeLessThan(140);
    // 1.2 s: half-way through the dissolve both clips show.
    const mid = await decoded(1 + 0.2);
    expect(rgb(mid, barX(0.2))[1]).toBeGreaterThan(60);
    expect(rgb(mid, barX(1.2))[0]).toBeGreaterThan(60);
  });
});

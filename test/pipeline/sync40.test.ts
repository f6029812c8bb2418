import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderVideo } from '../../src/pipeline/render-video.ts';
import { probe } from '../../src/media/index.ts';
import { decodeAudio, onsetAfter, readJson, spec, tempDir, testConfig } from './helpers.ts';

const WORDS = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet'];

describe('40 scenes: no cumulative drift', () => {
  it('every scene’s narration starts within one frame of its plan, and the file has Σ frames', async () => {
    const video = spec({
      id: 'sync-40',
      title: 'Forty scenes',
      voices: ['male', 'female'],
      scenes: Array.from({ length: 40 }, (_, i) => ({
        id: `s${i + 1}`,
        kind: 'title' as const,
        title: `Scene ${i + 1}`,
        minDuration: 1,
        // Different lengths per scene, so any rounding error would accumulate.
        narration: `${WORDS[i % 10]} ${i % 3 === 0 ? 'and a few more words here' : 'now'}.`,
        transition: (['fade', 'slide', 'none', 'wipe', 'zoom'] as const)[i % 5],
      })),
    });
    const out = tempDir('sync40');
    await renderVideo(video, { outputDir: out, preset: 'draft', config: testConfig() });
    const manifest = readJson<{ scenes: { id: string; startFrame: number; endFrame: number; narrationStart: number }[] }>(join(out, 'manifest.json'));
    const info = await probe(join(out, 'video.mp4'), { countFrames: true });
    expect(info.streams.find((s) => s.type === 'video')!.frames).toBe(manifest.scenes.at(-1)!.endFrame);
    const pcm = await decodeAudio(join(out, 'video.mp4'));
    const offsets = manifest.scenes.map((scene) => (onsetAfter(pcm, Math.round(scene.narrationStart * 48000) - 4800) / 48000 - scene.narrationStart) * 1000);
    for (const [i, ms] of offsets.entries()) expect(Math.abs(ms), `scene ${i + 1} onset off by ${ms.toFixed(1)} ms`).toBeLessThanOrEqual(1000 / 30);
  }, 180_000);
});

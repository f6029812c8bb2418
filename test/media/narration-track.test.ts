import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNarrationTrack } from '../../src/media/index.ts';
import { parseWav } from '../../src/audio/wav.ts';
import { tempDir } from '../pipeline/helpers.ts';

describe('writeNarrationTrack', () => {
  it('streams clips to their exact sample offsets in a track of exactly the requested length', async () => {
    const path = join(tempDir('track'), 'n.wav');
    const clip = (v: number, n: number) => new Int16Array(n).fill(v);
    const warnings = await writeNarrationTrack(path, [{ pcm: clip(500, 1000), at: 120_000 }, { pcm: clip(300, 100), at: 10 }], 150_000, 48_000);
    expect(warnings).toEqual([]);
    const { pcm, sampleRate } = parseWav(readFileSync(path));
    expect(sampleRate).toBe(48_000);
    expect(pcm.length).toBe(150_000);
    expect([pcm[9], pcm[10], pcm[109], pcm[110]]).toEqual([0, 300, 300, 0]);
    expect([pcm[119_999], pcm[120_000], pcm[120_999], pcm[121_000]]).toEqual([0, 500, 500, 0]);
  });

  it('cuts and reports overlapping or overrunning clips instead of corrupting the track', async () => {
    const path = join(tempDir('track'), 'n.wav');
    const warnings = await writeNarrationTrack(path, [{ pcm: new Int16Array(100).fill(1), at: 0, id: 'a' }, { pcm: new Int16Array(100).fill(2), at: 50, id: 'b' }, { pcm: new Int16Array(100).fill(3), at: 950, id: 'c' }], 1000, 48_000);
    expect(warnings.join('\n')).toMatch(/b overlaps/);
    expect(warnings.join('\n')).toMatch(/c runs .* past the end/);
    expect(parseWav(readFileSync(path)).pcm.length).toBe(1000);
  });
});

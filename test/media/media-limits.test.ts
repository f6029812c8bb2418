import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFfmpeg } from '../../src/media/index.ts';
import { MAX_PICTURE_MEGAPIXELS, probeMedia } from '../../src/media/media-probe.ts';
import { runTool } from '../../src/media/process.ts';
import { tempDir } from '../pipeline/helpers.ts';

describe('media limits', () => {
  it('refuses a picture over the pixel limit before decoding it, naming the field and the limit', async () => {
    const tools = await findFfmpeg();
    const file = join(tempDir('big-picture'), 'big.png');
    // 8000 × 7000 = 56 megapixels: a valid PNG (a few hundred KB of one colour) that would need 224 MB to decode.
    await runTool(tools.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=8000x7000', '-frames:v', '1', file]);
    const error = await probeMedia(file, 'scenes[0].src', tools).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', details: { field: 'scenes[0].src', limit: 'media.pixels', max: MAX_PICTURE_MEGAPIXELS } });
    expect((error as Error).message).toMatch(/8000×7000 \(56 megapixels\); scale it down/);
  }, 60_000);
});

describe('media paths at load time', () => {
  it('a path inside the spec folder that is not a file is reported by validate (SOURCE_UNREADABLE with the field)', async () => {
    const { confineMediaPaths } = await import('../../src/sources/media-paths.ts');
    const dir = tempDir('missing-media');
    const spec = { scenes: [{ kind: 'image', src: 'nope.png' }], music: undefined } as unknown as Parameters<typeof confineMediaPaths>[0];
    await expect(confineMediaPaths(spec, { kind: 'folder', root: dir })).rejects.toMatchObject({ code: 'SOURCE_UNREADABLE', details: { field: 'scenes[0].src' } });
    // Outside the folder stays SOURCE_FORBIDDEN whether or not the file exists (no existence oracle).
    const outside = { scenes: [{ kind: 'image', src: '../nope.png' }] } as unknown as Parameters<typeof confineMediaPaths>[0];
    await expect(confineMediaPaths(outside, { kind: 'folder', root: dir })).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
  });
});

import { describe, expect, it, vi } from 'vitest';
import type { RenderOptions } from '../../src/pipeline/render-video.ts';

/**
 * The job runner's half of `upload:<id>`: the spec's uploads are looked up for the job's owner and reach
 * renderVideo's `uploads` resolver as paths (renderVideo is replaced here so the resolver itself can be called).
 */
const seen: RenderOptions[] = [];
vi.mock('../../src/pipeline/render-video.ts', () => ({
  renderVideo: async (_spec: unknown, opts: RenderOptions) => {
    seen.push(opts);
    return { outputDir: opts.outputDir, files: {}, seconds: 0, totalFrames: 0, segmentsRendered: 0, segmentsCached: 0, frames: { drawn: 0, piped: 0, held: 0 } };
  },
}));

const { renderJobInProcess } = await import('../../src/queue/run-job.ts');
const { uploadsFrom } = await import('../../src/pipeline/render-protocol.ts');
const { loadConfig } = await import('../../src/config.ts');

const PICTURE = '11111111-1111-4111-8111-111111111111';
const CLIP = '22222222-2222-4222-8222-222222222222';
const spec = {
  id: 'm',
  title: 'M',
  scenes: [
    { kind: 'image', src: `upload:${PICTURE}`, narration: 'One.' },
    { kind: 'video', src: `upload:${CLIP.toUpperCase()}`, narration: 'Two.' },
  ],
};
const owned: Record<string, { path: string; mediaType: string }> = { [PICTURE]: { path: '/uploads/p', mediaType: 'image/png' }, [CLIP]: { path: '/uploads/c', mediaType: 'video/mp4' } };

const ctx = (options: Record<string, unknown> = { preset: 'draft' }) => ({
  job: { id: 'j', ownerId: 'o', kind: 'render', input: { spec }, options } as never,
  outputDir: '/tmp/none',
  signal: new AbortController().signal,
  config: loadConfig({ home: '/tmp/videogen-none' }, {}),
  onEvent: () => undefined,
  uploads: async (id: string) => owned[id],
});

describe('uploads in the job runner', () => {
  it('hands renderVideo a resolver that knows exactly the owner\'s uploads the spec names, and the broll option', async () => {
    await renderJobInProcess(ctx({ preset: 'draft', broll: 'auto' }));
    const opts = seen.at(-1)!;
    expect(opts.broll).toBe('auto');
    await expect(opts.uploads!(PICTURE)).resolves.toBe('/uploads/p');
    await expect(opts.uploads!(`upload:${CLIP}`)).resolves.toBe('/uploads/c');
    await expect(opts.uploads!('33333333-3333-4333-8333-333333333333')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('fails with NOT_FOUND naming the field when the owner has no such upload, before rendering', async () => {
    const before = seen.length;
    await expect(renderJobInProcess({ ...ctx(), uploads: async () => undefined })).rejects.toMatchObject({ code: 'NOT_FOUND', details: { field: 'scenes[0].src' } });
    expect(seen.length).toBe(before);
  });

  it('refuses a bad broll option as USAGE', async () => {
    await expect(renderJobInProcess(ctx({ broll: 'always' }))).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('uploadsFrom ignores inherited keys', async () => {
    await expect(uploadsFrom({})('constructor')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(uploadsFrom({})('__proto__')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

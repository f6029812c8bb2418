import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { RENDER_PROCESS_FLAGS, missingRenderProcessFlags } from '../../src/pipeline/render-env.ts';

/**
 * A process that reads 1080p frames back from a canvas as a render does (each 8 MB buffer kept a few frames, as one
 * is while its encoder reads it) and prints V8's GC trace. `apply`: it turns incremental marking off at run time
 * first, as `videogen worker` does.
 */
function gcTrace(opts: { flags?: readonly string[]; apply?: boolean }): string {
  const renderEnv = JSON.stringify(new URL('../../src/pipeline/render-env.ts', import.meta.url).href);
  const script = `
    ${opts.apply ? `const { applyRenderGcFlags } = await import(${renderEnv}); applyRenderGcFlags();` : ''}
    const { createCanvas } = await import('@napi-rs/canvas');
    const ctx = createCanvas(1920, 1080).getContext('2d');
    const keep = [];
    for (let i = 0; i < 100; i++) {
      ctx.fillStyle = i % 2 ? '#123' : '#456';
      ctx.fillRect(0, 0, 1920, 1080);
      keep.push(ctx.getImageData(0, 0, 1920, 1080).data);
      if (keep.length > 8) keep.shift();
      await new Promise((r) => setImmediate(r));
    }
  `;
  const run = spawnSync(process.execPath, [...(opts.flags ?? []), '--trace-gc', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

describe('the Node flags of a rendering process', () => {
  it('names what a process lacks, so the bin re-executes only when something is missing', () => {
    expect(missingRenderProcessFlags([])).toEqual([...RENDER_PROCESS_FLAGS]);
    expect(missingRenderProcessFlags(['--expose-gc'])).toEqual(['--no-incremental-marking']);
    expect(missingRenderProcessFlags(['--inspect', ...RENDER_PROCESS_FLAGS])).toEqual([]);
  });

  it('external memory starts incremental marking by default, and not with the flags or with applyRenderGcFlags', () => {
    // An incremental cycle's trace line counts its marking steps ('+ 0.3 ms in 7 steps since start of marking').
    const incremental = /steps since start of marking|incremental marking/;
    // The default: the dropped buffers' external memory starts incremental full collections.
    expect(gcTrace({})).toMatch(incremental);
    // As started by the bin, the render child and the benches…
    const flagged = gcTrace({ flags: RENDER_PROCESS_FLAGS });
    expect(flagged).toMatch(/Mark-Compact/);
    expect(flagged).not.toMatch(incremental);
    // …and as a worker that turns it off once running.
    expect(gcTrace({ apply: true })).not.toMatch(incremental);
  }, 120_000);
});

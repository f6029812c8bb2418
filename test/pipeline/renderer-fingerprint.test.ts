import { describe, expect, it } from 'vitest';
import { rendererFingerprint } from '../../src/pipeline/renderer-fingerprint.ts';

describe('renderer fingerprint', () => {
  it('is a stable hash of the drawing code, part of every segment key', async () => {
    const first = rendererFingerprint();
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(rendererFingerprint()).toBe(first);
    const source = await import('node:fs').then((fs) => fs.readFileSync(new URL('../../src/pipeline/segments.ts', import.meta.url), 'utf8'));
    expect(source).toContain('renderer: rendererFingerprint()');
  });
});

import { describe, expect, it } from 'vitest';
import { frameShortSide, renderFrame } from '../../src/options/frame-size.ts';
import { validateSpec } from '../../src/spec/index.ts';

const spec = (extra: Record<string, unknown> = {}) => {
  const result = validateSpec({ id: 'sizes', title: 'Sizes', scenes: [{ kind: 'title', title: 'Hi' }], ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
};

describe('frame size: explicit option > the spec\'s resolution > the preset\'s size', () => {
  it('keeps "not stated" in the spec, so the rule can see it', () => {
    expect(spec().resolution).toBeUndefined();
    expect(spec({ resolution: '1440p' }).resolution).toBe('1440p');
    expect(validateSpec({ id: 'x', title: 'X', resolution: '4k', scenes: [{ kind: 'title', title: 'Hi' }] }).ok).toBe(false);
  });

  it('uses the preset only when nobody named a size', () => {
    expect(frameShortSide('draft')).toBe(720);
    expect(frameShortSide('standard')).toBe(1080);
    expect(frameShortSide('final')).toBe(1080);
    expect(frameShortSide('draft', '1440p')).toBe('1440p');
    expect(frameShortSide('standard', '2160p')).toBe('2160p');
    expect(frameShortSide('standard', '1440p', '720p')).toBe('720p');
    expect(frameShortSide('draft', undefined, '1080p')).toBe('1080p');
  });

  it('gives the pixel frame for every aspect', () => {
    expect(renderFrame(spec({ resolution: '1440p' }), { preset: 'standard' })).toMatchObject({ width: 2560, height: 1440 });
    expect(renderFrame(spec(), { preset: 'draft' })).toMatchObject({ width: 1280, height: 720 });
    expect(renderFrame(spec({ resolution: '1440p' }), { preset: 'draft', resolution: '720p' })).toMatchObject({ width: 1280, height: 720 });
    expect(renderFrame(spec({ aspect: '9:16', resolution: '2160p' }))).toMatchObject({ width: 2160, height: 3840 });
    expect(renderFrame(spec({ aspect: '1:1' }))).toMatchObject({ width: 1080, height: 1080 });
  });
});

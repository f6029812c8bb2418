import { describe, expect, it } from 'vitest';
import { SPEC_LIMITS, formatProblems, parseSpecText, safeToShow, validateSet, validateSpec } from '../../src/spec/index.ts';

const scene = { kind: 'title', title: 'Hello' };
const spec = (extra: Record<string, unknown> = {}) => ({ id: 'v', title: 'T', scenes: [scene], ...extra });

describe('spec text limits (LIMIT_EXCEEDED with details.limit and details.max)', () => {
  it('size, aliases and nesting, before yaml recurses', () => {
    expect(() => parseSpecText(`a: 1\n# ${'x'.repeat(SPEC_LIMITS['spec.bytes'])}`)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED', details: { limit: 'spec.bytes', max: 2 * 1024 * 1024 } }));
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    expect(() => parseSpecText(laughs)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED', details: { limit: 'spec.aliases', max: 100 } }));
    for (const deep of [`${'['.repeat(100_000)}${']'.repeat(100_000)}`, `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, `${'- '.repeat(5_000)}x`]) {
      expect(() => parseSpecText(deep)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED', details: { limit: 'spec.depth', max: 64 } }));
    }
    // Ordinary anchors and 60 levels are fine.
    expect(parseSpecText('d: &d { accent: blue }\nx: *d\ny: *d\n').data).toEqual({ d: { accent: 'blue' }, x: { accent: 'blue' }, y: { accent: 'blue' } });
    expect(() => parseSpecText(`${'['.repeat(60)}${']'.repeat(60)}`)).not.toThrow();
  });

  it('data from JSON bodies is bounded too: depth, scenes, videos, lists and text, with the path', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(() => validateSpec(deep)).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED', details: expect.objectContaining({ limit: 'spec.depth' }) }));
    expect(() => validateSpec(spec({ scenes: Array(501).fill(scene) }))).toThrow(expect.objectContaining({ details: { limit: 'spec.scenes', max: 500, path: 'scenes' } }));
    expect(() => validateSet({ id: 's', name: 'S', videos: Array(101).fill(spec()) })).toThrow(expect.objectContaining({ details: { limit: 'spec.videos', max: 100, path: 'videos' } }));
    expect(() => validateSpec(spec({ scenes: [{ kind: 'list', title: 'L', items: Array(1001).fill('x') }] }))).toThrow(expect.objectContaining({ details: { limit: 'spec.list', max: 1000, path: 'scenes[0].items' } }));
    expect(() => validateSpec(spec({ scenes: [{ kind: 'title', title: 'y'.repeat(20_001) }] }))).toThrow(expect.objectContaining({ details: { limit: 'spec.text', max: 20_000, path: 'scenes[0].title' } }));
    expect(validateSpec(spec({ scenes: Array(500).fill(scene) })).ok).toBe(true);
  });
});

describe('numeric ranges and refused fields (SPEC_INVALID problems that say the range)', () => {
  it('absurd numbers name the field and the allowed range', () => {
    const r = validateSpec(spec({ fps: 1e308, scenes: [{ ...scene, minDuration: -1, maxDuration: Infinity }, { kind: 'problem', title: 'P', text: 'T', number: 'NaN' }, { kind: 'learningObjectives', title: 'L', objectives: ['o'], duration: Number.NaN }] }));
    expect(r.ok).toBe(false);
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
    expect(byPath.fps).toMatch(/24, 25, 30, 50 or 60/);
    expect(byPath['scenes[0].minDuration']).toMatch(/greater than 0 seconds.*3600/);
    expect(byPath['scenes[0].maxDuration']).toMatch(/seconds/);
    expect(byPath['scenes[1].number']).toMatch(/whole number from 1 to 9999/);
    expect(byPath['scenes[2].duration']).toMatch(/minutes/);
    expect(validateSpec(spec({ scenes: [{ ...scene, minDuration: 3601 }] })).problems[0]).toMatchObject({ path: 'scenes[0].minDuration', message: expect.stringContaining('at most 3600 seconds (limit spec.number)') });
  });

  it('music: `file` is an alias of `src`; ranges and a missing source are named', () => {
    const r = validateSpec(spec({ music: { file: 'a.mp3', volume: -20 } }));
    expect(r.ok && r.value.music).toEqual({ src: 'a.mp3', volume: -20, duck: 15 });
    expect(validateSpec(spec({ music: { src: 'auto', mood: 'calm' } })).ok).toBe(true);
    expect(validateSpec(spec({ music: { volume: -20 } })).problems[0]).toMatchObject({ path: 'music.src', message: expect.stringContaining('src: auto') });
    expect(validateSpec(spec({ music: { src: 'a.mp3', duck: 30 } })).problems[0]).toMatchObject({ path: 'music.duck', message: expect.stringContaining('18 dB') });
    expect(validateSet({ id: 's', name: 'S', defaults: { music: { src: 'a.mp3', file: 'b.mp3' } }, videos: [spec()] }).problems[0]).toMatchObject({ path: 'defaults.music.file' });
  });
});

describe('names are shown safely', () => {
  it('bidi overrides, controls and invisibles become visible escapes; long names are shortened', () => {
    expect(safeToShow('invoice\u202Egpj.exe')).toBe('invoice\\u{202E}gpj.exe');
    expect(safeToShow('a\nb\u0000c\u200Bd')).toBe('a\\u{A}b\\u{0}c\\u{200B}d');
    expect(safeToShow('x'.repeat(500), 21)).toBe(`${'x'.repeat(10)}…${'x'.repeat(10)}`);
    const r = validateSpec(spec({ scenes: [{ ...scene, 'evil\u202Ekey': 1 }] }));
    const printed = formatProblems(r.problems, 'f\u202Eile.yaml');
    expect(printed).not.toMatch(/[\u202a-\u202e]/);
    expect(printed).toContain('evil\\u{202E}key');
  });
});

import { describe, expect, it } from 'vitest';
import type { VideoSpec } from '../../../src/spec/index.ts';
import { detectSource } from '../../../src/sources/detect.ts';
import type { SourceOptions } from '../../../src/sources/types.ts';

const REAL = new URL('../../fixtures/real/', import.meta.url).pathname;

async function specs(file: string, options: SourceOptions = {}): Promise<{ specs: VideoSpec[]; warnings: string[] }> {
  const source = `${REAL}${file}`;
  const result = await (await detectSource(source)).load(source, options);
  return { specs: result.kind === 'video' ? [result.spec] : result.specs, warnings: result.warnings };
}

const sceneTitles = (spec: VideoSpec) => spec.scenes.map((s) => ('title' in s && typeof s.title === 'string' ? s.title : undefined)).filter((t): t is string => Boolean(t));

describe('titles of built videos', () => {
  it('commander: no two scenes of a video share a title, so chapters are distinct', async () => {
    const { specs: [spec] } = await specs('commander-README.md');
    const titles = sceneTitles(spec!);
    expect(new Set(titles.map((t) => t.toLowerCase())).size).toBe(titles.length);
    // The review saw "0:12 Quick Start" and "0:36 Quick Start": the second scene of the section is now "continued".
    expect(titles).toContain('Quick Start');
    expect(titles).toContain('Quick Start, continued');
    // "More configuration" under Options and under Command-arguments are told apart by their parent heading.
    expect(titles).toContain('More configuration');
    expect(titles).toContain('More configuration (Command-arguments)');
  });

  it('fast-check --videos 500: every video is titled by its section, none is emptied, the author casing stays', async () => {
    const { specs: set, warnings } = await specs('fast-check-README.md', { videos: 500 });
    expect(set.length).toBe(5);
    for (const spec of set) {
      expect(spec.title).not.toMatch(/:\s*$/);
      expect(spec.id).not.toMatch(/-$/);
    }
    expect(set[0]!.title).toBe('fast-check: Getting started');
    expect(set.every((s) => s.scenes[0]!.kind === 'title' && (s.scenes[0] as { badge?: string }).badge?.startsWith('fast-check ·'))).toBe(true);
    expect(warnings.join('\n')).not.toMatch(/left out/);
    expect(warnings).toContain('asked for 500 videos but the document has only 5 part(s) with enough content; made 5');
  });

  it('fast-check --videos auto at 20 s: balance and caps condense videos but never drop one', async () => {
    const { specs: set, warnings } = await specs('fast-check-README.md', { videos: 'auto', targetSeconds: 20 });
    expect(set.length).toBe(5);
    expect(warnings.join('\n')).not.toMatch(/left out/);
  });

  it('a set title keeps the heading casing: shared-mime-info "mime.cache files" is not made "Mime.cache"', async () => {
    const { specs: set } = await specs('shared-mime-info-spec.pdf', { videos: 'auto' });
    const titles = set.map((s) => (s.scenes[0] as { title: string }).title);
    expect(titles.some((t) => /\bMime\.cache\b/.test(t))).toBe(false);
  });
});

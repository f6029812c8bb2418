import { expect } from 'vitest';
import { validateSpec, type VideoSpec } from '../../../src/spec/index.ts';
import { narrationFor } from '../../../src/writing/templates.ts';

export const FIXTURES = new URL('../../fixtures/sources/youtube/', import.meta.url).pathname;

/** What every transcript-derived spec must satisfy: valid, clean grammatical narration, ordered source times. */
export function expectGoodTranscriptSpec(spec: VideoSpec, videoSeconds: number) {
  const checked = validateSpec(spec);
  expect(checked.problems).toEqual([]);
  expect(spec.scenes[0]!.kind).toBe('title');
  expect(spec.scenes.at(-1)!.kind).toBe('outro');
  const allText = JSON.stringify(spec);
  expect(allText).not.toMatch(/\[music\]|\bum\b|\buh\b|you know|undefined|null|Key Points \d|TODO|lorem/i);
  for (const scene of spec.scenes) {
    const narration = narrationFor(scene);
    expect(narration, scene.id).toMatch(/^["'“]?[A-Z]/);
    expect(narration, scene.id).toMatch(/[.!?]["”]?$/);
    expect(narration, scene.id).not.toMatch(/\s[,.;:]|,,|\.\.(?!\.)|\s{2,}|\. [a-z]/);
  }
  const content = spec.scenes.slice(1, -1);
  expect(content.length).toBeGreaterThanOrEqual(4);
  let previousEnd = 0;
  for (const scene of content) {
    expect(['list', 'quote']).toContain(scene.kind);
    const { start, end } = scene.source ?? {};
    expect(start, scene.id).toBeTypeOf('number');
    expect(end! - start!, scene.id).toBeGreaterThan(15);
    expect(end! - start!, scene.id).toBeLessThanOrEqual(75);
    expect(start!).toBeGreaterThanOrEqual(previousEnd);
    expect(end!).toBeLessThanOrEqual(videoSeconds);
    previousEnd = end!;
    if (scene.kind === 'list') {
      expect(scene.items.length).toBeGreaterThanOrEqual(1);
      for (const item of scene.items) expect(typeof item === 'string' ? item : item.title).toMatch(/^[A-Z0-9]/);
    }
  }
}

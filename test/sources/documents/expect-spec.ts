import { expect } from 'vitest';
import { validateSpec, type VideoSpec } from '../../../src/spec/index.ts';
import type { SourceResult } from '../../../src/sources/types.ts';

/** Checks every document adapter must pass: valid spec, cited scenes, grammatical narration, nothing empty. */
export function specsOf(result: SourceResult): VideoSpec[] {
  return result.kind === 'video' ? [result.spec] : result.specs;
}

const PLACEHOLDER = /undefined|null|\[object|\{\{|\$\{|TODO|lorem|:\.|\.\.(?!\.)|\s{2,}|\s[.,]/i;

export function expectGoodSpec(spec: VideoSpec, document: string): void {
  expect(validateSpec(spec).ok).toBe(true);
  expect(spec.scenes[0]!.kind).toBe('title');
  expect(spec.scenes.at(-1)!.kind).toBe('outro');
  for (const scene of spec.scenes) {
    const where = `${scene.id} (${scene.kind})`;
    expect(scene.source?.document, where).toBe(document);
    expect(scene.source?.section, where).toBeTruthy();
    const [start, end] = scene.source!.lines!;
    expect(start, where).toBeLessThanOrEqual(end);
    const narration = scene.narration ?? '';
    expect(narration.length, where).toBeGreaterThan(10);
    expect(narration, where).toMatch(/^[A-Z"“]/);
    expect(narration, where).toMatch(/[.!?]$/);
    expect(narration, where).not.toMatch(PLACEHOLDER);
    if (scene.kind === 'list') {
      expect(scene.items.length, where).toBeGreaterThan(0);
      expect(scene.items.length, where).toBeLessThanOrEqual(6);
      for (const item of scene.items) {
        const text = typeof item === 'string' ? item : `${item.title} ${item.description ?? ''}`;
        expect(text.trim(), where).not.toBe('');
        expect(typeof item === 'string' ? item.length : item.title.length, where).toBeLessThanOrEqual(90);
        // Cut lines end on a whole word followed by "…", never mid-word.
        if (text.trim().endsWith('…')) expect(text.trim(), where).toMatch(/\w…$/);
      }
    }
    if ('title' in scene && scene.title) expect(scene.title.length, where).toBeLessThanOrEqual(70);
  }
}

export const byId = (spec: VideoSpec, id: string) => {
  const scene = spec.scenes.find((s) => s.id === id);
  if (!scene) throw new Error(`no scene ${id}; have ${spec.scenes.map((s) => s.id).join(', ')}`);
  return scene;
};

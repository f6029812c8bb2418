import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadYamlSource, yamlAdapter } from '../../../src/sources/yaml.ts';
import type { SceneOf, VideoSpec } from '../../../src/spec/index.ts';

const dir = join(import.meta.dirname, '../../fixtures/sources/video-gen');
const video = async (file: string) => {
  const r = await loadYamlSource(join(dir, file));
  if (r.kind !== 'video') throw new Error('expected a video');
  return r;
};
const scene = <K extends VideoSpec['scenes'][number]['kind']>(spec: VideoSpec, i: number, kind: K) => {
  expect(spec.scenes[i]!.kind).toBe(kind);
  return spec.scenes[i] as SceneOf<K>;
};

describe('video_gen samples import', () => {
  it('example_simple.yaml (pipeline dialect, visual_content)', async () => {
    const { spec, format, warnings } = await video('example_simple.yaml');
    expect(format).toBe('videogen-pipeline');
    expect(spec).toMatchObject({ id: 'feature_demo', title: 'Feature Demo', theme: { accent: 'blue' }, voice: 'male' });
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'command', 'list', 'outro']);
    expect(scene(spec, 0, 'title')).toMatchObject({ id: '1', title: 'Feature Demo', subtitle: 'Quick Overview', narration: 'Learn the essential features in 60 seconds' });
    expect(scene(spec, 1, 'command')).toMatchObject({ title: 'Quick Start', description: 'Get Started in 3 Commands', commands: ['$ tool install feature', '$ tool init', '$ tool run'] });
    expect(scene(spec, 2, 'list').items).toEqual([
      { title: 'Fast Performance', description: 'Optimized for speed' },
      { title: 'Easy to Use', description: 'Intuitive interface' },
      { title: 'Well Documented', description: 'Complete guides' },
    ]);
    expect(scene(spec, 3, 'outro')).toMatchObject({ title: 'Ready to Get Started?', subtitle: 'See README.md' });
    // key_points only fed video_gen's narration generator; this scene has its own narration, and says so.
    expect(warnings.some((w) => w.includes('scene 2') && w.includes('key_points'))).toBe(true);
  });

  it('03_scene_types.yaml (legacy dialect: six types, per-scene voices, narration from topic/key points)', async () => {
    const { spec, format, warnings } = await video('03_scene_types.yaml');
    expect(format).toBe('videogen-legacy');
    expect(warnings).toEqual([]);
    expect(spec).toMatchObject({ id: '03_scene_types', theme: { accent: 'purple' }, voice: 'male' });
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'list', 'codeComparison', 'quote', 'command', 'outro']);
    expect(spec.scenes.map((s) => s.voice)).toEqual(['male', 'female', 'male_warm', 'female_friendly', 'male', 'male']);
    const cmp = scene(spec, 2, 'codeComparison');
    expect(cmp.title).toBe('Code Comparison Scene');
    expect(cmp.before).toMatchObject({ label: 'Original Code', code: expect.stringContaining('for x in data:\n  if x > 0:') });
    expect(cmp.after).toMatchObject({ label: 'Refactored', code: 'result = [x for x in data if x > 0]' });
    expect(cmp.narration).toContain('List comprehension is more concise and Pythonic.');
    expect(cmp.narration).toContain('Remember these 3 points: one line instead of four, more readable, and same functionality.');
    expect(scene(spec, 3, 'quote')).toMatchObject({ text: 'The right scene type makes complex topics clear and engaging', attribution: 'Video Gen Design Principle' });
    expect(scene(spec, 3, 'quote').narration).toMatch(/^Choosing the appropriate visual layout\. As Video Gen Design Principle put it/);
    expect(scene(spec, 4, 'command').narration).toMatch(/^Define scene types in your YAML input files\. Using Scene Types in YAML\./);
    expect(scene(spec, 0, 'title').narration).toBe('Six Scene Types. Visual Building Blocks. Mix and match to create any video structure.');
  });

  it('example_advanced.yaml (custom ids, durations, own narration)', async () => {
    const { spec, warnings } = await video('example_advanced.yaml');
    expect(spec.scenes.map((s) => s.id)).toEqual(['scene_01_intro', 'scene_02_setup', 'scene_03_features', 'scene_04_resources', 'scene_05_outro']);
    expect(scene(spec, 1, 'command')).toMatchObject({ minDuration: 8, maxDuration: 12, commands: expect.arrayContaining(['→ Environment ready']) });
    expect(scene(spec, 0, 'title').narration).toBe('Advanced tutorial. Your deep dive into powerful features and optimization techniques.');
    expect(scene(spec, 3, 'command').commands).not.toContain('');
    expect(scene(spec, 4, 'outro').narration).toContain("You're now ready to use advanced capabilities effectively.");
    expect(warnings.some((w) => w.includes('target_duration 90'))).toBe(true);
  });

  it('example_four_voices.yaml (cyan accent, all four voices)', async () => {
    const { spec } = await video('example_four_voices.yaml');
    expect(spec.theme.accent).toBe('cyan');
    expect(new Set(spec.scenes.map((s) => s.voice))).toEqual(new Set(['male', 'male_warm', 'female', 'female_friendly']));
    expect(scene(spec, 1, 'list').items).toHaveLength(2);
  });

  it('sets/tutorial_series_example/set_config.yaml (defaults, overrides, priority, naming)', async () => {
    const r = await loadYamlSource(join(dir, 'sets/tutorial_series_example/set_config.yaml'));
    expect(r.format).toBe('videogen-set-config');
    if (r.kind !== 'set') throw new Error('expected a set');
    expect(r).toMatchObject({ id: 'tutorial_series_example', name: 'Tutorial Series 2024' });
    expect(r.specs.map((s) => s.id)).toEqual(['tutorial-01-introduction', 'tutorial-02-installation', 'tutorial-03-first_steps', 'tutorial-04-conclusion']);
    expect(r.specs.map((s) => [s.theme.accent, s.voice])).toEqual([['blue', 'male'], ['blue', 'male'], ['green', 'female'], ['blue', 'male']]);
    expect(r.specs.every((s) => s.scenes.every((sc) => sc.minDuration === 3 && sc.maxDuration === 15))).toBe(true);
    expect(r.specs[1]!.scenes.map((s) => s.kind)).toEqual(['title', 'command', 'command', 'outro']);
    expect(r.warnings.some((w) => w.includes('"output" ignored'))).toBe(true);
  });

  it('template_tutorial.yaml needs its variables, and reports every missing one', async () => {
    await expect(loadYamlSource(join(dir, 'template_tutorial.yaml'))).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      details: { problems: expect.arrayContaining([{ path: 'variables.topic', message: 'required' }, { path: 'variables.objectives', message: 'required' }]) },
    });
  });

  it('template_tutorial.yaml with variables (typed: lists stay lists)', async () => {
    const { spec, warnings } = await video('tutorial-from-template.yaml');
    expect(spec).toMatchObject({ id: 'git-branching', title: 'Git Branching', theme: { accent: 'green' }, voice: 'male' });
    expect(spec.scenes.map((s) => s.kind)).toEqual(['title', 'learningObjectives', 'list', 'command', 'problem', 'list', 'checkpoint', 'outro']);
    expect(scene(spec, 0, 'title').subtitle).toBe('A Comprehensive Guide');
    expect(scene(spec, 1, 'learningObjectives').objectives).toHaveLength(3);
    expect(scene(spec, 3, 'command').commands).toContain('$ git merge feature/login');
    expect(scene(spec, 4, 'problem').text).toMatch(/^Two people edited/);
    expect(scene(spec, 5, 'list').items).toHaveLength(4);
    expect(scene(spec, 6, 'checkpoint').completed).toEqual(['Branches, switching, merging and resolving conflicts']);
    expect(scene(spec, 7, 'outro')).toMatchObject({ title: 'Great Work!', subtitle: 'Keep learning and practicing', callToAction: 'Continue with the next tutorial' });
    expect(scene(spec, 0, 'title').narration).toContain('Welcome to this tutorial on Git branches.');
    expect(warnings.some((w) => w.includes('field "background" ignored'))).toBe(true);
    expect(warnings.some((w) => w.includes('solution has no code'))).toBe(true);
  });

  it('is a SourceAdapter for .yaml/.yml/.json paths', async () => {
    expect(yamlAdapter.detect('a/b.yaml')).toBe(true);
    expect(yamlAdapter.detect('b.JSON')).toBe(true);
    expect(yamlAdapter.detect('https://x.org/a.yaml')).toBe(false);
    expect(yamlAdapter.detect('notes.md')).toBe(false);
    const r = await yamlAdapter.load(join(dir, 'example_simple.yaml'), { aspect: '9:16', voice: 'female' });
    expect(r.kind === 'video' && [r.spec.aspect, r.spec.voice]).toEqual(['9:16', 'female']);
  });
});

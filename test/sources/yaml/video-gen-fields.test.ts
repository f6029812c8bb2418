import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadYamlSource } from '../../../src/sources/yaml.ts';
import type { Scene } from '../../../src/spec/index.ts';
import { tempFiles } from './helpers.ts';

/** One pipeline-dialect video with the given scenes (as web builder / translation stage / templates emit them). */
async function load(scenes: unknown[], video: Record<string, unknown> = {}) {
  const dir = tempFiles({ 'v.yaml': { video_id: 'probe', title: 'Probe', ...video, scenes } });
  const r = await loadYamlSource(join(dir, 'v.yaml'));
  if (r.kind !== 'video') throw new Error('expected a video');
  return { scenes: r.spec.scenes as Scene[], spec: r.spec, warnings: r.warnings };
}
const s = (scene_type: string, visual_content: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ scene_id: scene_type, scene_type, narration: '', visual_content, ...extra });

describe('video_gen field names map explicitly per scene type', () => {
  it('web-builder names: command/list title, outro message/cta, quiz answer, checkpoint learned_topics', async () => {
    const { scenes, warnings } = await load([
      s('command', { title: 'Install', description: 'One line', commands: ['$ npm i x'] }),
      s('list', { title: 'Why', items: ['Fast', 'Small'] }),
      s('outro', { message: 'Thanks for watching', cta: 'Subscribe' }),
      s('quiz', { question: 'Which is a runtime?', options: ['Node.js', 'CSS'], answer: 'Node.js' }),
      s('checkpoint', { learned_topics: ['Installing', 'Running'], next_topics: ['Testing'] }),
    ]);
    expect(warnings).toEqual([]);
    expect(scenes[0]).toMatchObject({ kind: 'command', title: 'Install', commands: ['$ npm i x'] });
    expect(scenes[1]).toMatchObject({ kind: 'list', title: 'Why', items: ['Fast', 'Small'] });
    expect(scenes[2]).toMatchObject({ kind: 'outro', title: 'Thanks for watching', callToAction: 'Subscribe' });
    expect(scenes[3]).toMatchObject({ kind: 'quiz', answer: 0 });
    expect(scenes[4]).toMatchObject({ kind: 'checkpoint', completed: ['Installing', 'Running'], next: ['Testing'] });
  });

  it('renderer names: header, main_text/sub_text, correct_answer, solution_code list, lesson_info, checkpoint_number', async () => {
    const { scenes } = await load([
      s('outro', { main_text: 'Done', sub_text: 'See the docs' }),
      s('quiz', { question: 'Pick B', options: ['A', 'B', 'C'], correct_answer: 'B', show_answer: false }),
      s('solution', { title: 'Fix', solution_code: ['def f():', '    return 1'], explanation: 'It returns one.' }),
      s('learning_objectives', { lesson_title: 'Loops', objectives: [{ objective: 'Write a for loop' }, 'Stop a loop early'], lesson_info: { duration: 15, difficulty: 'Medium', prerequisites: ['Variables'] } }),
      s('checkpoint', { checkpoint_number: 2, completed_topics: ['a'], review_questions: ['Why?'], next_topics: ['b'] }),
      s('problem', { problem_number: 3, title: 'Sum', problem_text: 'Add the numbers in a list.', difficulty: 'hard' }),
      s('exercise', { title: 'Practice', instructions: ['Open the file', 'Fix the bug'], hints: ['Read the error'], difficulty: 'easy', estimated_time: 10 }),
      s('code_comparison', { header: 'Refactor', before_code: ['x = 1', 'y = 2'], after_code: ['x, y = 1, 2'] }),
    ]);
    expect(scenes[0]).toMatchObject({ kind: 'outro', title: 'Done', subtitle: 'See the docs' });
    expect(scenes[1]).toMatchObject({ kind: 'quiz', answer: 1, reveal: false });
    expect(scenes[2]).toMatchObject({ kind: 'solution', code: 'def f():\n    return 1', explanation: 'It returns one.' });
    expect(scenes[3]).toMatchObject({ kind: 'learningObjectives', title: 'Loops', objectives: ['Write a for loop', 'Stop a loop early'], duration: 15, difficulty: 'medium', prerequisites: ['Variables'] });
    expect(scenes[4]).toMatchObject({ kind: 'checkpoint', number: 2, review: ['Why?'] });
    expect(scenes[5]).toMatchObject({ kind: 'problem', number: 3, text: 'Add the numbers in a list.', difficulty: 'hard' });
    expect(scenes[6]).toMatchObject({ kind: 'exercise', instructions: ['Open the file', 'Fix the bug', 'Hint: Read the error'], estimatedTime: '10 min' });
    expect(scenes[7]).toMatchObject({ kind: 'codeComparison', before: { label: 'Before', code: 'x = 1\ny = 2' }, after: { label: 'After', code: 'x, y = 1, 2' } });
  });

  it('flat fields (no visual_content), durations and voices', async () => {
    const { scenes, spec, warnings } = await load(
      [
        { scene_id: 'a', scene_type: 'title', narration: 'Hello there.', title: 'Hi', min_duration: 4, max_duration: 9, voice: 'female_friendly' },
        { scene_id: 'b', scene_type: 'title', narration: '', title: 'Bye', voice: 'british', min_duration: 0 },
      ],
      { accent_color: 'teal', voices: ['male', 'female'] },
    );
    expect(scenes[0]).toMatchObject({ title: 'Hi', minDuration: 4, maxDuration: 9, voice: 'female_friendly', narration: 'Hello there.' });
    expect(scenes[1]).toMatchObject({ voice: 'male', minDuration: 3 });
    expect(scenes[1]!.narration).toBeUndefined();
    expect(spec.theme.accent).toBe('blue');
    expect(spec.voices).toEqual(['male', 'female']);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringContaining('accent_color "teal"'),
        expect.stringMatching(/scene 2 \(title "b"\): voice "british" was never mapped/),
        expect.stringMatching(/scene 2 .*min_duration 0/),
      ]),
    );
  });

  it('unknown fields warn with the field and the scene; nothing is dropped silently', async () => {
    const { warnings } = await load([s('list', { header: 'H', items: ['a'], colour: 'red' }, { mood: 'happy' }), s('title', { title: 'T', subtitel: 'x' })]);
    expect(warnings).toEqual([
      'v.yaml scene 1 (list "list") visual_content: unknown field "colour" ignored',
      'v.yaml scene 1 (list "list"): unknown field "mood" ignored',
      'v.yaml scene 2 (title "title") visual_content: unknown field "subtitel" ignored',
    ]);
  });

  it('unknown scene types and missing scene_type are errors with paths', async () => {
    await expect(load([s('info', { text: 'x' }), { scene_id: 'x', narration: '' }])).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      details: { problems: [{ path: 'scenes[0].scene_type', message: expect.stringContaining('unknown scene_type "info"') }, { path: 'scenes[1].scene_type', message: expect.stringContaining('missing scene_type') }] },
    });
  });

  it('a mapped scene still missing content fails validation, naming the video_gen scene', async () => {
    await expect(load([s('list', { header: 'Empty list', items: [] })])).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      details: { problems: [{ path: 'scenes[0].items', message: expect.stringContaining('v.yaml scene 1') }] },
    });
  });

  it('documents without explicit markers are read as canonical specs (no guessing)', async () => {
    const dir = tempFiles({ 'plain.yaml': { id: 'p', title: 'P', scenes: [{ header: 'x' }] } });
    const err = await loadYamlSource(join(dir, 'plain.yaml')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SPEC_INVALID', details: { problems: [expect.objectContaining({ path: 'scenes[0].kind', line: 4 })] } });
  });

  it('the pipeline videos: format becomes a set', async () => {
    const dir = tempFiles({ 'set.yaml': { set_id: 'pair', name: 'Pair', videos: [{ video_id: 'one', title: 'One', scenes: [s('title', { title: 'One' })] }, { video_id: 'two', title: 'Two', scenes: [s('title', { title: 'Two' })] }] } });
    const r = await loadYamlSource(join(dir, 'set.yaml'));
    expect(r.format).toBe('videogen-video-set');
    expect(r.kind === 'set' && r.specs.map((x) => x.id)).toEqual(['one', 'two']);
  });
});

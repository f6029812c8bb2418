import { describe, expect, it } from 'vitest';
import { SCENE_SCHEMAS, VideoSpecSchema, validateSpec } from '../../src/spec/index.ts';
import { approxSeconds, estimateDurations } from '../../web/src/builder/durations.ts';
import { getIn, moveItem, pathText, setIn } from '../../web/src/builder/edit.ts';
import { exampleYaml } from '../../web/src/builder/example.ts';
import { COALESCE_MS, record, redo, replacePresent, startHistory, undo } from '../../web/src/builder/history.ts';
import { KINDS, newScene } from '../../web/src/builder/kinds.ts';
import { fieldsOf, labelOf } from '../../web/src/builder/schema-fields.ts';
import { problemLines, readDraft, toYaml } from '../../web/src/builder/spec-doc.ts';

/** The builder's pure logic: forms from the zod schemas, the draft read as the CLI reads it, undo, durations. */
describe('builder forms from the spec schema', () => {
  it('gives every field of every scene kind a control (none dropped) with its description as hint', () => {
    for (const schema of SCENE_SCHEMAS) {
      const fields = fieldsOf(schema);
      expect(fields.map((f) => f.name)).toEqual(Object.keys(schema.shape));
      for (const field of fields) if (field.name !== 'kind') expect(field.hint, `${schema.shape.kind.value}.${field.name}`).toBeTruthy();
    }
  });

  it('maps zod shapes to controls', () => {
    const list = fieldsOf(SCENE_SCHEMAS.find((s) => s.shape.kind.value === 'list')!);
    const byName = Object.fromEntries(list.map((f) => [f.name, f]));
    expect(byName.title).toMatchObject({ label: 'Title', required: true, control: { type: 'text', multiline: false } });
    expect(byName.narration).toMatchObject({ required: false, control: { type: 'text', multiline: true } });
    expect(byName.items).toMatchObject({ required: true, control: { type: 'list' } });
    expect(byName.numbered).toMatchObject({ required: false, defaultValue: true, control: { type: 'boolean' } });
    expect(byName.transition).toMatchObject({ control: { type: 'enum', options: ['fade', 'slide', 'wipe', 'zoom', 'none'] } });
    expect(byName.minDuration).toMatchObject({ defaultValue: 3, control: { type: 'number', max: 3600 } });
    expect(byName.background!.control.type).toBe('raw');
    expect(byName.source!.control.type).toBe('object');
    const video = Object.fromEntries(fieldsOf(VideoSpecSchema).map((f) => [f.name, f]));
    expect(video.aspect!.control).toEqual({ type: 'enum', options: ['16:9', '9:16', '1:1'] });
    expect(video.theme!.control.type === 'object' && video.theme!.control.fields.map((f) => f.name)).toEqual(['name', 'accent', 'mode']);
    expect(labelOf('callToAction')).toBe('Call to action');
    expect(labelOf('minDuration')).toBe('Min duration');
  });

  it('offers every scene kind, each new scene valid as it is added', () => {
    expect(KINDS.map((k) => k.kind)).toEqual(SCENE_SCHEMAS.map((s) => s.shape.kind.value));
    for (const { kind, description } of KINDS) {
      expect(description, kind).toBeTruthy();
      expect(validateSpec({ id: 'x', title: 'X', scenes: [newScene(kind)] }).ok, kind).toBe(true);
    }
  });
});

describe('the draft, read as videogen validate reads it', () => {
  it('reports problems with paths, lines and the CLI wording', () => {
    const yaml = 'id: x\ntitle: X\nscenes:\n  - kind: title\n    title: ""\n  - kind: lsit\n';
    const state = readDraft(yaml);
    expect(state.spec).toBeUndefined();
    expect(problemLines(state.problems)).toEqual(['scenes[0].title (line 5): must not be empty; write the text or remove the field', expect.stringMatching(/^scenes\[1\]\.kind \(line 6\): unknown scene kind; use one of: title, /)]);
  });

  it('lists YAML syntax errors with their line', () => {
    const state = readDraft('id: x\ntitle: [\n');
    expect(state.data).toBeUndefined();
    expect(state.readProblems[0]!.line).toBeGreaterThan(0);
  });

  it('starts from an example that validates', () => {
    expect(readDraft(exampleYaml()).spec?.scenes.length).toBe(3);
  });

  it('edits by path; an emptied optional field leaves the document', () => {
    const data = { scenes: [{ kind: 'title', title: 'A', subtitle: 'B' }] };
    expect(setIn(data, ['scenes', 0, 'subtitle'], undefined)).toEqual({ scenes: [{ kind: 'title', title: 'A' }] });
    expect(getIn(setIn(data, ['theme', 'mode'], 'dark'), ['theme', 'mode'])).toBe('dark');
    expect(data.scenes[0]!.subtitle).toBe('B');
    expect(pathText(['scenes', 2, 'items', 1])).toBe('scenes[2].items[1]');
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(toYaml({ a: 1 })).toBe('a: 1\n');
  });
});

describe('undo history', () => {
  it('coalesces a typing burst in one field into one step, and not across fields or pauses', () => {
    let h = startHistory({ yaml: 'a', sceneIndex: 0 });
    h = record(h, { yaml: 'ab', sceneIndex: 0 }, 'title', 1000);
    h = record(h, { yaml: 'abc', sceneIndex: 0 }, 'title', 1200);
    h = record(h, { yaml: 'abcd', sceneIndex: 0 }, 'title', 1400);
    expect(h.past.map((s) => s.yaml)).toEqual(['a']);
    h = record(h, { yaml: 'abcde', sceneIndex: 0 }, 'subtitle', 1500);
    h = record(h, { yaml: 'abcdef', sceneIndex: 0 }, 'subtitle', 1500 + COALESCE_MS + 1);
    expect(h.past.map((s) => s.yaml)).toEqual(['a', 'abcd', 'abcde']);
    h = undo(undo(h));
    expect(h.present.yaml).toBe('abcd');
    h = redo(h);
    expect(h.present.yaml).toBe('abcde');
    // Selecting a scene is no edit, and it ends the burst.
    const selected = replacePresent(h, { yaml: 'abcde', sceneIndex: 2 });
    expect(selected.past).toEqual(h.past);
    expect(record(selected, { yaml: 'x', sceneIndex: 2 }, 'subtitle', 1500 + COALESCE_MS + 2).past.length).toBe(h.past.length + 1);
  });
});

describe('duration estimates', () => {
  it('plans scene lengths from the text-length speech estimate', () => {
    const spec = readDraft(exampleYaml()).spec!;
    const estimate = estimateDurations(spec);
    expect(estimate.scenes).toHaveLength(3);
    expect(estimate.scenes.every((s, i) => s >= spec.scenes[i]!.minDuration)).toBe(true);
    expect(estimate.total).toBeCloseTo(estimate.scenes.reduce((a, b) => a + b, 0), 5);
    expect(estimate.narration[0]).toBeGreaterThan(1);
    expect(approxSeconds(12.4)).toBe('≈ 12 s');
    expect(approxSeconds(65)).toBe('≈ 1 min 05 s');
  });
});

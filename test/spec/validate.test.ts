import { describe, expect, it } from 'vitest';
import { formatProblems, parseSpecText, validateSpec, validateSet, VideoSpecSchema } from '../../src/spec/index.ts';

const minimal = { id: 'v', title: 'T', scenes: [{ kind: 'title', title: 'Hello' }] };

describe('validateSpec', () => {
  it('fills defaults and scene ids', () => {
    const r = validateSpec({ ...minimal, scenes: [{ kind: 'title', title: 'A' }, { kind: 'title', title: 'B', id: 'title-1' }, { kind: 'list', title: 'L', items: ['x'] }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fps).toBe(30);
    expect(r.value.aspect).toBe('16:9');
    expect(r.value.theme).toEqual({ name: 'default', accent: 'blue', mode: 'light' });
    expect(r.value.captions.file).toBe(true);
    expect(r.value.scenes.map((s) => s.id)).toEqual(['title-2', 'title-1', 'list-1']);
    expect(r.value.scenes[2]).toMatchObject({ numbered: true, minDuration: 3 });
  });

  it('reports every problem at once, each with its path and a fix', () => {
    const r = validateSpec({
      id: 'bad id',
      title: 'T',
      fps: 29,
      scenes: [
        { kind: 'title', tittle: 'x' },
        { kind: 'list', title: 'L', items: ['ok', { title: 3 }] },
        { kind: 'quiz', question: 'Q', options: ['a', 'b'], answer: 5 },
        { kind: 'nope' },
      ],
    });
    expect(r.ok).toBe(false);
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p.message]));
    expect(byPath['id']).toMatch(/letters, digits/);
    expect(byPath['fps']).toMatch(/24, 25, 30, 50 or 60/);
    expect(byPath['scenes[0].title']).toMatch(/missing; add `title`/);
    expect(byPath['scenes[0].tittle']).toMatch(/did you mean "title"/);
    expect(byPath['scenes[1].items[1]']).toBe('expected a string or {title, description}');
    expect(byPath['scenes[2].answer']).toMatch(/use 0 to 1/);
    expect(byPath['scenes[3].kind']).toMatch(/use one of: title, command, list/);
  });

  it('refuses language tags ICU cannot use, and keeps the ones it can', () => {
    for (const language of ['zh-x1', 'en-a']) expect(validateSpec({ ...minimal, language }).problems[0], language).toMatchObject({ path: 'language' });
    for (const language of ['zh-Hans', 'pt-BR', 'es-419', 'az-Arab']) expect(validateSpec({ ...minimal, language }).ok, language).toBe(true);
  });

  it('refuses duplicate scene ids', () => {
    const r = validateSpec({ ...minimal, scenes: [{ kind: 'title', title: 'A', id: 'x' }, { kind: 'title', title: 'B', id: 'x' }] });
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatchObject({ path: 'scenes[1].id' });
  });

  it('refuses empty on-screen text instead of drawing a blank slot', () => {
    const r = validateSpec({ ...minimal, scenes: [{ kind: 'title', title: '   ' }] });
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toMatch(/must not be empty/);
  });

  it('accepts every scene kind of the architecture', () => {
    const kinds = VideoSpecSchema.shape.scenes.element.options.map((o) => o.shape.kind.value);
    expect(kinds).toEqual(['title', 'command', 'list', 'outro', 'codeComparison', 'quote', 'learningObjectives', 'problem', 'solution', 'checkpoint', 'quiz', 'exercise', 'code', 'image', 'video']);
  });
});

describe('parseSpecText', () => {
  it('maps problems back to source lines', () => {
    const text = 'id: v\ntitle: T\nscenes:\n  - kind: list\n    title: L\n    items: [a, {title: 3}]\n';
    const parsed = parseSpecText(text);
    const r = validateSpec(parsed.data);
    expect(r.ok).toBe(false);
    expect(parsed.lineOf(['scenes', 0, 'items', 1])).toBe(6);
    expect(formatProblems(r.problems)).toContain('scenes[0].items[1]');
  });

  it('turns YAML syntax errors into SPEC_UNREADABLE with a line', () => {
    expect(() => parseSpecText('id: v\n  title: [unclosed\n')).toThrow(expect.objectContaining({ code: 'SPEC_UNREADABLE' }));
  });
});

describe('validateSet', () => {
  it('accepts defaults and inline videos', () => {
    const r = validateSet({ id: 's', name: 'Series', defaults: { theme: { accent: 'green' } }, videos: [{ file: 'a.yaml' }, minimal] });
    expect(r.ok).toBe(true);
  });
});

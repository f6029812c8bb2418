import { describe, expect, it } from 'vitest';
import { translateSpec } from '../../src/writing/translate/spec.ts';
import { validateSpec, type VideoSpec, type VideoSpecInput } from '../../src/spec/index.ts';

function spec(input: VideoSpecInput): VideoSpec {
  const r = validateSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}

/** A fake provider: marks every text, and records each batch it was given. */
function marker(tag: string) {
  const batches: string[][] = [];
  return {
    batches,
    translate: async (texts: readonly string[]) => {
      batches.push([...texts]);
      return texts.map((t) => `«${tag}» ${t}`);
    },
  };
}

const source = spec({
  id: 'tour',
  title: 'A tour',
  description: 'What we cover',
  voices: ['male', 'female'],
  scenes: [
    { id: 'intro', kind: 'title', title: 'Hello', subtitle: 'Sub', badge: 'Guide', narration: 'Welcome.' },
    { id: 'cmd', kind: 'command', title: 'Install', description: 'One line', commands: ['$ npm install videogen', '→ added 1 package'], narration: 'Run it.' },
    { id: 'items', kind: 'list', title: 'Two queues', items: ['Plain item', { title: 'Macrotasks', description: 'timers' }], narration: 'Two queues.' },
    { id: 'cmp', kind: 'codeComparison', title: 'Before and after', before: { label: 'Before', code: 'var a = 1;', language: 'js' }, after: { label: 'After', code: 'const a = 1;', language: 'js' }, narration: 'Compare.' },
    { id: 'code', kind: 'code', title: 'What prints?', code: "console.log('A');", language: 'javascript', highlight: [1], narration: 'Look.' },
    { id: 'quiz', kind: 'quiz', question: 'Which one?', options: ['First', 'Second'], answer: 1, narration: 'Which one?' },
    { id: 'pic', kind: 'image', src: 'media/harbour.jpg', title: 'The harbour', caption: 'At dawn', background: { stock: 'city traffic' }, narration: 'Look.' },
    { id: 'check', kind: 'checkpoint', completed: ['Queues'], review: ['What is a tick?'], next: ['Workers'], narration: 'Pause.' },
    { id: 'ex', kind: 'exercise', title: 'Try it', instructions: ['Open a shell'], estimatedTime: '5 min', narration: 'Your turn.' },
    { id: 'bye', kind: 'outro', title: 'Thanks', subtitle: 'Next: workers', callToAction: 'Subscribe', narration: 'Bye.' },
  ],
});

describe('translateSpec', () => {
  it('translates every text in one batch and keeps code, commands, ids, media and numbers', async () => {
    const fake = marker('es');
    const { spec: es, warnings } = await translateSpec(source, { to: 'es', translate: fake.translate });
    expect(fake.batches).toHaveLength(1);
    expect(warnings).toEqual([]);
    expect(es.language).toBe('es');
    expect(es.title).toBe('«es» A tour');
    expect(es.description).toBe('«es» What we cover');
    expect(es.voices).toEqual(['male', 'female']);
    const scene = (i: number) => expect(es.scenes[i]);
    scene(0).toMatchObject({ id: 'intro', title: '«es» Hello', subtitle: '«es» Sub', badge: '«es» Guide', narration: '«es» Welcome.' });
    scene(1).toMatchObject({ commands: ['$ npm install videogen', '→ added 1 package'], description: '«es» One line' });
    scene(2).toMatchObject({ items: ['«es» Plain item', { title: '«es» Macrotasks', description: '«es» timers' }] });
    scene(3).toMatchObject({ before: { label: '«es» Before', code: 'var a = 1;', language: 'js' } });
    scene(4).toMatchObject({ title: '«es» What prints?', code: "console.log('A');", language: 'javascript', highlight: [1] });
    scene(5).toMatchObject({ question: '«es» Which one?', options: ['«es» First', '«es» Second'], answer: 1 });
    scene(6).toMatchObject({ src: 'media/harbour.jpg', title: '«es» The harbour', caption: '«es» At dawn', background: { stock: 'city traffic' } });
    scene(7).toMatchObject({ completed: ['«es» Queues'], review: ['«es» What is a tick?'], next: ['«es» Workers'] });
    scene(8).toMatchObject({ instructions: ['«es» Open a shell'], estimatedTime: '«es» 5 min' });
    scene(9).toMatchObject({ callToAction: '«es» Subscribe' });
    // Each distinct text is sent once ('Look.' twice in the spec).
    const batch = fake.batches[0]!;
    expect(new Set(batch).size).toBe(batch.length);
    expect(batch).not.toContain("console.log('A');");
    expect(batch.some((t) => t.includes('npm install'))).toBe(false);
    expect(batch).not.toContain('media/harbour.jpg');
    // The source is untouched.
    expect(source.scenes[0]).toMatchObject({ title: 'Hello' });
  });

  it('leaves scenes without narration to the target language templates when it has them', async () => {
    const s = spec({ id: 'n', title: 'T', scenes: [{ kind: 'title', title: 'Hello' }] });
    const { spec: en, warnings } = await translateSpec(s, { to: 'en-GB', translate: marker('x').translate });
    expect(en.scenes[0]!.narration).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('writes the source template and translates it, with a warning, when the target has no templates', async () => {
    const s = spec({ id: 'n', title: 'T', scenes: [{ id: 'intro', kind: 'title', title: 'Hello', subtitle: 'World' }, { kind: 'title', title: 'Own', narration: 'Mine.' }] });
    const { spec: sv, warnings } = await translateSpec(s, { to: 'sv', translate: marker('sv').translate });
    expect(sv.scenes[0]!.narration).toBe('«sv» Hello. World.');
    expect(sv.scenes[1]!.narration).toBe('«sv» Mine.');
    expect(warnings.join('\n')).toMatch(/no Swedish narration templates.*1 scene\(s\).*written in English and translated/);
  });

  it('a translation that breaks a limit is a clear error naming the field and the language', async () => {
    const s = spec({ id: 'n', title: 'T', scenes: [{ kind: 'title', title: 'Hello', narration: 'Hi.' }] });
    const long = async (texts: readonly string[]) => texts.map((t) => (t === 'Hello' ? 'x'.repeat(20_001) : t));
    await expect(translateSpec(s, { to: 'de', translate: long })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED', message: expect.stringMatching(/German \(de\) translation of "n".*scenes\[0\]\.title/) });
    const empty = async (texts: readonly string[]) => texts.map(() => '  ');
    await expect(translateSpec(s, { to: 'de', translate: empty })).rejects.toMatchObject({ code: 'SPEC_INVALID', message: expect.stringMatching(/German \(de\) translation of "n" has \d+ problem\(s\):.*scenes\[0\]\.title/) });
    const short = async () => [];
    await expect(translateSpec(s, { to: 'de', translate: short })).rejects.toMatchObject({ code: 'TRANSLATION_FAILED' });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { videogenJsonSchema } from '../../src/spec/index.ts';

describe('committed JSON Schema', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing src/spec)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../schema/videogen.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(videogenJsonSchema())));
  });

  it('describes scene kinds for editor autocompletion', () => {
    const text = JSON.stringify(videogenJsonSchema());
    for (const kind of ['codeComparison', 'learningObjectives', 'checkpoint', 'quiz']) expect(text).toContain(`"const":"${kind}"`);
    expect(text).toContain('Prefix \\"$\\" = prompt');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTIONS_DOC_COMMAND, optionsMarkdown } from '../../src/options/docs.ts';
import { OPTIONS } from '../../src/options/table.ts';

describe('docs/options.md', () => {
  it(`is what the option table says (regenerate with \`${OPTIONS_DOC_COMMAND}\`)`, () => {
    const committed = readFileSync(new URL('../../docs/options.md', import.meta.url), 'utf8');
    const expected = optionsMarkdown();
    if (committed !== expected) expect.fail(`docs/options.md is out of date with src/options/table.ts: run \`${OPTIONS_DOC_COMMAND}\` and commit the result`);
  });

  it('has one row per option with its flag and fields', () => {
    const doc = optionsMarkdown();
    for (const [name, decl] of Object.entries(OPTIONS)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toBeDefined();
      if ('cli' in decl) expect(row, name).toContain(decl.cli.flag);
      if ('api' in decl) expect(row, name).toContain(`\`${decl.api}\``);
    }
  });
});

import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSpecText, validateSpec } from '../../src/spec/index.ts';
import { tempDir } from '../pipeline/helpers.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;

async function videogen(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const NO_LLM = { ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

describe('videogen create', () => {
  it('writes an editable spec from a Markdown document with --spec-only', async () => {
    const out = tempDir('create-spec');
    const r = await videogen(['create', 'test/fixtures/sources/documents/quiver-README.md', '--spec-only', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const file = readdirSync(out).find((f) => f.endsWith('.yaml'))!;
    const parsed = validateSpec(parseSpecText(readFileSync(join(out, file), 'utf8')).data);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.scenes.length).toBeGreaterThan(4);
  });

  it('splits a long document into a set with --videos', async () => {
    const out = tempDir('create-set');
    const r = await videogen(['create', 'test/fixtures/sources/documents/quiver-README.md', '--videos', '2', '--spec-only', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.yaml')).length).toBe(2);
  });

  it('renders a small Markdown file to a finished video', async () => {
    const dir = tempDir('create-render');
    const md = join(dir, 'notes.md');
    writeFileSync(md, '# Brewing Tea\n\nGood tea needs the right water temperature.\n\n## Steps\n\n- Heat water to 80 °C\n- Steep for three minutes\n- Remove the leaves\n');
    const r = await videogen(['create', md, '-o', join(dir, 'out'), '--preset', 'draft', '--json'], { VIDEOGEN_HOME: join(dir, 'home') });
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(dir, 'out', 'video.mp4'))).toBe(true);
  }, 120_000);

  it('explains which variables to set when --topic has no language model', async () => {
    const r = await videogen(['create', '--topic', 'black holes'], NO_LLM);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ANTHROPIC_API_KEY/);
    expect(r.stderr).toMatch(/OPENAI_API_KEY/);
  });

  it('names the problem for sources it cannot read', async () => {
    const missing = await videogen(['create', 'no-such-file.md']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/SOURCE_UNREADABLE: no such file/);
  });
});

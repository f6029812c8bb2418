import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseSpecText, validateSpec } from '../../src/spec/index.ts';
import { tempDir } from '../pipeline/helpers.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;
const NO_LLM = { ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '', OPENAI_BASE_URL: '' };

async function videogen(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24, env: { ...process.env, ...NO_LLM } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('videogen create --format short', () => {
  it('writes a 9:16 Short spec offline from a topic and prints the content check', async () => {
    const out = tempDir('cli-short');
    const r = await videogen(['create', '--topic', 'Why octopuses are smart', '--format', 'short', '--broll', '--spec-only', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('short: facts niche, script by the built-in template');
    expect(r.stderr).toContain('content check: no profanity, personal data or missing disclaimers found');
    const file = readdirSync(out).find((f) => f.endsWith('.yaml'))!;
    const parsed = validateSpec(parseSpecText(readFileSync(join(out, file), 'utf8')).data);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({ aspect: '9:16', broll: 'auto', captions: { burnIn: true, style: { mode: 'words', position: 'middle' } } });
    const plan = JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'));
    expect(plan.videos[0].seconds).toBeGreaterThanOrEqual(30);
    expect(plan.videos[0].seconds).toBeLessThanOrEqual(60);
  }, 60_000);

  it('makes a spec a Short and warns about a missing disclaimer before rendering', async () => {
    const dir = tempDir('cli-short-spec');
    const spec = join(dir, 'money.yaml');
    writeFileSync(spec, 'id: money\ntitle: Index funds\nscenes:\n  - kind: title\n    title: Index funds\n    narration: Put your savings into index funds and hold them for decades.\n');
    const r = await videogen(['create', spec, '--format', 'short', '--spec-only', '-o', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain("warning: content check: money topic (\"Index funds\") without a disclaimer; add 'This is not financial advice.' to the outro");
    const parsed = validateSpec(parseSpecText(readFileSync(join(dir, 'money.yaml'), 'utf8')).data);
    expect(parsed.ok && parsed.value.aspect).toBe('9:16');
  }, 60_000);

  it('refuses an unknown niche and a topic without a model outside --format short', async () => {
    const out = tempDir('cli-short-bad');
    expect((await videogen(['create', '--topic', 'x', '--format', 'short', '--niche', 'cooking', '-o', out])).stderr).toMatch(/--niche must be one of meditation, motivation/);
    expect((await videogen(['create', '--topic', 'Why octopuses are smart', '--format', 'short', '--lang', 'fr', '--spec-only', '-o', out])).stderr).toMatch(/English only/);
    const long = await videogen(['create', '--topic', 'Why octopuses are smart', '--spec-only', '-o', out]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/ANTHROPIC_API_KEY.*or add --format short for a 30–60 s Short written offline/);
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../src/spec/index.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;
const FIXTURES = new URL('../fixtures/sources/video-gen/', import.meta.url).pathname;

async function videogen(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24, env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '134217728' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('validate and create share one loader', () => {
  it('validate accepts the template instance that create turns into a spec, and both refuse a path out of the folder', async () => {
    const file = join(FIXTURES, 'tutorial-from-template.yaml');
    const out = mkdtempSync(join(tmpdir(), 'videogen-validate-'));
    const [validated, created] = await Promise.all([videogen('validate', file), videogen('create', file, '--spec-only', '-o', out)]);
    expect(validated.code, validated.stderr).toBe(0);
    expect(validated.stdout).toContain('is a valid video spec (8 scenes)');
    expect(created.code, created.stderr).toBe(0);
    const spec = parseSpecText(readFileSync(join(out, 'git-branching.yaml'), 'utf8')).data as { scenes: unknown[] };
    expect(spec.scenes).toHaveLength(8);

    const set = join(out, 'set.yaml');
    writeFileSync(set, stringify({ id: 's', name: 'S', videos: [{ file: '/etc/passwd' }] }));
    const [refusedValidate, refusedCreate] = await Promise.all([videogen('validate', set), videogen('create', set, '--spec-only', '-o', out)]);
    for (const r of [refusedValidate, refusedCreate]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error SOURCE_FORBIDDEN: videos\[0\]\.file: "\/etc\/passwd" is refused/);
      expect(r.stderr).not.toContain('root:');
    }
  }, 120_000);
});

import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadImage } from '@napi-rs/canvas';
import { tempDir } from '../pipeline/helpers.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;

async function videogen(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('videogen CLI', () => {
  it('validate prints every mistake with its path and line, and exits 1', async () => {
    const r = await videogen('validate', 'test/fixtures/five-mistakes.yaml');
    expect(r.code).toBe(1);
    for (const path of ['id (line 2)', 'theme.accent (line 4)', 'scenes[0].tittle (line 7)', 'scenes[1].items[1] (line 10)', 'scenes[2].answer (line 14)']) expect(r.stderr).toContain(path);
  });

  it('validate accepts the examples', async () => {
    for (const file of ['examples/all-kinds.yaml', 'examples/event-loop.yaml']) {
      const r = await videogen('validate', file);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('preview draws one scene at a time and a contact sheet', async () => {
    const dir = tempDir('cli-preview');
    const frame = await videogen('preview', 'examples/all-kinds.yaml', '--scene', 'quiz-1', '--at', '0.5', '-o', join(dir, 'f.png'));
    expect(frame.code, frame.stderr).toBe(0);
    expect((await loadImage(readFileSync(join(dir, 'f.png')))).width).toBe(1920);
    const sheet = await videogen('preview', 'examples/all-kinds.yaml', '--sheet', '--aspect', '9:16', '-o', join(dir, 's.png'));
    expect(sheet.code, sheet.stderr).toBe(0);
    expect(existsSync(join(dir, 's.png'))).toBe(true);
    const missing = await videogen('preview', 'examples/all-kinds.yaml', '--scene', 'nope', '-o', join(dir, 'x.png'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/SCENE_NOT_FOUND: no scene "nope"/);
  });

  it('schema prints the JSON Schema', async () => {
    const r = await videogen('schema');
    expect(JSON.parse(r.stdout).$defs.VideoSpec).toBeDefined();
  });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { voiceListKey } from '../../src/cli/voice-list-cache.ts';

const work = mkdtempSync(join(tmpdir(), 'videogen-voices-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const systemEspeak = spawnSync('sh', ['-c', 'command -v espeak-ng'], { encoding: 'utf8' }).stdout.trim();

/** A PATH whose first espeak-ng is a wrapper that counts its runs, then runs the real one. */
function countingEspeak(): { path: string; runs: () => number } {
  const dir = join(work, 'bin');
  mkdirSync(dir, { recursive: true });
  const marker = join(work, 'espeak-runs');
  writeFileSync(marker, '');
  writeFileSync(join(dir, 'espeak-ng'), `#!/bin/sh\necho run >> ${JSON.stringify(marker)}\nexec ${JSON.stringify(systemEspeak)} "$@"\n`);
  chmodSync(join(dir, 'espeak-ng'), 0o755);
  return { path: `${dir}${delimiter}${process.env.PATH}`, runs: () => readFileSync(marker, 'utf8').split('\n').filter(Boolean).length };
}

function voices(args: string[], env: NodeJS.ProcessEnv): { provider: string; id: string }[] {
  const result = spawnSync(process.execPath, ['bin/videogen.mjs', 'voices', '--json', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { provider: string; id: string }[];
}

describe('videogen voices', () => {
  it.skipIf(!systemEspeak)('remembers the espeak and Edge lists, so a second listing starts no espeak-ng; --refresh asks again', () => {
    const espeak = countingEspeak();
    const env = { PATH: espeak.path, VIDEOGEN_CACHE: join(work, 'cache') };
    const first = voices([], env);
    expect(first.filter((v) => v.provider === 'espeak').length).toBeGreaterThan(50);
    expect(first.some((v) => v.provider === 'edge')).toBe(true);
    const started = espeak.runs();
    expect(started).toBeGreaterThan(0);
    expect(readdirSync(join(work, 'cache/voices')).map((f) => f.split('-')[0]).sort()).toEqual(['edge', 'espeak']);

    expect(voices([], env)).toEqual(first);
    expect(espeak.runs()).toBe(started);

    expect(voices(['--refresh'], env)).toEqual(first);
    expect(espeak.runs()).toBeGreaterThan(started);
  });

  it('keys a list by provider settings, language and the espeak binary itself', () => {
    const dir = join(work, 'keybin');
    mkdirSync(dir, { recursive: true });
    const binary = join(dir, 'espeak-ng');
    writeFileSync(binary, 'v1');
    const key = voiceListKey('espeak', {}, undefined, dir);
    expect(voiceListKey('espeak', {}, undefined, dir)).toBe(key);
    expect(voiceListKey('espeak', {}, 'de', dir)).not.toBe(key);
    expect(voiceListKey('espeak', { wordsPerMinute: 180 }, undefined, dir)).not.toBe(key);
    writeFileSync(binary, 'version 2');
    expect(voiceListKey('espeak', {}, undefined, dir)).not.toBe(key);
  });
});

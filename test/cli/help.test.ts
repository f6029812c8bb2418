import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';

/** Every top-level command, and the subcommands of the groups: registration made lazy must lose none of them. */
const COMMANDS = ['validate', 'schema', 'preview', 'render', 'voices', 'languages', 'create', 'wizard', 'serve', 'worker', 'admin', 'captions', 'channels', 'publish', 'schedule', 'calendar', 'quota', 'translate'];
const SUBCOMMANDS: Record<string, string[]> = {
  admin: ['create', 'backup', 'doctor'],
  captions: ['lint'],
  channels: ['add', 'list', 'remove', 'stats'],
  schedule: ['add', 'list', 'pause', 'resume', 'remove'],
};

/** Packages a start-up command must not load: each costs hundreds of milliseconds or a native module. */
const HEAVY = ['@napi-rs/canvas', 'pdfjs-dist', 'shiki', 'fastify', '@electric-sql/pglite', 'bullmq', 'kysely', 'ioredis', 'mammoth', 'linkedom', 'pino', '@inquirer/prompts'];

const work = mkdtempSync(join(tmpdir(), 'videogen-help-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The compiled CLI (dist/, built by the global setup), with a module hook that records every module it resolves. */
function runCli(args: string[]): { status: number | null; stdout: string; stderr: string; loaded: string[] } {
  const log = join(work, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(join(work, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
  writeFileSync(join(work, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${join(work, 'hooks.mjs')}`)});\n`);
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', join(work, 'register.mjs'), 'bin/videogen.mjs', ...args], { encoding: 'utf8', timeout: 30_000 });
  const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, loaded };
}

const heavyIn = (loaded: string[]) => HEAVY.filter((pkg) => loaded.some((url) => url.includes(`/node_modules/${pkg}/`)));

describe('videogen --help', () => {
  it('lists every command, in-process and from the compiled bin', () => {
    const names = buildProgram().commands.map((c) => c.name());
    expect(names.sort()).toEqual([...COMMANDS].sort());
    const { status, stdout } = runCli(['--help']);
    expect(status).toBe(0);
    for (const name of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('lists the subcommands of every group', () => {
    const program = buildProgram();
    for (const [group, subs] of Object.entries(SUBCOMMANDS)) {
      const command = program.commands.find((c) => c.name() === group);
      expect(command?.commands.map((c) => c.name()).sort(), group).toEqual([...subs].sort());
      const { status, stdout } = runCli([group, '--help']);
      expect(status, group).toBe(0);
      for (const sub of subs) expect(stdout, `${group} ${sub}`).toMatch(new RegExp(`^  ${sub}\\b`, 'm'));
    }
  });

  it('loads none of the heavy packages for --help, validate and schema', () => {
    const help = runCli(['--help']);
    expect(heavyIn(help.loaded)).toEqual([]);
    const validate = runCli(['validate', 'examples/all-kinds.yaml']);
    expect(validate.status, validate.stderr).toBe(0);
    expect(validate.stdout).toMatch(/is a valid video spec/);
    expect(heavyIn(validate.loaded)).toEqual([]);
    const schema = runCli(['schema']);
    expect(schema.status, schema.stderr).toBe(0);
    expect(JSON.parse(schema.stdout)).toHaveProperty('$schema');
    expect(heavyIn(schema.loaded)).toEqual([]);
  });

  it('runs a lazily loaded action from the compiled bin (languages, captions lint)', () => {
    const languages = runCli(['languages', '--json']);
    expect(languages.status, languages.stderr).toBe(0);
    expect(JSON.parse(languages.stdout).map((l: { code: string }) => l.code)).toContain('de');
    const srt = join(work, 'ok.srt');
    writeFileSync(srt, '1\n00:00:01,000 --> 00:00:03,000\nHello there.\n');
    const lint = runCli(['captions', 'lint', srt, '--json']);
    expect(lint.status, lint.stderr).toBe(0);
    expect(JSON.parse(lint.stdout)).toMatchObject({ cues: 1, violations: [] });
    expect(heavyIn(lint.loaded)).toEqual([]);
  });
});

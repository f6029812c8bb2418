import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../pipeline/helpers.ts';
import type { FakeYouTube } from '../publish/fake-youtube.ts';

/** Spawning the real bin for publishing commands, against a temp VIDEOGEN_HOME and the fake YouTube. */
export const BIN = new URL('../../bin/videogen.mjs', import.meta.url).pathname;
export const SECRET_KEY = 'a3'.repeat(32);

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A clean environment: nothing from the developer's shell that could point the CLI at a real database, queue or
 * Google (DATABASE_URL, REDIS_URL, YOUTUBE_*), only what the test sets.
 */
export function cliEnv(yt: FakeYouTube, extra: Record<string, string> = {}): Record<string, string> {
  const home = tempDir('publish-cli');
  mkdirSync(join(home, 'user'), { recursive: true });
  const s = yt.settings();
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(home, 'user'),
    TZ: 'UTC',
    VIDEOGEN_HOME: home,
    VIDEOGEN_SECRET_KEY: SECRET_KEY,
    YOUTUBE_CLIENT_ID: s.clientId!,
    YOUTUBE_CLIENT_SECRET: s.clientSecret!,
    YOUTUBE_API_BASE: s.apiBase,
    YOUTUBE_UPLOAD_BASE: s.uploadBase,
    GOOGLE_OAUTH_BASE: s.oauthBase,
    GOOGLE_TOKEN_BASE: s.tokenBase,
    ...extra,
  };
}

export interface Running {
  child: ChildProcess;
  /** Resolves with the first stdout/stderr text matching `pattern` (the match), or rejects when the process ends first. */
  waitFor(pattern: RegExp, stream?: 'stdout' | 'stderr'): Promise<RegExpMatchArray>;
  done: Promise<CliResult>;
}

export function start(env: Record<string, string>, args: string[], input?: string): Running {
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const text = { stdout: '', stderr: '' };
  const waiters: { pattern: RegExp; stream: 'stdout' | 'stderr'; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) {
      const m = text[w.stream].match(w.pattern);
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  };
  child.stdout!.on('data', (d: Buffer) => ((text.stdout += d.toString()), check()));
  child.stderr!.on('data', (d: Buffer) => ((text.stderr += d.toString()), check()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`process ended (code ${code}) before ${w.pattern}:\n${text.stdout}\n${text.stderr}`));
      resolve({ code, ...text });
    }),
  );
  child.stdin!.end(input ?? '');
  return {
    child,
    done,
    waitFor: (pattern, stream = 'stdout') =>
      new Promise((resolve, reject) => {
        waiters.push({ pattern, stream, resolve, reject });
        check();
      }),
  };
}

export const videogen = (env: Record<string, string>, args: string[], input?: string): Promise<CliResult> => start(env, args, input).done;

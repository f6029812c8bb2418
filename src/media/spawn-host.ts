import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { SPAWN_HOST_SOURCE } from './spawn-host-source.ts';

/**
 * Starts ffmpeg, ffprobe and the like from a small helper process instead of from the render process.
 *
 * Why: Node 20's libuv starts a child with fork(). Forking a process that holds ~300 MB of frames, canvases and
 * heap copies its page tables on the thread that draws (~7 ms at 250 MB on the 2-core machine), and afterwards the
 * first write to every one of those pages takes a copy-on-write fault: a render of deck-12 starts ~40 processes and
 * took ~317 k page faults in the render process, most of them such write faults in the memset and memmove that fill
 * the next picture's buffers. The helper (plain JavaScript, ~40 MB) forks instead; the child's stdin, stdout and
 * stderr are unix-socket connections straight to this process, so frames still go from here to ffmpeg in one copy.
 *
 * The helper is started on first use and shared by every launch in the process; if it cannot start or dies, launches
 * fall back to spawning directly. `VIDEOGEN_SPAWN_HOST=0` turns it off; on Windows it is never used.
 */

export type StdioKind = 'pipe' | 'ignore';

/** How a launched process ended: its exit, or why it could not run (e.g. ENOENT). */
export type ToolExit = { code: number | null; signal: NodeJS.Signals | null; error?: undefined } | { error: Error; code?: undefined; signal?: undefined };

/** The parts of a child process the media code uses, whichever way it was started. */
export interface ToolProcess {
  readonly stdin: Writable | null;
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
  /** Settles (never rejects) once the process has exited and its stdout and stderr have closed. */
  readonly done: Promise<ToolExit>;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts `bin` with `args`; the streams for 'pipe' entries of `stdio` are ready when this resolves. */
export async function launchTool(bin: string, args: readonly string[], stdio: readonly [StdioKind, StdioKind, StdioKind]): Promise<ToolProcess> {
  const host = hostEnabled() ? await sharedHost() : undefined;
  return host ? host.launch(bin, args, stdio) : launchDirect(bin, args, stdio);
}

function hostEnabled(): boolean {
  return process.platform !== 'win32' && process.env.VIDEOGEN_SPAWN_HOST !== '0';
}

/** A child of this process, as child_process.spawn starts it. */
function launchDirect(bin: string, args: readonly string[], stdio: readonly [StdioKind, StdioKind, StdioKind]): ToolProcess {
  const child = spawn(bin, args, { stdio: [...stdio] });
  return {
    stdin: child.stdin,
    stdout: child.stdout,
    stderr: child.stderr,
    done: new Promise((resolve) => {
      child.once('error', (error) => resolve({ error }));
      child.once('close', (code, signal) => resolve({ code, signal }));
    }),
    kill: (signal) => void child.kill(signal),
  };
}

/** Bytes a connection starts with: the launch's token (32 hex digits) and which stdio entry it is (0, 1 or 2). */
const HEADER_BYTES = 33;

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** One launch in flight: ready once the helper has spawned it and every stdio connection has arrived (or it failed). */
interface Launch {
  stdio: readonly StdioKind[];
  sockets: (Socket | null)[];
  connected: number;
  spawned: boolean;
  failure?: Error;
  ready: { promise: Promise<void>; resolve: () => void };
  exited: { promise: Promise<ToolExit>; resolve: (exit: ToolExit) => void };
}

class SpawnHost {
  private readonly launches = new Map<string, Launch>();
  /** Answers to 'usage' requests awaited, by token. */
  private readonly usageWaiters = new Map<string, (ticks: number | null) => void>();

  private constructor(
    private readonly child: ChildProcess,
    private readonly server: Server,
    private readonly dir: string,
  ) {
    child.on('message', (m: HostMessage) => this.onMessage(m));
    child.once('exit', () => this.onHostGone());
    server.on('connection', (socket) => this.onConnection(socket));
    this.idle();
  }

  static async start(): Promise<SpawnHost> {
    // A private directory (mode 0700) holds the socket, so no other user can connect; tokens guard against the rest.
    const dir = mkdtempSync(join(tmpdir(), 'videogen-spawn-'));
    const path = join(dir, 'host.sock');
    const server = createServer();
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(path, () => resolve());
      });
      const child = spawn(process.execPath, ['-e', SPAWN_HOST_SOURCE], {
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        env: { ...process.env, VIDEOGEN_SPAWN_SOCKET: path },
      });
      await new Promise<void>((resolve, reject) => {
        child.once('error', reject);
        child.once('exit', () => reject(new Error('the spawn helper exited at start')));
        child.once('message', () => resolve()); // it says it is ready
      });
      return new SpawnHost(child, server, dir);
    } catch (error) {
      server.close();
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.connected;
  }

  async launch(bin: string, args: readonly string[], stdio: readonly [StdioKind, StdioKind, StdioKind]): Promise<ToolProcess> {
    const token = randomBytes(16).toString('hex');
    const launch: Launch = { stdio, sockets: [null, null, null], connected: 0, spawned: false, ready: deferred(), exited: deferred() };
    this.launches.set(token, launch);
    this.child.ref();
    this.child.channel?.ref();
    this.send({ op: 'spawn', token, bin, args: [...args], stdio: [...stdio] });
    await launch.ready.promise;
    const [stdin = null, stdout = null, stderr = null] = launch.sockets;
    const done = (async (): Promise<ToolExit> => {
      if (launch.failure) return { error: launch.failure };
      // child_process's 'close': the exit is known and both output streams have ended.
      await Promise.all([stdout, stderr].map((s) => (s && !s.closed ? new Promise((r) => s.once('close', r)) : undefined)));
      return launch.exited.promise;
    })().finally(() => {
      this.launches.delete(token);
      for (const s of launch.sockets) s?.destroy();
      this.idle();
    });
    if (launch.failure) return { stdin: null, stdout: null, stderr: null, done, kill: () => undefined };
    return { stdin, stdout, stderr, done, kill: (signal = 'SIGTERM') => this.send({ op: 'kill', token, signal }) };
  }

  /** CPU seconds of the helper and of the tools it ran that have exited (Linux; null elsewhere). */
  cpuSeconds(): Promise<number | null> {
    const token = randomBytes(16).toString('hex');
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), 2_000);
      const done = (value: number | null): void => {
        clearTimeout(timer);
        this.usageWaiters.delete(token);
        resolve(value);
      };
      this.usageWaiters.set(token, (ticks) => done(ticks === null ? null : ticks / 100));
      this.send({ op: 'usage', token });
    });
  }


  private onMessage(m: HostMessage): void {
    if (m.op === 'usage') return this.usageWaiters.get(m.token)?.(m.ticks);
    const launch = this.launches.get(m.token);
    if (!launch) return;
    if (m.op === 'spawned') launch.spawned = true;
    else if (m.op === 'error') launch.failure = Object.assign(new Error(m.message), { code: m.code });
    else launch.exited.resolve({ code: m.code, signal: m.signal });
    this.checkReady(launch);
  }

  private checkReady(launch: Launch): void {
    const pipes = launch.stdio.filter((k) => k === 'pipe').length;
    if (launch.failure || (launch.spawned && launch.connected === pipes)) launch.ready.resolve();
  }

  private onConnection(socket: Socket): void {
    socket.on('error', () => undefined); // a peer that vanished surfaces as its process's exit
    const readHeader = (): void => {
      const header = socket.read(HEADER_BYTES) as Buffer | null;
      if (!header) return;
      socket.off('readable', readHeader);
      const launch = this.launches.get(header.subarray(0, 32).toString('latin1'));
      const index = header[32]! - 48;
      if (!launch || launch.stdio[index] !== 'pipe' || launch.sockets[index]) return void socket.destroy();
      launch.sockets[index] = socket;
      launch.connected++;
      this.checkReady(launch);
    };
    socket.on('readable', readHeader);
  }

  private onHostGone(): void {
    sharedHostPromise = undefined;
    this.server.close();
    rmSync(this.dir, { recursive: true, force: true });
    const gone = new Error('the helper that starts media tools exited');
    for (const launch of this.launches.values()) {
      launch.failure ??= gone;
      launch.ready.resolve();
      launch.exited.resolve({ error: gone });
      // Its children may outlive it (a SIGKILL lets it kill none): closing their streams makes a tool that reads its
      // input or writes its output stop, as when a render process dies, and ends the launch here now.
      for (const s of launch.sockets) s?.destroy();
    }
  }

  /** Nothing in flight: the helper must not keep this process alive. */
  private idle(): void {
    if (this.launches.size > 0) return;
    this.child.unref();
    this.child.channel?.unref();
    this.server.unref();
  }

  private send(message: ToHost): void {
    if (this.child.connected) this.child.send(message);
  }

  close(): void {
    this.child.kill();
  }
}

type ToHost =
  | { op: 'spawn'; token: string; bin: string; args: string[]; stdio: StdioKind[] }
  | { op: 'kill'; token: string; signal: NodeJS.Signals }
  | { op: 'usage'; token: string };
type HostMessage =
  | { op: 'spawned'; token: string }
  | { op: 'error'; token: string; message: string; code?: string }
  | { op: 'exit'; token: string; code: number | null; signal: NodeJS.Signals | null }
  | { op: 'usage'; token: string; ticks: number | null };

let sharedHostPromise: Promise<SpawnHost | undefined> | undefined;
/** The helper could not start once: it will not start now either, so launches spawn directly from then on. */
let unavailable = false;

/** The helper, started once and again after it died; undefined when it cannot start. */
async function sharedHost(): Promise<SpawnHost | undefined> {
  if (unavailable) return undefined;
  const current = await sharedHostPromise;
  if (current?.alive) return current;
  sharedHostPromise = SpawnHost.start().catch(() => {
    unavailable = true;
    return undefined;
  });
  return sharedHostPromise;
}

/**
 * CPU seconds spent by the spawn helper and by the tools it started that have exited: they are not this process's
 * children, so its own children's CPU time (as the benches read it) leaves them out. 0 when no helper runs.
 */
export async function spawnHostCpuSeconds(): Promise<number | null> {
  const host = await sharedHostPromise;
  return host?.alive ? host.cpuSeconds() : 0;
}

/** Stops the helper (tests; a process exits without it). */
export async function stopSpawnHost(): Promise<void> {
  const host = await sharedHostPromise;
  sharedHostPromise = undefined;
  host?.close();
}

import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { launchTool, spawnHostCpuSeconds, stopSpawnHost } from '../../src/media/spawn-host.ts';

const collect = (stream: Readable | null): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream?.on('data', (c: Buffer) => parts.push(c));
    stream?.once('error', reject);
    stream?.once('end', () => resolve(Buffer.concat(parts)));
  });

const parentOf = (pid: number): number => Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);

describe.skipIf(process.platform !== 'linux')('spawn host: tools start from a small helper, their streams connect straight to us', () => {
  afterAll(() => stopSpawnHost());

  it('carries 24 MB through a child byte for byte, and reports its exit code and stderr', async () => {
    const input = Buffer.alloc(24 * 1024 * 1024);
    for (let i = 0; i < input.length; i += 4096) input.writeUInt32LE(i, i);
    const child = await launchTool('/bin/sh', ['-c', 'cat; echo done >&2; exit 3'], ['pipe', 'pipe', 'pipe']);
    const [out, err] = [collect(child.stdout), collect(child.stderr)];
    // Every write resolves once the bytes left for the child, as with a pipe: the caller may reuse its buffer then.
    await new Promise<void>((resolve, reject) => child.stdin!.write(input, (e) => (e ? reject(e) : resolve())));
    child.stdin!.end();
    expect((await out).equals(input)).toBe(true);
    expect((await err).toString()).toBe('done\n');
    expect(await child.done).toEqual({ code: 3, signal: null });
  });

  it('runs the child under the helper, not under this process', async () => {
    const child = await launchTool('/bin/sh', ['-c', 'echo $$ $PPID'], ['ignore', 'pipe', 'ignore']);
    const [pid, ppid] = (await collect(child.stdout)).toString().trim().split(' ').map(Number);
    expect(ppid).not.toBe(process.pid);
    expect(parentOf(ppid!)).toBe(process.pid); // the helper is our child
    expect(pid).toBeGreaterThan(0);
    await child.done;
  });

  it('reports a program that does not exist as an error with its code, not as an exit', async () => {
    const child = await launchTool('/nonexistent/ffmpeg', ['-version'], ['ignore', 'pipe', 'pipe']);
    const exit = await child.done;
    expect(exit.error).toBeInstanceOf(Error);
    expect(exit.error).toMatchObject({ code: 'ENOENT' });
  });

  it('reports the CPU time of the tools it ran, which are not our children', async () => {
    const before = (await spawnHostCpuSeconds())!;
    const busy = await launchTool('/bin/sh', ['-c', 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'], ['ignore', 'pipe', 'pipe']);
    expect(await busy.done).toEqual({ code: 0, signal: null });
    expect((await spawnHostCpuSeconds())! - before).toBeGreaterThan(0.05);
  });

  it('kills a child on request', async () => {
    const child = await launchTool('/bin/sleep', ['30'], ['ignore', 'pipe', 'pipe']);
    child.kill('SIGKILL');
    expect(await child.done).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('ends the launches in flight with an error when the helper dies, and starts it again', async () => {
    const sleeper = await launchTool('/bin/sh', ['-c', 'echo $PPID; exec cat'], ['pipe', 'pipe', 'ignore']);
    const helper = Number((await new Promise<Buffer>((resolve) => sleeper.stdout!.once('data', resolve))).toString().trim());
    process.kill(helper, 'SIGKILL');
    const exit = await sleeper.done;
    expect(exit.error?.message).toMatch(/exited/);
    const child = await launchTool('/bin/echo', ['again'], ['ignore', 'pipe', 'ignore']);
    expect((await collect(child.stdout)).toString()).toBe('again\n');
    expect(await child.done).toEqual({ code: 0, signal: null });
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessTokens, PublishCheckpoint, PublishContext, PublishItem, PublishProgress, QuotaMethod } from '../../src/publish/types.ts';
import { refreshAccessToken } from '../../src/publish/youtube/oauth.ts';
import type { FakeYouTube } from './fake-youtube.ts';

/** Test helpers for the YouTube Publisher: files on disk, tokens from the fake, and a recording PublishContext. */

export async function fixtureFiles(bytes: number): Promise<{ dir: string; video: string; sha256: string; data: Buffer; vttEn: string; vttDe: string; thumb: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'videogen-yt-'));
  const data = randomBytes(bytes);
  const video = join(dir, 'video.mp4');
  await writeFile(video, data);
  const vttEn = join(dir, 'captions.en.vtt');
  const vttDe = join(dir, 'captions.de.vtt');
  await writeFile(vttEn, 'WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n');
  await writeFile(vttDe, 'WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n');
  const thumb = join(dir, 'thumbnail.png');
  await writeFile(thumb, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)]));
  return { dir, video, data, sha256: createHash('sha256').update(data).digest('hex'), vttEn, vttDe, thumb, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function item(f: Awaited<ReturnType<typeof fixtureFiles>>, over: Partial<PublishItem> = {}): PublishItem {
  return {
    videoPath: f.video,
    bytes: f.data.length,
    sha256: f.sha256,
    metadata: { title: 'Why the sky is blue', description: 'Rayleigh scattering.\n\n0:00 Intro\n0:30 Light', tags: ['science', 'light'], categoryId: '27', language: 'en', madeForKids: false, containsSyntheticMedia: true },
    privacy: 'public',
    captions: [],
    ...over,
  };
}

/** Access tokens straight from the fake's token endpoint, refreshed on invalidate(). */
export function fakeTokens(yt: FakeYouTube): AccessTokens & { refreshes: number } {
  const refreshToken = yt.issueRefreshToken();
  let current: Promise<string> | undefined;
  const t = {
    refreshes: 0,
    get(): Promise<string> {
      current ??= refreshAccessToken(yt.settings(), refreshToken).then((x) => {
        t.refreshes++;
        return x.accessToken;
      });
      return current;
    },
    invalidate(): void {
      current = undefined;
    },
  };
  return t;
}

export class QuotaSpent extends Error {}

export interface RecordingContext extends PublishContext {
  saves: PublishCheckpoint[];
  spent: QuotaMethod[];
  progress: PublishProgress[];
  warnings: string[];
  exhausted: number;
  controller: AbortController;
}

/** Runs `fn` the first time only: a fault injected from onProgress must not be injected again on a repeated offset. */
export function once<A extends unknown[]>(fn: (...args: A) => boolean | void): (...args: A) => void {
  let done = false;
  return (...args: A) => {
    if (!done && fn(...args) === true) done = true;
  };
}

/** A PublishContext that keeps everything it is given; `onProgress` hook for faults injected mid-upload. */
export function recordingContext(checkpoint: PublishCheckpoint = { offset: 0, steps: {} }, hook?: (p: PublishProgress, ctx: RecordingContext) => void): RecordingContext {
  const controller = new AbortController();
  const ctx: RecordingContext = {
    controller,
    signal: controller.signal,
    checkpoint,
    saves: [],
    spent: [],
    progress: [],
    warnings: [],
    exhausted: 0,
    async save(cp) {
      ctx.saves.push(structuredClone(cp));
    },
    async spend(method) {
      ctx.spent.push(method);
    },
    async quotaExhausted(): Promise<never> {
      ctx.exhausted++;
      throw new QuotaSpent('quota exhausted');
    },
    onProgress(p) {
      ctx.progress.push(p);
      hook?.(p, ctx);
    },
    warn(message) {
      ctx.warnings.push(message);
    },
  };
  return ctx;
}

export const lastSave = (ctx: RecordingContext): PublishCheckpoint => ctx.saves.at(-1) ?? ctx.checkpoint;

/** Body bytes of chunk PUTs the fake received since request index `from`. */
export const putBytes = (yt: FakeYouTube, from = 0): number => yt.requests.slice(from).filter((r) => r.method === 'PUT').reduce((n, r) => n + r.bytes, 0);

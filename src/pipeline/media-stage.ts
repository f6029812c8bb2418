import { basename } from 'node:path';
import type { Scene, VideoSpec } from '../spec/index.ts';
import type { VideogenConfig } from '../config.ts';
import { confinePath, type FileScope } from '../sources/confine.ts';
import { UPLOAD_PREFIX, isUpload, isUrl, type MediaRef } from '../sources/media-paths.ts';
import type { Frame } from '../render/geometry.ts';
import { GRADIENT_REF, type MediaAsset, type MediaCatalog, type MediaClip, type SceneMedia } from '../render/media.ts';
import type { Credit, StockRequest } from '../assets/types.ts';
import { chooseStock } from '../assets/broll.ts';
import type { LlmProvider } from '../writing/llm/types.ts';
import { narrationFor } from '../writing/templates.ts';
import { splitSentences } from '../writing/sentences.ts';
import { speechSeconds } from '../sources/document/editorial/estimate.ts';
import { fpsValue, type MediaTools } from '../media/index.ts';
import { probeMedia, type MediaInfo } from '../media/media-probe.ts';
import { cacheLocalFile, cacheUrl, type CachedMedia } from '../media/media-cache.ts';
import { NodeMediaFeeder, PictureCache, type FeederAsset, type MediaFeeder } from '../media/media-feeder.ts';
import { VideogenError } from '../errors.ts';

export type { MediaFeeder } from '../media/media-feeder.ts';

export interface MediaStageOptions {
  config: VideogenConfig;
  tools: MediaTools;
  frame: Frame;
  /** Where relative `src` paths may point: the spec's folder on the CLI, nothing on the server (uploads/URLs only). */
  scope: FileScope;
  /** Local media library (`--media`); wins over config.media.dir. */
  mediaDir?: string;
  /** Resolves `upload:<id>` to a stored file (server only). */
  uploads?: (id: string) => Promise<string>;
  llm?: LlmProvider;
  signal?: AbortSignal;
  onWarning?: (message: string) => void;
  /** Test-only: private addresses the URL fetcher may reach (a local fake server). */
  allowPrivateForTests?: readonly string[];
}

export interface PreparedMedia {
  /** Per scene index. */
  scenes: (SceneMedia | undefined)[];
  catalog: MediaCatalog;
  /** Content hash of every asset a scene uses, by scene index (segment cache keys). */
  sceneHashes: string[][];
  /** A fresh feeder (one per segment being rendered: each decodes its own clips). */
  feeder(): MediaFeeder;
  /** What feeder() decodes, as data: a worker on another machine builds its own feeder from it (segment-task.ts). */
  assets: FeederAsset[];
  credits: Credit[];
  /** Music resolved to a file when the spec asks for a file, URL or upload (`auto` is left to the music library). */
  musicFile?: string;
  /** Sound of unmuted footage scenes, in scene-relative seconds (the pipeline places them once the timeline exists). */
  beds: { scene: number; path: string; sourceStart: number; sourceEnd?: number; loop: boolean }[];
  /** A picture for the thumbnail: the first image scene or b-roll clip. */
  poster?: { path: string; kind: 'image' | 'video'; seconds: number };
}

/** Download bounds by what a field holds: a clip may be long, a picture or a track never needs to be this big. */
const MAX_BYTES = { clip: 500 * 1024 * 1024, picture: 50 * 1024 * 1024, music: 200 * 1024 * 1024 };
const DOWNLOAD_TIMEOUT_MS = 5 * 60 * 1000;

/** Scenes whose page is the point (code, commands, answers): b-roll would hide what the viewer must read. */
const KEEP_PAGE = new Set<Scene['kind']>(['code', 'codeComparison', 'solution', 'command', 'quiz', 'image', 'video']);

const USE = {
  what: 'a picture, clip or music file',
  instead: 'upload the file (POST /api/media/upload) and name it as "upload:<id>", or give an https URL',
};

interface Resolved extends CachedMedia {
  info: MediaInfo;
  credit: Credit;
}

/** Resolves, fetches, caches and probes every picture and clip the spec names, and asks for stock where it wants it. */
export async function prepareMedia(spec: VideoSpec, opts: MediaStageOptions): Promise<PreparedMedia> {
  const warn = opts.onWarning ?? (() => undefined);
  const resolved = new Map<string, Promise<Resolved>>();
  const assets = new Map<string, FeederAsset>();
  const catalog: Record<string, MediaAsset> = {};
  const credits = new Map<string, Credit>();

  const register = (r: CachedMedia, info: MediaInfo, credit: Credit) => {
    if (info.kind === 'audio') return;
    assets.set(r.hash, { ref: r.hash, kind: info.kind, path: r.path, width: info.width, height: info.height, duration: info.duration });
    catalog[r.hash] = { ref: r.hash, kind: info.kind, width: info.width, height: info.height, ...(info.kind === 'video' ? { duration: info.duration } : {}) };
    if (!credits.has(r.hash)) credits.set(r.hash, credit);
  };
  // The same src named by several scenes is fetched, hashed and probed once.
  const resolve = (ref: MediaRef, maxBytes: number): Promise<Resolved> => {
    let pending = resolved.get(ref.src);
    if (!pending) {
      pending = resolveSource(ref, maxBytes, opts);
      resolved.set(ref.src, pending);
    }
    return pending.then((r) => {
      register(r, r.info, r.credit);
      return r;
    });
  };

  const scenes: (SceneMedia | undefined)[] = spec.scenes.map(() => undefined);
  const beds: PreparedMedia['beds'] = [];
  const requests: StockRequest[] = [];
  const scrims = new Map<number, number>();
  let poster: PreparedMedia['poster'];
  let posterFallback: PreparedMedia['poster'];

  for (const [i, scene] of spec.scenes.entries()) {
    if (opts.signal?.aborted) throw new VideogenError('CANCELLED', 'render cancelled');
    const media: SceneMedia = {};
    if (scene.kind === 'image') {
      const r = await resolve({ field: `scenes[${i}].src`, src: scene.src }, MAX_BYTES.picture);
      expectKind(r, `scenes[${i}].src`, 'image', 'a picture; for a clip use kind: video');
      media.main = { ref: r.hash, kind: 'image', sentence: 0, at: 0, sourceStart: 0, loop: false };
      poster ??= { path: r.path, kind: 'image', seconds: 0 };
    } else if (scene.kind === 'video') {
      const field = `scenes[${i}].src`;
      const r = await resolve({ field, src: scene.src }, MAX_BYTES.clip);
      expectKind(r, field, 'video', 'a clip; for a picture use kind: image');
      media.main = trimmedClip(r, scene.start, scene.end, scene.loop, field, warn);
      posterFallback ??= { path: r.path, kind: 'video', seconds: media.main.sourceStart };
      if (!scene.muted) {
        if (r.info.hasAudio) beds.push({ scene: i, path: r.path, sourceStart: media.main.sourceStart, ...(media.main.sourceEnd !== undefined ? { sourceEnd: media.main.sourceEnd } : {}), loop: scene.loop });
        else warn(`${field}: muted is false but the clip has no sound`);
      }
    }
    const bg = scene.background;
    if (bg && typeof bg !== 'string' && 'src' in bg) {
      const field = `scenes[${i}].background.src`;
      const r = await resolve({ field, src: bg.src }, MAX_BYTES.clip);
      if (r.info.kind === 'audio') throw new VideogenError('SOURCE_UNREADABLE', `${field}: the file is a sound, not a picture or clip`, { field });
      media.background = [r.info.kind === 'video' ? trimmedClip(r, 0, undefined, true, field, warn) : { ref: r.hash, kind: 'image', sentence: 0, at: 0, sourceStart: 0, loop: false }];
      posterFallback ??= { path: r.path, kind: r.info.kind, seconds: r.info.kind === 'video' ? Math.min(1, r.info.duration / 2) : 0 };
      if (bg.scrim !== undefined) media.scrim = bg.scrim;
    } else if (bg && typeof bg !== 'string' && 'stock' in bg) {
      requests.push({ scene: i, sentences: [], seconds: [], terms: bg.stock });
      if (bg.scrim !== undefined) scrims.set(i, bg.scrim);
    } else if (spec.broll === 'auto' && !bg && !KEEP_PAGE.has(scene.kind)) {
      const sentences = splitSentences(narrationFor(scene, spec.language), spec.language);
      if (sentences.length) requests.push({ scene: i, sentences, seconds: sentences.map((s) => speechSeconds(s, spec.language)) });
    }
    if (media.main || media.background || media.scrim !== undefined) scenes[i] = media;
  }

  if (requests.length) {
    const stock = await chooseStock(requests, {
      config: opts.config,
      frame: opts.frame,
      language: spec.language,
      ...(opts.mediaDir ? { mediaDir: opts.mediaDir } : {}),
      ...(opts.llm ? { llm: opts.llm } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    stock.warnings.forEach(warn);
    // Picks come in narration order; a scene's clips follow its sentences.
    const picks = [...stock.picks].sort((a, b) => a.scene - b.scene || a.sentence - b.sentence);
    for (const pick of picks) {
      let clip: MediaClip = { ref: GRADIENT_REF, sentence: pick.sentence, at: 0, sourceStart: 0, loop: true };
      if (pick.file) {
        const field = `scenes[${pick.scene}] stock "${pick.terms}"`;
        const cached = await cacheLocalFile(pick.file);
        const info = await probeMedia(pick.file, field, opts.tools, opts.signal);
        if (info.kind === 'audio') {
          warn(`${field}: the chosen file has no picture; drawing the gradient instead`);
        } else {
          register(cached, info, pick.credit ?? { provider: 'stock', title: basename(pick.file), license: 'unknown' });
          const r: Resolved = { ...cached, info, credit: pick.credit ?? { provider: 'stock', license: 'unknown' } };
          clip = info.kind === 'video' ? { ...trimmedClip(r, 0, undefined, true, field, warn), sentence: pick.sentence } : { ref: cached.hash, kind: 'image', sentence: pick.sentence, at: 0, sourceStart: 0, loop: false };
          poster ??= { path: cached.path, kind: info.kind, seconds: info.kind === 'video' ? Math.min(1, info.duration / 2) : 0 };
        }
      }
      const media = (scenes[pick.scene] ??= {});
      (media.background ??= []).push(clip);
      const scrim = scrims.get(pick.scene);
      if (scrim !== undefined) media.scrim = scrim;
    }
  }

  let musicFile: string | undefined;
  if (spec.music && spec.music.src !== 'auto') {
    const field = 'music.src';
    const r = await resolve({ field, src: spec.music.src }, MAX_BYTES.music);
    if (!r.info.hasAudio) throw new VideogenError('SOURCE_UNREADABLE', `${field}: the file has no sound; give a music file (MP3, M4A, WAV, OGG)`, { field });
    musicFile = r.path;
    if (!credits.has(r.hash)) credits.set(r.hash, r.credit);
  }

  const sceneHashes = scenes.map((m) => [...new Set([m?.main, ...(m?.background ?? [])].filter((c): c is MediaClip => !!c && c.ref !== GRADIENT_REF).map((c) => c.ref))]);
  const pictures = new PictureCache(opts.frame);
  const fps = fpsValue(spec.fps);
  const finalPoster = poster ?? posterFallback;
  return {
    scenes,
    catalog,
    sceneHashes,
    feeder: () => new NodeMediaFeeder({ assets, pictures, frame: opts.frame, fps, tools: opts.tools }),
    assets: [...assets.values()],
    credits: [...credits.values()],
    beds,
    ...(musicFile ? { musicFile } : {}),
    ...(finalPoster ? { poster: finalPoster } : {}),
  };
}

function expectKind(r: Resolved, field: string, kind: 'image' | 'video', advice: string): void {
  if (r.info.kind === kind) return;
  // A sound file fits neither scene kind: say where it belongs instead of suggesting the other kind.
  const fix = r.info.kind === 'audio' ? (kind === 'image' ? 'a picture' : 'a clip') + '; a sound file belongs in music.src' : advice;
  throw new VideogenError('SOURCE_UNREADABLE', `${field}: the file is ${r.info.kind === 'audio' ? 'a sound' : `a ${r.info.kind === 'image' ? 'picture' : 'clip'}`}, but this scene shows ${fix}`, { field });
}

/** A clip window inside the asset: `end` past the clip's real end is the end; a start past it shows the last second. */
function trimmedClip(r: Resolved, start: number, end: number | undefined, loop: boolean, field: string, warn: (m: string) => void): MediaClip {
  const duration = r.info.duration;
  let sourceStart = start;
  if (sourceStart >= duration) {
    warn(`${field}: start ${start} s is past the end of the clip (${duration.toFixed(2)} s); showing its last second`);
    sourceStart = Math.max(0, duration - 1);
  }
  if (end !== undefined && end > duration + 0.05) warn(`${field.replace(/\.src$/, '.end')}: end ${end} s is past the end of the clip (${duration.toFixed(2)} s); the clip plays to its end${loop ? ' and loops' : ' and holds its last frame'}`);
  const sourceEnd = Math.min(end ?? duration, duration);
  return { ref: r.hash, kind: 'video', sentence: 0, at: 0, sourceStart, sourceEnd: Math.max(sourceEnd, sourceStart + 0.001), loop };
}

/** Where the bytes of one spec `src` are: a confined local file, a cached download, or a stored upload. */
async function resolveSource(ref: MediaRef, maxBytes: number, opts: MediaStageOptions): Promise<Resolved> {
  const { field, src } = ref;
  let cached: CachedMedia;
  let credit: Credit;
  if (isUrl(src)) {
    cached = await cacheUrl(src, opts.config.cacheDir, {
      maxBytes,
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.allowPrivateForTests ? { allowPrivateForTests: opts.allowPrivateForTests } : {}),
    }).catch((error: unknown) => {
      if (error instanceof VideogenError && error.code === 'SOURCE_UNREADABLE') throw new VideogenError('SOURCE_UNREADABLE', `${field}: ${error.message}`, { ...error.details, field }, { cause: error });
      throw error;
    });
    credit = { provider: 'url', title: basename(new URL(src).pathname) || src, sourceUrl: src, license: 'provided by the user' };
  } else if (isUpload(src)) {
    if (!opts.uploads) throw new VideogenError('SOURCE_UNREADABLE', `${field}: "${src}" names an upload, but uploads exist only on the server; use a file path on the command line`, { field });
    const path = await opts.uploads(src.slice(UPLOAD_PREFIX.length));
    cached = await cacheLocalFile(path);
    credit = { provider: 'upload', title: src, license: 'provided by the user' };
  } else {
    // Checked when the spec was loaded; checked again here, since this is where the file is read.
    const path = await confinePath(opts.scope, src, { field, ...USE });
    cached = await cacheLocalFile(path).catch((error: unknown) => {
      const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new VideogenError('SOURCE_UNREADABLE', `${field}: cannot read "${src}": ${why}`, { field }, { cause: error });
    });
    credit = { provider: 'file', title: basename(src), license: 'provided by the user' };
  }
  const info = await probeMedia(cached.path, field, opts.tools, opts.signal);
  return { ...cached, info, credit };
}

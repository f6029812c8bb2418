import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { VideogenError } from '../errors.ts';
import { isExecutable, onPath } from '../util/on-path.ts';
import { cachedProbe, type ProbedTools } from './tool-probe-cache.ts';

const execFileAsync = promisify(execFile);
const require = createRequire(import.meta.url);

/** Where the caller's config says the tools are. Comes from loadConfig() (FFMPEG_PATH, FFPROBE_PATH, PATH). */
export interface FfmpegOptions {
  /** An explicit ffmpeg binary (FFMPEG_PATH); wins over everything and is never silently replaced. */
  ffmpegPath?: string | undefined;
  /** An explicit ffprobe binary; by default the one next to an explicit ffmpeg, else the same search as ffmpeg. */
  ffprobePath?: string | undefined;
  /** The PATH to search for system binaries; defaults to this process's PATH. */
  searchPath?: string | undefined;
  /** Where what the binaries said of themselves is kept between processes (tool-probe-cache.ts); unset: asked anew. */
  cacheDir?: string | undefined;
}

export interface FfmpegCapabilities {
  libx264: boolean;
  aac: boolean;
  /** Debian's 5.1 has it, the npm 4.1 build does not; transitions are drawn on the canvas either way. */
  xfade: boolean;
  loudnorm: boolean;
  ebur128: boolean;
  movText: boolean;
}

/** The resolved tools, recorded in the manifest so a render can be reproduced. */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
  /** Which rule picked ffmpeg: an explicit path, the system PATH, or the npm @ffmpeg-installer fallback. */
  source: 'explicit' | 'system' | 'npm';
  version: string;
  ffprobeVersion: string;
  capabilities: FfmpegCapabilities;
}

/**
 * The discovery options a VideogenConfig gives (FFMPEG_PATH, FFPROBE_PATH, PATH via loadConfig). Every caller that has
 * a config passes it through here, so a configured binary is honoured everywhere, not only where someone remembered.
 */
export function ffmpegOptionsFrom(config: { ffmpegPath?: string | undefined; ffprobePath?: string | undefined; searchPath?: string | undefined; cacheDir?: string | undefined }): FfmpegOptions {
  return {
    ...(config.ffmpegPath ? { ffmpegPath: config.ffmpegPath } : {}),
    ...(config.ffprobePath ? { ffprobePath: config.ffprobePath } : {}),
    ...(config.searchPath ? { searchPath: config.searchPath } : {}),
    ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}),
  };
}

type Tool = 'ffmpeg' | 'ffprobe';
const NPM_PACKAGE: Record<Tool, string> = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' };

const cache = new Map<string, Promise<MediaTools>>();

/**
 * Finds ffmpeg and ffprobe: explicit path > system binary on PATH > npm fallback (ARCHITECTURE §7), then asks ffmpeg
 * for its version and the encoders/filters we rely on. The result is cached per option set, since every encode needs
 * it and asking costs two process spawns.
 */
export function findFfmpeg(opts: FfmpegOptions = {}): Promise<MediaTools> {
  const key = JSON.stringify([opts.ffmpegPath ?? '', opts.ffprobePath ?? '', opts.searchPath ?? '', opts.cacheDir ?? '']);
  let found = cache.get(key);
  if (!found) {
    found = discover(opts);
    // A failed lookup is not cached: the user may install ffmpeg and retry in the same server process.
    found.catch(() => cache.delete(key));
    cache.set(key, found);
  }
  return found;
}

async function discover(opts: FfmpegOptions): Promise<MediaTools> {
  const searchPath = opts.searchPath ?? process.env.PATH ?? '';
  let ffmpeg: string;
  let source: MediaTools['source'];
  if (opts.ffmpegPath) {
    ffmpeg = resolveExplicit(opts.ffmpegPath, searchPath, 'ffmpeg');
    source = 'explicit';
  } else {
    const system = onPath('ffmpeg', searchPath);
    const npm = system ? undefined : fromNpm('ffmpeg');
    if (!system && !npm) throw missing('ffmpeg');
    ffmpeg = (system ?? npm)!;
    source = system ? 'system' : 'npm';
  }
  const sibling = join(dirname(ffmpeg), 'ffprobe');
  const ffprobe = opts.ffprobePath
    ? resolveExplicit(opts.ffprobePath, searchPath, 'ffprobe')
    : (source === 'explicit' && isExecutable(sibling) ? sibling : (onPath('ffprobe', searchPath) ?? fromNpm('ffprobe')));
  if (!ffprobe) throw missing('ffprobe');

  const probed = opts.cacheDir ? await cachedProbe(opts.cacheDir, ffmpeg, ffprobe, () => probeTools(ffmpeg, ffprobe)) : await probeTools(ffmpeg, ffprobe);
  return { ffmpeg, ffprobe, source, ...probed };
}

/** Asks the binaries for their versions and for the encoders and filters a render relies on. */
async function probeTools(ffmpeg: string, ffprobe: string): Promise<ProbedTools> {
  const [version, probeVersion, encoders, filters] = await Promise.all([
    run(ffmpeg, ['-hide_banner', '-version']),
    run(ffprobe, ['-hide_banner', '-version']),
    run(ffmpeg, ['-hide_banner', '-encoders']),
    run(ffmpeg, ['-hide_banner', '-filters']),
  ]);
  const has = (list: string, name: string): boolean => new RegExp(`^\\s*\\S+\\s+${name}\\s`, 'm').test(list);
  return {
    version: parseVersion(version),
    ffprobeVersion: parseVersion(probeVersion),
    capabilities: {
      libx264: has(encoders, 'libx264'),
      aac: has(encoders, 'aac'),
      movText: has(encoders, 'mov_text'),
      xfade: has(filters, 'xfade'),
      loudnorm: has(filters, 'loudnorm'),
      ebur128: has(filters, 'ebur128'),
    },
  };
}

/** `ffmpeg version 5.1.9-0+deb12u1 Copyright …` → `5.1.9-0+deb12u1`. */
export function parseVersion(output: string): string {
  return /version\s+(\S+)/.exec(output)?.[1] ?? 'unknown';
}

async function run(bin: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(bin, args, { timeout: 15_000, maxBuffer: 4 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    throw new VideogenError('FFMPEG_MISSING', `${bin} does not run (${(err as Error).message}); install ffmpeg or set FFMPEG_PATH to a working binary`, { bin }, { cause: err });
  }
}

function resolveExplicit(given: string, searchPath: string, tool: Tool): string {
  const resolved = given.includes('/') ? (isExecutable(given) ? given : undefined) : onPath(given, searchPath);
  if (!resolved) {
    throw new VideogenError('FFMPEG_MISSING', `${tool} was configured as "${given}" but that is not an executable file; fix the path or unset it to use the system ${tool}`, { tool, path: given });
  }
  return resolved;
}

function fromNpm(tool: Tool): string | undefined {
  try {
    const path = (require(NPM_PACKAGE[tool]) as { path?: string }).path;
    return path && isExecutable(path) ? path : undefined;
  } catch {
    // The package throws a plain string when its platform binary is absent; either way the fallback is unavailable.
    return undefined;
  }
}

function missing(tool: Tool): VideogenError {
  return new VideogenError('FFMPEG_MISSING', `${tool} was not found on PATH and ${NPM_PACKAGE[tool]} is not installed; install ffmpeg (e.g. \`apt-get install ffmpeg\`) or set FFMPEG_PATH`, { tool });
}

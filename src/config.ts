import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { VoiceConfig } from './voice/index.ts';

/**
 * The one place configuration is read: environment, then explicit overrides (CLI flags, API options). Nothing else in
 * videogen reads process.env, so tests and the server can pass a config object instead.
 */
export interface VideogenConfig {
  /** Data directory: caches, database, job outputs. `VIDEOGEN_HOME`, default ~/.videogen. */
  home: string;
  /** Content-addressed artifacts (audio clips, video segments). */
  cacheDir: string;
  ffmpegPath?: string;
  ffprobePath?: string;
  /** PATH to search for system binaries. */
  searchPath?: string;
  voice: VoiceConfig;
}

export interface ConfigOverrides {
  home?: string;
  cacheDir?: string;
  ffmpegPath?: string;
}

export function loadConfig(overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): VideogenConfig {
  const home = resolve(overrides.home ?? env.VIDEOGEN_HOME ?? join(homedir(), '.videogen'));
  const ffmpegPath = overrides.ffmpegPath ?? env.FFMPEG_PATH;
  return {
    home,
    cacheDir: resolve(overrides.cacheDir ?? env.VIDEOGEN_CACHE ?? join(home, 'cache')),
    ...(ffmpegPath ? { ffmpegPath } : {}),
    ...(env.FFPROBE_PATH ? { ffprobePath: env.FFPROBE_PATH } : {}),
    ...(env.PATH ? { searchPath: env.PATH } : {}),
    voice: {
      ...(env.VIDEOGEN_TTS ? { defaultProvider: env.VIDEOGEN_TTS } : {}),
      ...(ffmpegPath ? { ffmpegPath } : {}),
      ...(env.VIDEOGEN_EDGE === '0' ? { edge: false as const } : {}),
      openai: { ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}), ...(env.OPENAI_BASE_URL ? { baseUrl: env.OPENAI_BASE_URL } : {}) },
      elevenlabs: { ...(env.ELEVENLABS_API_KEY ? { apiKey: env.ELEVENLABS_API_KEY } : {}), ...(env.ELEVENLABS_BASE_URL ? { baseUrl: env.ELEVENLABS_BASE_URL } : {}) },
    },
  };
}

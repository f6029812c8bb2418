import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { VoiceConfig } from './voice/index.ts';
import type { LlmSettings } from './writing/llm/registry.ts';
import type { TranslateSettings, TranslatorId } from './writing/translate/types.ts';

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
  /** Language model for `--ai` and `--topic`; absent keys mean offline writing only. */
  llm: LlmSettings;
  /** Translation providers for `--languages` and `videogen translate` (src/writing/translate/). */
  translate: TranslateSettings;
  /** Pictures, footage and music: the local library and the stock providers (src/assets/). */
  media: MediaConfig;
  /** HTTP API (`videogen serve`); unset fields take the defaults in src/server/options.ts. */
  server?: Partial<ServerConfig>;
  /** Finished job outputs, one directory per job id; shared by every worker. `VIDEOGEN_ARTIFACTS`, default <home>/artifacts. */
  artifactsDir: string;
  /** PostgreSQL connection string (`DATABASE_URL`); absent means the embedded PGlite database under <home>/db. */
  databaseUrl?: string;
  /** PostgreSQL schema for every table (`VIDEOGEN_DB_SCHEMA`); created if missing. Lets deployments and tests share a database. */
  databaseSchema?: string;
  /** Publishing (src/publish/): YouTube's API, the OAuth client and the quota table. */
  publish: PublishConfig;
  /**
   * Key that seals tokens at rest (AES-256-GCM): `VIDEOGEN_SECRET_KEY`, 32 bytes as 64 hex digits or base64. Without it
   * videogen refuses to store any token (src/publish/secret-box.ts).
   */
  secretKey?: string;
  /** Redis for the BullMQ queue (`REDIS_URL`); absent means the in-process queue. */
  redisUrl?: string;
  /** BullMQ key prefix (`VIDEOGEN_QUEUE_PREFIX`), so several deployments or test runs can share one Redis. */
  queuePrefix?: string;
  /**
   * On BullMQ, split each render into segment tasks that every `videogen worker` renders into the shared cache
   * (docs/scale.md). `VIDEOGEN_FANOUT=0` turns it off (each job then renders on the one worker that claimed it).
   * Without REDIS_URL there is nothing to fan out to, so it does not apply. Unset means on.
   */
  fanout?: boolean;
}

export interface MediaConfig {
  /** Local media library: pictures and clips indexed by file name and sidecar tags. `VIDEOGEN_MEDIA_DIR`. */
  dir?: string;
  /** Music library for `music: { src: auto }`, by mood. `VIDEOGEN_MUSIC_DIR`, default <media dir>/music. */
  musicDir?: string;
  /** Pexels API (`PEXELS_API_KEY`, `PEXELS_BASE_URL`, default https://api.pexels.com). */
  pexels: { apiKey?: string; baseUrl?: string };
  /** Pixabay API (`PIXABAY_API_KEY`, `PIXABAY_BASE_URL`, default https://pixabay.com). */
  pixabay: { apiKey?: string; baseUrl?: string };
}

export interface PublishConfig {
  youtube: {
    /** OAuth client (`YOUTUBE_CLIENT_ID`, `YOUTUBE_CLIENT_SECRET`): a Google Cloud project's "Desktop app" or "Web" client. */
    clientId?: string;
    clientSecret?: string;
    /** `YOUTUBE_API_BASE` (default https://www.googleapis.com/youtube/v3). */
    apiBase: string;
    /** `YOUTUBE_UPLOAD_BASE` (default https://www.googleapis.com/upload/youtube/v3). */
    uploadBase: string;
    /** `GOOGLE_OAUTH_BASE`: the authorisation page's origin (default https://accounts.google.com). */
    oauthBase: string;
    /** `GOOGLE_TOKEN_BASE`: token and revoke endpoints' origin (default https://oauth2.googleapis.com; GOOGLE_OAUTH_BASE when only that is set). */
    tokenBase: string;
    /** Units per project per Pacific day (`YOUTUBE_QUOTA_DAILY`, default 10000: YouTube's default allocation). */
    dailyQuota: number;
    /** Units per API method over the defaults in src/publish/quota.ts (`YOUTUBE_QUOTA_COSTS=videos.insert=1600,captions.insert=400`). */
    costs: Record<string, number>;
  };
  /** How often published videos' statistics are fetched, minutes (`VIDEOGEN_STATS_MINUTES`, default 360). */
  statsMinutes: number;
}

export interface ServerConfig {
  /** `VIDEOGEN_PORT`, default 8080. */
  port: number;
  /** `VIDEOGEN_HOST`, default 127.0.0.1 (loopback: expose deliberately). */
  host: string;
  /**
   * The address people and OAuth redirects reach this server at (`VIDEOGEN_PUBLIC_URL`, e.g. https://videos.example.com);
   * unset: derived from the request (its Host, or X-Forwarded-* with trustProxy).
   */
  publicUrl?: string;
  /** Largest accepted upload, bytes. `VIDEOGEN_UPLOAD_MAX_MB`, default 25 MB. */
  uploadMaxBytes: number;
  /** Largest media upload (pictures, clips, tracks), bytes. `VIDEOGEN_MEDIA_MAX_MB`, default 500 MB. */
  mediaMaxBytes: number;
  /** Where uploads are stored (named by upload id). Default <home>/uploads. */
  uploadsDir: string;
  /** Trust X-Forwarded-* (behind a reverse proxy). `VIDEOGEN_TRUST_PROXY=1`. */
  trustProxy: boolean;
  /** Secure cookies: 'auto' follows the request protocol. `VIDEOGEN_SECURE_COOKIES=1|0`. */
  secureCookies: boolean | 'auto';
  /** Session lifetime, hours. */
  sessionHours: number;
  /** Requests per minute: auth per IP, writes per user, reads per user. */
  rateLimits: { auth: number; write: number; read: number };
  /**
   * Per-account sign-in lockout, beside the per-IP limit: after `failures` wrong passwords or codes for one email
   * within `windowMinutes`, that account's sign-ins are refused for `lockMinutes` from any IP. Defaults 10 / 15 / 15
   * (src/server/limits.ts).
   */
  loginLock?: { failures?: number; windowMinutes?: number; lockMinutes?: number };
  /** Storage per user (uploads + job outputs), bytes. `VIDEOGEN_QUOTA_MB`, default 5120 MB. */
  quotaBytes: number;
  /** Live event streams (SSE) one user may hold open at once, per server process. `VIDEOGEN_SSE_PER_USER`, default 20. */
  ssePerUser: number;
  /** The built studio served at / (`VIDEOGEN_WEB_DIR`, default the package's web/dist from `npm run build:web`). */
  webDir?: string;
}

export interface ConfigOverrides {
  home?: string;
  cacheDir?: string;
  ffmpegPath?: string;
  artifactsDir?: string;
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
    server: serverFromEnv(env, home),
    media: {
      ...(env.VIDEOGEN_MEDIA_DIR ? { dir: resolve(env.VIDEOGEN_MEDIA_DIR) } : {}),
      ...(env.VIDEOGEN_MUSIC_DIR ? { musicDir: resolve(env.VIDEOGEN_MUSIC_DIR) } : env.VIDEOGEN_MEDIA_DIR ? { musicDir: resolve(env.VIDEOGEN_MEDIA_DIR, 'music') } : {}),
      pexels: { ...(env.PEXELS_API_KEY ? { apiKey: env.PEXELS_API_KEY } : {}), ...(env.PEXELS_BASE_URL ? { baseUrl: env.PEXELS_BASE_URL } : {}) },
      pixabay: { ...(env.PIXABAY_API_KEY ? { apiKey: env.PIXABAY_API_KEY } : {}), ...(env.PIXABAY_BASE_URL ? { baseUrl: env.PIXABAY_BASE_URL } : {}) },
    },
    llm: {
      anthropicKey: env.ANTHROPIC_API_KEY,
      anthropicModel: env.ANTHROPIC_MODEL,
      anthropicBaseUrl: env.ANTHROPIC_BASE_URL,
      openaiKey: env.OPENAI_API_KEY,
      openaiBaseUrl: env.OPENAI_BASE_URL,
      openaiModel: env.OPENAI_MODEL,
    },
    translate: translateFromEnv(env),
    voice: {
      ...(env.VIDEOGEN_TTS ? { defaultProvider: env.VIDEOGEN_TTS } : {}),
      ...(ffmpegPath ? { ffmpegPath } : {}),
      ...(env.VIDEOGEN_EDGE === '0' ? { edge: false as const } : {}),
      openai: { ...(env.OPENAI_API_KEY ? { apiKey: env.OPENAI_API_KEY } : {}), ...(env.OPENAI_BASE_URL ? { baseUrl: env.OPENAI_BASE_URL } : {}) },
      elevenlabs: { ...(env.ELEVENLABS_API_KEY ? { apiKey: env.ELEVENLABS_API_KEY } : {}), ...(env.ELEVENLABS_BASE_URL ? { baseUrl: env.ELEVENLABS_BASE_URL } : {}) },
    },
    publish: publishFromEnv(env),
    ...(env.VIDEOGEN_SECRET_KEY ? { secretKey: env.VIDEOGEN_SECRET_KEY } : {}),
    artifactsDir: resolve(overrides.artifactsDir ?? env.VIDEOGEN_ARTIFACTS ?? join(home, 'artifacts')),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(env.VIDEOGEN_DB_SCHEMA ? { databaseSchema: env.VIDEOGEN_DB_SCHEMA } : {}),
    ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
    ...(env.VIDEOGEN_QUEUE_PREFIX ? { queuePrefix: env.VIDEOGEN_QUEUE_PREFIX } : {}),
    ...(['0', 'false', 'off', 'no'].includes((env.VIDEOGEN_FANOUT ?? '').trim().toLowerCase()) ? { fanout: false } : {}),
  };
}

/** `a=1,b=2` → { a: 1, b: 2 }; entries that are not name=integer are ignored (the quota table reports its own). */
function costsFrom(value: string | undefined): Record<string, number> {
  const costs: Record<string, number> = {};
  for (const part of (value ?? '').split(',')) {
    const match = /^\s*([\w.]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (match) costs[match[1]!] = Number(match[2]);
  }
  return costs;
}

function translateFromEnv(env: NodeJS.ProcessEnv): TranslateSettings {
  const provider = env.VIDEOGEN_TRANSLATOR?.trim().toLowerCase();
  return {
    // An unknown name is kept (not dropped) so the registry refuses it with the list of valid ones (TRANSLATOR_IDS).
    ...(provider ? { provider: provider as TranslatorId | 'auto' } : {}),
    ...(env.DEEPL_API_KEY ? { deeplKey: env.DEEPL_API_KEY } : {}),
    ...(env.DEEPL_BASE_URL ? { deeplBaseUrl: env.DEEPL_BASE_URL.replace(/\/+$/, '') } : {}),
    ...(env.LIBRETRANSLATE_URL ? { libreUrl: env.LIBRETRANSLATE_URL.replace(/\/+$/, '') } : {}),
    ...(env.LIBRETRANSLATE_API_KEY ? { libreKey: env.LIBRETRANSLATE_API_KEY } : {}),
  };
}

function publishFromEnv(env: NodeJS.ProcessEnv): PublishConfig {
  const trim = (url: string) => url.replace(/\/+$/, '');
  const daily = env.YOUTUBE_QUOTA_DAILY && /^\d+$/.test(env.YOUTUBE_QUOTA_DAILY) ? Number(env.YOUTUBE_QUOTA_DAILY) : 10_000;
  const statsMinutes = env.VIDEOGEN_STATS_MINUTES && /^\d+$/.test(env.VIDEOGEN_STATS_MINUTES) ? Math.max(1, Number(env.VIDEOGEN_STATS_MINUTES)) : 360;
  return {
    youtube: {
      ...(env.YOUTUBE_CLIENT_ID ? { clientId: env.YOUTUBE_CLIENT_ID } : {}),
      ...(env.YOUTUBE_CLIENT_SECRET ? { clientSecret: env.YOUTUBE_CLIENT_SECRET } : {}),
      apiBase: trim(env.YOUTUBE_API_BASE ?? 'https://www.googleapis.com/youtube/v3'),
      uploadBase: trim(env.YOUTUBE_UPLOAD_BASE ?? 'https://www.googleapis.com/upload/youtube/v3'),
      oauthBase: trim(env.GOOGLE_OAUTH_BASE ?? 'https://accounts.google.com'),
      tokenBase: trim(env.GOOGLE_TOKEN_BASE ?? env.GOOGLE_OAUTH_BASE ?? 'https://oauth2.googleapis.com'),
      dailyQuota: daily,
      costs: costsFrom(env.YOUTUBE_QUOTA_COSTS),
    },
    statsMinutes,
  };
}

function serverFromEnv(env: NodeJS.ProcessEnv, home: string): Partial<ServerConfig> {
  const int = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
  const port = int(env.VIDEOGEN_PORT ?? env.PORT);
  const uploadMb = int(env.VIDEOGEN_UPLOAD_MAX_MB);
  const mediaMb = int(env.VIDEOGEN_MEDIA_MAX_MB);
  const quotaMb = int(env.VIDEOGEN_QUOTA_MB);
  const ssePerUser = int(env.VIDEOGEN_SSE_PER_USER);
  return {
    uploadsDir: join(home, 'uploads'),
    ...(port !== undefined ? { port } : {}),
    ...(env.VIDEOGEN_HOST ? { host: env.VIDEOGEN_HOST } : {}),
    ...(env.VIDEOGEN_PUBLIC_URL ? { publicUrl: env.VIDEOGEN_PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(uploadMb !== undefined ? { uploadMaxBytes: uploadMb * 1024 * 1024 } : {}),
    ...(mediaMb !== undefined ? { mediaMaxBytes: mediaMb * 1024 * 1024 } : {}),
    ...(env.VIDEOGEN_TRUST_PROXY ? { trustProxy: env.VIDEOGEN_TRUST_PROXY === '1' || env.VIDEOGEN_TRUST_PROXY === 'true' } : {}),
    ...(env.VIDEOGEN_SECURE_COOKIES ? { secureCookies: env.VIDEOGEN_SECURE_COOKIES === '1' || env.VIDEOGEN_SECURE_COOKIES === 'true' } : {}),
    ...(quotaMb !== undefined ? { quotaBytes: quotaMb * 1024 * 1024 } : {}),
    ...(ssePerUser !== undefined ? { ssePerUser } : {}),
    ...(env.VIDEOGEN_WEB_DIR ? { webDir: env.VIDEOGEN_WEB_DIR } : {}),
  };
}

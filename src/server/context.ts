import type { Logger } from 'pino';
import type { VideogenConfig } from '../config.ts';
import type { JobQueue } from '../queue/types.ts';
import type { ApiKey, Role, Session, Store, User } from '../store/types.ts';
import type { AuthCache } from './auth-cache.ts';
import type { ServerSources } from './sources.ts';
import type { Metrics } from './metrics.ts';

/** Everything the server needs is passed in, so tests run it on PGlite (or fakes) and production on PostgreSQL. */
export interface ServerDeps {
  store: Store;
  queue: JobQueue;
  config: VideogenConfig;
  logger?: Logger;
  /** Document and YouTube adapters; routes that need a missing one answer 501 NOT_AVAILABLE. */
  sources?: ServerSources;
  /** Finds ffmpeg for /api/ready; defaults to src/media findFfmpeg. */
  ffmpegCheck?: () => Promise<void>;
}

export interface AuthContext {
  user: User;
  via: 'session' | 'apikey';
  /** sha256 of the cookie token (the sessions row id). */
  sessionId?: string;
  apiKeyId?: string;
}

/** What a credential resolves to (cached briefly by AuthCache). */
export type AuthCredential = { user: User; apiKey: ApiKey } | { user: User; session: Session };

/** Who may call a route: 'public' needs nothing; a role needs at least that role. */
export type Access = 'public' | Role;

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext | null;
    /** The CSRF secret holder read by @fastify/csrf-protection (its '@fastify/session' mode); filled from our session row. */
    session: Record<string, string | undefined> | null;
  }
  interface FastifyInstance {
    deps: ServerDeps;
    metrics: Metrics;
    /** Positive credential lookups, emptied by every identity write (auth-cache.ts). */
    authCache: AuthCache<AuthCredential>;
    /** When this process last recorded a credential's last-used time (id → ms), so reads do not each cost a write. */
    authTouched: Map<string, number>;
    /** Closers of open SSE streams, ended on shutdown. */
    sseStreams: Set<() => void>;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../store/types.ts';
import type { Access, AuthContext } from './context.ts';
import { apiError } from './errors.ts';
import { API_KEY_PREFIX, SESSION_COOKIE, sha256 } from './tokens.ts';

/**
 * Who is calling: a session cookie (browser; unsafe methods also need the CSRF header) or an API key (machines;
 * `Authorization: Bearer vgk_…` or `X-API-Key`, exempt from CSRF because browsers never send it on their own).
 * Every /api route needs a viewer at least unless its route config says `access: 'public'`.
 * All of it — who, role, CSRF — is decided in onRequest, before Fastify reads (or, for multipart, buffers) the body:
 * an unauthenticated caller cannot make the server read a single body byte, let alone 25 MB.
 */
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** A session's last-seen time is written at most this often, so reads do not each cost a write. */
const LAST_SEEN_EVERY_MS = 60_000;

export const hasRole = (auth: AuthContext | null, role: Role) => Boolean(auth && RANK[auth.user.role] >= RANK[role]);

function apiKeyFrom(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const key = request.headers['x-api-key'];
  return typeof key === 'string' ? key.trim() : undefined;
}

/** Last-used / last-seen times are informative: written at most once a minute per credential, never failing a request. */
function touchThrottled(app: FastifyInstance, request: FastifyRequest, id: string, recorded: Date | null, touch: (id: string) => Promise<void>): void {
  const last = Math.max(app.authTouched.get(id) ?? 0, recorded?.getTime() ?? 0);
  if (Date.now() - last <= LAST_SEEN_EVERY_MS) return;
  if (app.authTouched.size > 10_000) app.authTouched.clear();
  app.authTouched.set(id, Date.now());
  touch(id).catch((error: unknown) => request.log.warn({ err: error }, 'last-used time not recorded'));
}

async function resolve(app: FastifyInstance, request: FastifyRequest): Promise<AuthContext | null> {
  const { store } = app.deps;
  const key = apiKeyFrom(request);
  if (key !== undefined) {
    const hash = key.startsWith(API_KEY_PREFIX) ? sha256(key) : undefined;
    const found = hash
      ? await app.authCache.get(`key:${hash}`, async () => {
          const apiKey = await store.apiKeys.byHash(hash);
          const user = apiKey && (await store.users.get(apiKey.userId));
          return apiKey && user ? { user, apiKey } : null;
        })
      : null;
    if (!found || !('apiKey' in found)) throw apiError('UNAUTHORIZED', 'invalid API key');
    touchThrottled(app, request, found.apiKey.id, found.apiKey.lastUsedAt, (id) => store.apiKeys.touch(id));
    return { user: found.user, via: 'apikey', apiKeyId: found.apiKey.id };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const id = sha256(token);
  const found = await app.authCache.get(`session:${id}`, async () => {
    const session = await store.sessions.get(id);
    const user = session && (await store.users.get(session.userId));
    return session && user ? { user, session } : null;
  });
  if (!found || !('session' in found) || found.session.expiresAt.getTime() <= Date.now()) return null;
  touchThrottled(app, request, id, found.session.lastSeenAt, (sid) => store.sessions.touch(sid));
  request.session = { _csrf: found.session.csrfSecret };
  return { user: found.user, via: 'session', sessionId: id };
}

function accessOf(request: FastifyRequest): Access {
  const configured = request.routeOptions.config.access;
  if (configured) return configured;
  return request.url.startsWith('/api/') ? 'viewer' : 'public';
}

const hasBody = (request: FastifyRequest) => Boolean(request.headers['transfer-encoding']) || (request.headers['content-length'] ?? '0') !== '0';

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    // A refused request's body is never read; closing the connection after the answer stops Node from draining it.
    const refuse = (error: Error) => {
      if (hasBody(request)) void reply.header('connection', 'close');
      done(error);
    };
    resolve(app, request).then((auth) => {
      request.auth = auth;
      const access = accessOf(request);
      if (access === 'public') return done();
      if (!auth) return refuse(apiError('UNAUTHORIZED', 'sign in (POST /api/auth/login) or send an API key'));
      if (!hasRole(auth, access)) return refuse(apiError('FORBIDDEN', `this needs the ${access} role; you are ${auth.user.role}`));
      if (auth.via !== 'session' || !UNSAFE.has(request.method)) return done();
      // The plugin answers a bad token itself (reply.send); the header is taken back when the token is good.
      if (hasBody(request)) void reply.header('connection', 'close');
      app.csrfProtection(request, reply, () => {
        reply.removeHeader('connection');
        done();
      });
    }, refuse);
  });
}

/** The caller of an action that changes how the account is protected: a signed-in session, never an API key. */
export function sessionCaller(request: FastifyRequest, what: string): AuthContext {
  const auth = caller(request);
  if (auth.via !== 'session') throw apiError('FORBIDDEN', `use a signed-in session: ${what} cannot be done with an API key`);
  return auth;
}

/** The caller, for handlers of routes that are not public. */
export function caller(request: FastifyRequest): AuthContext {
  if (!request.auth) throw apiError('UNAUTHORIZED', 'sign in first');
  return request.auth;
}

/** Owners see their own things; admins see everything; others get 404 so ids do not leak. */
export function canSee(request: FastifyRequest, ownerId: string): boolean {
  const auth = caller(request);
  return auth.user.role === 'admin' || auth.user.id === ownerId;
}

/**
 * A fake YouTube Data API v3 + Google OAuth 2.0 on 127.0.0.1, for publishing tests (node:http, no dependencies).
 * It speaks the documented wire protocols, so the real client code runs unchanged against it:
 *
 *   const yt = await startFakeYouTube();            // opts: { accessTokenTtlSec?, channel? }
 *   const cfg = yt.settings();                      // a complete PublishConfig['youtube'] pointing here
 *   const refreshToken = yt.issueRefreshToken();    // headless: as if the consent page had been passed
 *   …
 *   await yt.close();
 *
 * Endpoints
 * - OAuth: `GET /o/oauth2/v2/auth` (client_id, redirect_uri http(s), response_type=code, code_challenge +
 *   code_challenge_method=S256, scope, access_type=offline) → 302 to redirect_uri?code&state&scope (consent is granted
 *   unless `yt.consent = 'deny'` → ?error=access_denied&state). Bad requests → 400 text page (no redirect), as Google.
 *   `POST /token` (form): authorization_code (+PKCE verifier, same redirect_uri, single-use code) and refresh_token
 *   grants → `{ access_token, expires_in, refresh_token?, scope, token_type }`; errors 400 `{ error: 'invalid_grant' }`,
 *   401 `invalid_client`. `POST /revoke` (token in query or form) → 200; unknown → 400 invalid_token.
 * - Resumable upload: `POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status[,localizations]` →
 *   200 + `Location: <url>/upload/youtube/v3/videos?uploadType=resumable&upload_id=…`. `PUT <session>` with
 *   `Content-Range: bytes a-b/N` (a must equal the bytes held; every chunk but the last a multiple of 256 KiB) → 308
 *   (+ `Range: bytes=0-x`) or 201 Created + the video resource (200 when asked again); `Content-Range: bytes *\/N` and an empty body asks the status.
 *   Unknown session → 404.
 * - `POST /upload/youtube/v3/captions?uploadType=multipart&part=snippet` (multipart/related: JSON snippet + the file),
 *   `POST /upload/youtube/v3/thumbnails/set?videoId=` (image body), `POST /youtube/v3/playlistItems?part=snippet`,
 *   `GET /youtube/v3/channels?part=snippet,statistics&mine=true`, `GET /youtube/v3/videos?part=statistics&id=a,b`.
 *   Localizations are kept only with part=localizations and need snippet.defaultLanguage (400 defaultLanguageNotSet).
 * - Every API call needs `Authorization: Bearer <access token>` (401 authError otherwise). Errors have Google's shape
 *   `{ error: { code, message, errors: [{ domain, reason, message }] } }`.
 *
 * State (for assertions): `videos`, `captions`, `thumbnails`, `playlistItems`, `requests`, `channel`,
 * `accessTokensIssued`, `sessions`. Faults: `dropUploadAfter`, `failNext`, `clearFaults`, `expireAccessTokens`, `revokeRefreshTokens`,
 * `chunkDelayMs`, `retryAfterSeconds`, `rotateRefreshTokens`, `consent`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublishConfig } from '../../src/config.ts';

export const CHUNK_QUANTUM = 256 * 1024;

export interface FakeVideo {
  id: string;
  channelId: string;
  snippet: Record<string, unknown>;
  status: Record<string, unknown>;
  localizations?: Record<string, unknown>;
  /** The parts named in the insert's `part` parameter. */
  parts: string[];
  bytes: Buffer;
  sha256: string;
  contentType: string;
  /** Set by tests; videos.list part=statistics reports them (as strings, like YouTube). */
  statistics: { views: number; likes: number; comments: number };
}

export interface FakeCaption {
  id: string;
  videoId: string;
  language: string;
  name: string;
  body: string;
  contentType: string;
}

export interface FakeRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Path and query, as sent. */
  url: string;
  status: number;
  /** Request body bytes the fake received (for a dropped connection: those before the drop). */
  bytes: number;
  contentRange?: string;
}

export interface FakeChannel {
  id: string;
  title: string;
  subscribers?: number;
  views?: number;
  /** Unset: the number of videos uploaded to the fake for this channel. */
  videos?: number;
}

export interface FakeSession {
  id: string;
  uri: string;
  channelId: string;
  total: number | undefined;
  contentType: string;
  parts: string[];
  meta: { snippet?: Record<string, unknown>; status?: Record<string, unknown>; localizations?: Record<string, unknown> };
  chunks: Buffer[];
  received: number;
  videoId?: string;
}

export interface FakeYouTubeOptions {
  /** Lifetime of issued access tokens (default 3600 s, as Google). */
  accessTokenTtlSec?: number;
  channel?: Partial<FakeChannel>;
}

export interface FakeYouTube {
  url: string;
  settings(overrides?: Partial<PublishConfig['youtube']>): PublishConfig['youtube'];
  /** A refresh token as the consent page would have produced (for `--refresh-token-stdin` style tests). */
  issueRefreshToken(o?: { scope?: string; channel?: FakeChannel }): string;
  readonly videos: Map<string, FakeVideo>;
  readonly captions: FakeCaption[];
  readonly thumbnails: Map<string, { contentType: string; bytes: Buffer }>;
  readonly playlistItems: { id: string; playlistId: string; videoId: string; position?: number }[];
  readonly requests: FakeRequest[];
  readonly sessions: Map<string, FakeSession>;
  /** The channel new refresh tokens belong to (mutable). */
  channel: FakeChannel;
  readonly accessTokensIssued: number;
  /** The next chunk PUT: after this many body bytes the fake keeps them (aligned or not) and destroys the socket. */
  dropUploadAfter(bytes: number): void;
  /**
   * The next `times` requests whose `METHOD /path?query` matches answer `status` with a Google error (`reason`
   * defaults: 503 backendError, 429 rateLimitExceeded + Retry-After, 403 quotaExceeded (domain youtube.quota),
   * 401 authError, 404 notFound, 410 gone). 404/410 on an upload session also forgets that session.
   */
  failNext(match: string | RegExp, status: number, reason?: string, times?: number): void;
  /** Forgets faults not yet used up (failNext, dropUploadAfter). */
  clearFaults(): void;
  /** Every access token issued so far is refused with 401 from now on. */
  expireAccessTokens(): void;
  /** Every refresh token issued so far answers invalid_grant from now on. */
  revokeRefreshTokens(): void;
  /** Delay before each chunk PUT is answered (its bytes are already kept), for kill-mid-upload tests. */
  chunkDelayMs: number;
  /** Retry-After sent with a 429 from failNext (seconds, default 1). */
  retryAfterSeconds: number;
  /** Refresh grants also return a new refresh token (and the old one stops working), as Google may. */
  rotateRefreshTokens: boolean;
  /** The consent page's answer. */
  consent: 'grant' | 'deny';
  /** Total body bytes of chunk PUTs received for a session (or all sessions). */
  uploadedBytes(sessionUri?: string): number;
  close(): Promise<void>;
}

const KNOWN_SCOPES = new Set([
  'https://www.googleapis.com/auth/youtube',
  'https://www.googleapis.com/auth/youtube.upload',
  'https://www.googleapis.com/auth/youtube.force-ssl',
  'https://www.googleapis.com/auth/youtube.readonly',
  'openid',
  'email',
  'profile',
]);

const DEFAULT_REASON: Record<number, [domain: string, reason: string, message: string]> = {
  400: ['global', 'badRequest', 'Bad Request'],
  401: ['global', 'authError', 'Invalid Credentials'],
  403: ['youtube.quota', 'quotaExceeded', 'The request cannot be completed because you have exceeded your quota.'],
  404: ['global', 'notFound', 'Not Found'],
  410: ['global', 'gone', 'The upload session has expired.'],
  429: ['youtube.quota', 'rateLimitExceeded', 'Too many requests.'],
  500: ['global', 'backendError', 'Backend Error'],
  503: ['global', 'backendError', 'Backend Error'],
};

const REASON_DOMAIN: Record<string, string> = {
  quotaExceeded: 'youtube.quota',
  rateLimitExceeded: 'youtube.quota',
  forbidden: 'youtube.thumbnail',
  invalidTitle: 'youtube.video',
  invalidDescription: 'youtube.video',
  invalidTags: 'youtube.video',
  invalidPublishAt: 'youtube.video',
  uploadLimitExceeded: 'youtube.video',
  videoNotFound: 'youtube.video',
  playlistNotFound: 'youtube.playlistItem',
};

function googleError(status: number, reason?: string, message?: string): { error: { code: number; message: string; errors: { domain: string; reason: string; message: string }[] } } {
  const base = DEFAULT_REASON[status] ?? ['global', 'error', `HTTP ${status}`];
  const r = reason ?? base[1];
  const domain = reason ? (REASON_DOMAIN[reason] ?? (reason === base[1] ? base[0] : 'global')) : base[0];
  const msg = message ?? (reason && reason !== base[1] ? `The request failed: ${reason}.` : base[2]);
  return { error: { code: status, message: msg, errors: [{ domain, reason: r, message: msg }] } };
}

const token = (prefix: string): string => `${prefix}${randomBytes(18).toString('base64url')}`;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** multipart/related: parts split on the boundary, each with its own headers (RFC 2387, Google's multipart upload). */
function parseMultipartRelated(body: Buffer, contentType: string): { headers: Record<string, string>; body: Buffer }[] | undefined {
  const m = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!/^multipart\/related/i.test(contentType) || !m?.[1]) return undefined;
  const delimiter = Buffer.from(`--${m[1]}`);
  const parts: { headers: Record<string, string>; body: Buffer }[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return undefined;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    if (body.subarray(at, at + 2).toString() === '\r\n') at += 2;
    const next = body.indexOf(delimiter, at);
    if (next < 0) return undefined;
    let part = body.subarray(at, next);
    if (part.subarray(-2).toString() === '\r\n') part = part.subarray(0, -2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) return undefined;
    const headers: Record<string, string> = {};
    for (const line of part.subarray(0, split).toString().split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    parts.push({ headers, body: part.subarray(split + 4) });
    at = next;
  }
}

function validateVideoMeta(meta: FakeSession['meta'], parts: readonly string[]): string | undefined {
  const title = meta.snippet?.title;
  if (typeof title !== 'string' || title.trim() === '' || title.length > 100 || /[<>]/.test(title)) return 'invalidTitle';
  const description = meta.snippet?.description;
  if (description !== undefined && (typeof description !== 'string' || Buffer.byteLength(description) > 5000 || /[<>]/.test(description))) return 'invalidDescription';
  const tags = meta.snippet?.tags;
  if (tags !== undefined && (!Array.isArray(tags) || tags.join(',').length > 500)) return 'invalidTags';
  const publishAt = meta.status?.publishAt;
  if (publishAt !== undefined && (meta.status?.privacyStatus !== 'private' || Number.isNaN(Date.parse(String(publishAt))) || Date.parse(String(publishAt)) <= Date.now())) return 'invalidPublishAt';
  // Localized titles and descriptions count only with part=localizations, and need the default ones' language.
  if (meta.localizations !== undefined && parts.includes('localizations')) {
    if (!meta.snippet?.defaultLanguage) return 'defaultLanguageNotSet';
    for (const l of Object.values(meta.localizations) as { title?: unknown; description?: unknown }[]) {
      if (typeof l?.title !== 'string' || l.title.trim() === '' || l.title.length > 100 || /[<>]/.test(l.title)) return 'invalidTitle';
      if (l.description !== undefined && (typeof l.description !== 'string' || Buffer.byteLength(l.description) > 5000)) return 'invalidDescription';
    }
  }
  return undefined;
}

export async function startFakeYouTube(opts: FakeYouTubeOptions = {}): Promise<FakeYouTube> {
  const ttl = opts.accessTokenTtlSec ?? 3600;
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; scope: string; channel: FakeChannel }>();
  const refreshTokens = new Map<string, { scope: string; revoked: boolean; channel: FakeChannel }>();
  const accessTokens = new Map<string, { expiresAt: number; revoked: boolean; refreshToken?: string; channel: FakeChannel }>();
  const faults: { match: string | RegExp; status: number; reason?: string; times: number }[] = [];
  let dropAfter: number | undefined;
  let issued = 0;
  let sequence = 0;
  const nextId = (prefix: string, length = 11): string => `${prefix}${createHash('sha256').update(`${++sequence}:${randomBytes(4).toString('hex')}`).digest('base64url').slice(0, length)}`;

  let base = '';
  const state = {
    videos: new Map<string, FakeVideo>(),
    captions: [] as FakeCaption[],
    thumbnails: new Map<string, { contentType: string; bytes: Buffer }>(),
    playlistItems: [] as FakeYouTube['playlistItems'],
    requests: [] as FakeRequest[],
    sessions: new Map<string, FakeSession>(),
  };
  const fake = {
    channel: { id: 'UCfakeChannel0000000000a', title: 'Fake Channel', subscribers: 42, views: 1234, ...opts.channel } as FakeChannel,
    chunkDelayMs: 0,
    retryAfterSeconds: 1,
    rotateRefreshTokens: false,
    consent: 'grant' as 'grant' | 'deny',
  };

  function takeFault(method: string, url: string): (typeof faults)[number] | undefined {
    const key = `${method} ${url}`;
    const i = faults.findIndex((f) => (typeof f.match === 'string' ? key.includes(f.match) : f.match.test(key)));
    if (i < 0) return undefined;
    const f = faults[i]!;
    if (--f.times <= 0) faults.splice(i, 1);
    return f;
  }

  function bearer(req: IncomingMessage): { channel: FakeChannel } | undefined {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const t = m?.[1] ? accessTokens.get(m[1]) : undefined;
    if (!t || t.revoked || t.expiresAt <= Date.now()) return undefined;
    if (t.refreshToken && refreshTokens.get(t.refreshToken)?.revoked) return undefined;
    return t;
  }

  function issueAccess(refreshToken: string | undefined, channel: FakeChannel): string {
    const access = token('ya29.fake-');
    accessTokens.set(access, { expiresAt: Date.now() + ttl * 1000, revoked: false, channel, ...(refreshToken ? { refreshToken } : {}) });
    issued++;
    return access;
  }

  function videoResource(v: FakeVideo): Record<string, unknown> {
    return {
      kind: 'youtube#video',
      etag: createHash('md5').update(v.id).digest('hex'),
      id: v.id,
      snippet: { ...v.snippet, channelId: v.channelId, publishedAt: new Date().toISOString() },
      status: { uploadStatus: 'uploaded', ...v.status },
      ...(v.localizations ? { localizations: v.localizations } : {}),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, record: FakeRequest): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    const method = req.method ?? 'GET';

    // Chunk PUTs are read by hand: a drop fault must be able to cut one mid-body.
    const isChunkPut = method === 'PUT' && path === '/upload/youtube/v3/videos' && url.searchParams.has('upload_id');
    const fault = takeFault(method, `${path}${url.search}`);
    if (isChunkPut && !fault) return handleChunk(req, res, url, record);

    const body = await readBody(req);
    record.bytes = body.length;
    if (fault) {
      if (isChunkPut && (fault.status === 404 || fault.status === 410)) state.sessions.delete(url.searchParams.get('upload_id') ?? '');
      const headers: Record<string, string> = fault.status === 429 || fault.status === 503 ? { 'retry-after': String(fake.retryAfterSeconds) } : {};
      return sendJson(res, fault.status, googleError(fault.status, fault.reason), headers);
    }

    // ---- OAuth ----
    if (method === 'GET' && path === '/o/oauth2/v2/auth') return authorize(url, res);
    if (method === 'POST' && path === '/token') return tokenEndpoint(req, body, res);
    if (method === 'POST' && path === '/revoke') {
      const form = new URLSearchParams(body.toString());
      const t = url.searchParams.get('token') ?? form.get('token') ?? '';
      const rt = refreshTokens.get(t);
      const at = accessTokens.get(t);
      if (rt) {
        rt.revoked = true;
        for (const a of accessTokens.values()) if (a.refreshToken === t) a.revoked = true;
      } else if (at && !at.revoked) {
        at.revoked = true;
        // Revoking an access token revokes the grant it came from, as Google does.
        if (at.refreshToken) refreshTokens.get(at.refreshToken)!.revoked = true;
      } else return sendJson(res, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
      return sendJson(res, 200, {});
    }

    // ---- Data API: everything below needs a valid access token ----
    const auth = bearer(req);
    if (!auth) return sendJson(res, 401, googleError(401, 'authError', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'), { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' });

    if (method === 'POST' && path === '/upload/youtube/v3/videos' && url.searchParams.get('uploadType') === 'resumable') {
      let meta: FakeSession['meta'];
      try {
        meta = body.length ? (JSON.parse(body.toString()) as FakeSession['meta']) : {};
      } catch {
        return sendJson(res, 400, googleError(400, 'parseError', 'Parse Error'));
      }
      const parts = (url.searchParams.get('part') ?? '').split(',').filter(Boolean);
      if (parts.length === 0) return sendJson(res, 400, googleError(400, 'required', "Required parameter: part"));
      const invalid = validateVideoMeta(meta, parts);
      if (invalid) return sendJson(res, 400, googleError(400, invalid));
      const lengthHeader = req.headers['x-upload-content-length'];
      const id = randomBytes(16).toString('base64url');
      const uri = `${base}/upload/youtube/v3/videos?uploadType=resumable&part=${encodeURIComponent(parts.join(','))}&upload_id=${id}`;
      state.sessions.set(id, {
        id,
        uri,
        channelId: auth.channel.id,
        total: lengthHeader ? Number(lengthHeader) : undefined,
        contentType: String(req.headers['x-upload-content-type'] ?? 'video/*'),
        parts,
        meta,
        chunks: [],
        received: 0,
      });
      res.writeHead(200, { location: uri, 'x-guploader-uploadid': id, 'content-length': 0 });
      return void res.end();
    }

    if (method === 'POST' && path === '/upload/youtube/v3/captions') {
      const parts = parseMultipartRelated(body, String(req.headers['content-type'] ?? ''));
      if (url.searchParams.get('uploadType') !== 'multipart' || !parts || parts.length !== 2) return sendJson(res, 400, googleError(400, 'badContent', 'Expected a multipart/related body: JSON metadata, then the caption file'));
      let snippet: { videoId?: string; language?: string; name?: string };
      try {
        snippet = (JSON.parse(parts[0]!.body.toString()) as { snippet?: typeof snippet }).snippet ?? {};
      } catch {
        return sendJson(res, 400, googleError(400, 'parseError', 'Parse Error'));
      }
      if (!snippet.videoId || !state.videos.has(snippet.videoId)) return sendJson(res, 404, googleError(404, 'videoNotFound', 'The video identified by the videoId parameter could not be found.'));
      if (!snippet.language) return sendJson(res, 400, googleError(400, 'invalidMetadata', 'snippet.language is required'));
      const caption: FakeCaption = { id: nextId('AUieDa', 30), videoId: snippet.videoId, language: snippet.language, name: snippet.name ?? '', body: parts[1]!.body.toString('utf8'), contentType: parts[1]!.headers['content-type'] ?? '' };
      state.captions.push(caption);
      return sendJson(res, 200, { kind: 'youtube#caption', id: caption.id, snippet: { videoId: caption.videoId, language: caption.language, name: caption.name, trackKind: 'standard', status: 'serving' } });
    }

    if (method === 'POST' && path === '/upload/youtube/v3/thumbnails/set') {
      const videoId = url.searchParams.get('videoId') ?? '';
      if (!state.videos.has(videoId)) return sendJson(res, 404, googleError(404, 'videoNotFound', 'The video that you are trying to update cannot be found.'));
      const contentType = String(req.headers['content-type'] ?? '');
      if (!/^image\/(jpeg|png)$|^application\/octet-stream$/.test(contentType) || body.length === 0) return sendJson(res, 400, googleError(400, 'invalidImage', 'The provided image content is invalid.'));
      if (body.length > 2 * 1024 * 1024) return sendJson(res, 400, googleError(400, 'mediaBodyTooBig', 'The image is larger than 2 MB.'));
      state.thumbnails.set(videoId, { contentType, bytes: body });
      const thumb = { url: `${base}/vi/${videoId}/default.jpg`, width: 120, height: 90 };
      return sendJson(res, 200, { kind: 'youtube#thumbnailSetResponse', items: [{ default: thumb }] });
    }

    if (method === 'POST' && path === '/youtube/v3/playlistItems') {
      let parsed: { snippet?: { playlistId?: string; position?: number; resourceId?: { kind?: string; videoId?: string } } };
      try {
        parsed = JSON.parse(body.toString()) as typeof parsed;
      } catch {
        return sendJson(res, 400, googleError(400, 'parseError', 'Parse Error'));
      }
      const s = parsed.snippet;
      if (!s?.playlistId) return sendJson(res, 400, googleError(400, 'playlistIdRequired', 'The request does not specify a value for the required playlistId property.'));
      if (s.resourceId?.kind !== 'youtube#video' || !s.resourceId.videoId || !state.videos.has(s.resourceId.videoId)) return sendJson(res, 404, googleError(404, 'videoNotFound', 'The video cannot be found.'));
      const item = { id: nextId('UExp', 40), playlistId: s.playlistId, videoId: s.resourceId.videoId, ...(s.position !== undefined ? { position: s.position } : {}) };
      state.playlistItems.push(item);
      return sendJson(res, 200, { kind: 'youtube#playlistItem', id: item.id, snippet: { playlistId: item.playlistId, position: item.position ?? state.playlistItems.length - 1, resourceId: { kind: 'youtube#video', videoId: item.videoId } } });
    }

    if (method === 'GET' && path === '/youtube/v3/channels') {
      if (url.searchParams.get('mine') !== 'true') return sendJson(res, 400, googleError(400, 'missingRequiredParameter', 'No filter selected.'));
      const c = auth.channel;
      const videoCount = [...state.videos.values()].filter((v) => v.channelId === c.id).length;
      return sendJson(res, 200, {
        kind: 'youtube#channelListResponse',
        pageInfo: { totalResults: 1, resultsPerPage: 5 },
        items: [{ kind: 'youtube#channel', id: c.id, snippet: { title: c.title, description: '', customUrl: `@${c.title.replace(/\W+/g, '').toLowerCase()}` }, statistics: { viewCount: String(c.views ?? 0), subscriberCount: String(c.subscribers ?? 0), hiddenSubscriberCount: false, videoCount: String(c.videos ?? videoCount) } }],
      });
    }

    if (method === 'GET' && path === '/youtube/v3/videos') {
      const ids = (url.searchParams.get('id') ?? '').split(',').filter(Boolean);
      if (ids.length > 50) return sendJson(res, 400, googleError(400, 'invalidValue', 'The id parameter accepts at most 50 ids.'));
      const items = ids.flatMap((id) => {
        const v = state.videos.get(id);
        return v ? [{ kind: 'youtube#video', id, statistics: { viewCount: String(v.statistics.views), likeCount: String(v.statistics.likes), favoriteCount: '0', commentCount: String(v.statistics.comments) } }] : [];
      });
      return sendJson(res, 200, { kind: 'youtube#videoListResponse', pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items });
    }

    return sendJson(res, 404, googleError(404, 'notFound', `No such endpoint: ${method} ${path}`));
  }

  function authorize(url: URL, res: ServerResponse): void {
    const q = url.searchParams;
    const bad = (why: string): void => {
      res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<h1>Error 400: invalid_request</h1><p>${why}</p>`);
    };
    if (q.get('client_id') !== 'test-client') return bad('The OAuth client was not found. (invalid_client)');
    const redirectUri = q.get('redirect_uri') ?? '';
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      return bad('redirect_uri_mismatch');
    }
    if (redirect.protocol !== 'http:' && redirect.protocol !== 'https:') return bad('redirect_uri_mismatch');
    if (q.get('response_type') !== 'code') return bad('response_type must be code');
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.get('code_challenge') ?? '')) return bad('code_challenge with code_challenge_method=S256 is required');
    if (q.get('access_type') !== 'offline') return bad('access_type=offline is required for a refresh token');
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) return bad('invalid_scope');
    const back = new URL(redirect);
    const stateParam = q.get('state');
    if (fake.consent === 'deny') back.searchParams.set('error', 'access_denied');
    else {
      const code = token('4/0fake-');
      codes.set(code, { clientId: 'test-client', redirectUri, challenge: q.get('code_challenge')!, scope: scopes.join(' '), channel: fake.channel });
      back.searchParams.set('code', code);
      back.searchParams.set('scope', scopes.join(' '));
    }
    if (stateParam !== null) back.searchParams.set('state', stateParam);
    res.writeHead(302, { location: back.toString(), 'content-length': 0 });
    res.end();
  }

  function tokenEndpoint(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return sendJson(res, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
    const form = new URLSearchParams(body.toString());
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (basic?.[1]) [clientId, clientSecret] = Buffer.from(basic[1], 'base64').toString().split(':') as [string, string];
    if (clientId !== 'test-client' || clientSecret !== 'test-secret') return sendJson(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
    const grant = form.get('grant_type');
    if (grant === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!code) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
      if (code.redirectUri !== form.get('redirect_uri')) return sendJson(res, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
      const verifier = form.get('code_verifier') ?? '';
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== code.challenge) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Invalid code verifier.' });
      const refresh = token('1//fake-');
      refreshTokens.set(refresh, { scope: code.scope, revoked: false, channel: code.channel });
      return sendJson(res, 200, { access_token: issueAccess(refresh, code.channel), expires_in: ttl, refresh_token: refresh, scope: code.scope, token_type: 'Bearer' });
    }
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      const rt = refreshTokens.get(refresh);
      if (!rt || rt.revoked) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      if (fake.rotateRefreshTokens) {
        const next = token('1//fake-');
        rt.revoked = true;
        refreshTokens.set(next, { scope: rt.scope, revoked: false, channel: rt.channel });
        return sendJson(res, 200, { access_token: issueAccess(next, rt.channel), expires_in: ttl, refresh_token: next, scope: rt.scope, token_type: 'Bearer' });
      }
      return sendJson(res, 200, { access_token: issueAccess(refresh, rt.channel), expires_in: ttl, scope: rt.scope, token_type: 'Bearer' });
    }
    return sendJson(res, 400, { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grant ?? ''}` });
  }

  /** One PUT to a session: a status query (`bytes *\/N`) or the next chunk. */
  async function handleChunk(req: IncomingMessage, res: ServerResponse, url: URL, record: FakeRequest): Promise<void> {
    const session = state.sessions.get(url.searchParams.get('upload_id') ?? '');
    const range = String(req.headers['content-range'] ?? '');
    record.contentRange = range || undefined;
    const drop = dropAfter;
    const kept: Buffer[] = [];
    let got = 0;
    const body = await new Promise<Buffer | undefined>((resolve, reject) => {
      req.on('data', (c: Buffer) => {
        if (got === drop) return;
        if (drop !== undefined && got + c.length >= drop) {
          kept.push(c.subarray(0, drop - got));
          got = drop;
          dropAfter = undefined;
          req.pause();
          resolve(undefined);
          return;
        }
        kept.push(c);
        got += c.length;
      });
      req.on('end', () => resolve(Buffer.concat(kept)));
      req.on('error', reject);
    });
    record.bytes = got;
    if (!session) {
      if (body === undefined) return void req.socket.destroy();
      return sendJson(res, 404, googleError(404, 'notFound', 'The upload session was not found (expired or unknown).'));
    }
    if (!bearer(req)) {
      if (body === undefined) return void req.socket.destroy();
      return sendJson(res, 401, googleError(401, 'authError', 'Request had invalid authentication credentials.'));
    }
    const holdOn = (): void => {
      const headers: Record<string, string> = { 'content-length': '0', 'x-guploader-uploadid': session.id };
      if (session.received > 0) headers.range = `bytes=0-${session.received - 1}`;
      res.writeHead(308, headers);
      res.end();
    };
    const complete = (status: number): void => sendJson(res, status, videoResource(state.videos.get(session.videoId!)!));
    const status = /^bytes \*\/(\d+|\*)$/.exec(range);
    if (status) {
      if (session.videoId) return complete(200);
      return holdOn();
    }
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(range);
    const whole = !range && body !== undefined;
    const start = m ? Number(m[1]) : 0;
    const end = m ? Number(m[2]) : (body?.length ?? 0) - 1;
    const total = m ? (m[3] === '*' ? session.total : Number(m[3])) : (session.total ?? body?.length);
    if (!m && !whole) return sendJson(res, 400, googleError(400, 'badContent', `Content-Range must be "bytes a-b/N" or "bytes */N", got "${range}"`));
    if (session.videoId) return complete(200);
    if (start !== session.received || (session.total !== undefined && total !== undefined && total !== session.total) || end < start) {
      if (body === undefined) return void req.socket.destroy();
      return sendJson(res, 400, googleError(400, 'badContent', `Content-Range ${range} does not continue the ${session.received} bytes received of ${session.total ?? '?'}`));
    }
    if (body === undefined) {
      // Dropped mid-body: YouTube keeps what reached it, aligned or not; the client must ask where to go on.
      session.chunks.push(Buffer.concat(kept));
      session.received += got;
      req.socket.destroy();
      return;
    }
    const length = end - start + 1;
    const last = total !== undefined && end + 1 === total;
    if (body.length !== length || (!last && length % CHUNK_QUANTUM !== 0) || (total !== undefined && end + 1 > total)) {
      return sendJson(res, 400, googleError(400, 'badContent', `chunk of ${body.length} bytes for ${range}: chunks must match Content-Range and be multiples of ${CHUNK_QUANTUM} bytes except the last`));
    }
    if (session.total === undefined && total !== undefined) session.total = total;
    session.chunks.push(body);
    session.received += body.length;
    if (fake.chunkDelayMs > 0) await new Promise((r) => setTimeout(r, fake.chunkDelayMs));
    if (session.total !== undefined && session.received === session.total) {
      const bytes = Buffer.concat(session.chunks);
      const video: FakeVideo = {
        id: nextId(''),
        channelId: session.channelId,
        snippet: { categoryId: '22', ...session.meta.snippet },
        status: { privacyStatus: 'public', ...session.meta.status },
        ...(session.meta.localizations && session.parts.includes('localizations') ? { localizations: session.meta.localizations } : {}),
        parts: session.parts,
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        contentType: session.contentType,
        statistics: { views: 0, likes: 0, comments: 0 },
      };
      state.videos.set(video.id, video);
      session.videoId = video.id;
      session.chunks = [bytes];
      return complete(201);
    }
    holdOn();
  }

  const server = createServer((req, res) => {
    const record: FakeRequest = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0]!, url: req.url ?? '/', status: 0, bytes: 0 };
    state.requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    handle(req, res, record).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, googleError(500, 'backendError', String(error)));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  Object.defineProperty(fake, 'accessTokensIssued', { get: () => issued, enumerable: true });
  return Object.assign(fake, {
    url: base,
    ...state,
    settings(overrides: Partial<PublishConfig['youtube']> = {}): PublishConfig['youtube'] {
      return { clientId: 'test-client', clientSecret: 'test-secret', apiBase: `${base}/youtube/v3`, uploadBase: `${base}/upload/youtube/v3`, oauthBase: base, tokenBase: base, dailyQuota: 10000, costs: {}, ...overrides };
    },
    issueRefreshToken(o: { scope?: string; channel?: FakeChannel } = {}): string {
      const refresh = token('1//fake-');
      refreshTokens.set(refresh, { scope: o.scope ?? [...KNOWN_SCOPES].slice(0, 3).join(' '), revoked: false, channel: o.channel ?? fake.channel });
      return refresh;
    },
    dropUploadAfter(bytes: number): void {
      dropAfter = bytes;
    },
    failNext(match: string | RegExp, status: number, reason?: string, times = 1): void {
      faults.push({ match, status, ...(reason ? { reason } : {}), times });
    },
    clearFaults(): void {
      faults.length = 0;
      dropAfter = undefined;
    },
    expireAccessTokens(): void {
      for (const t of accessTokens.values()) t.expiresAt = 0;
    },
    revokeRefreshTokens(): void {
      for (const t of refreshTokens.values()) t.revoked = true;
    },
    uploadedBytes(sessionUri?: string): number {
      return state.requests.filter((r) => r.method === 'PUT' && r.path === '/upload/youtube/v3/videos' && (!sessionUri || sessionUri.endsWith(r.url.slice(r.url.indexOf('?'))))).reduce((n, r) => n + r.bytes, 0);
    },
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  }) as FakeYouTube;
}

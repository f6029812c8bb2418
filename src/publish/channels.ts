import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import type { SealedSecret } from '../store/publish-types.ts';
import type { Channel, Store } from '../store/types.ts';
import { quotaLedger } from './quota.ts';
import { isJobDeferral } from '../queue/deferral.ts';
import { secretBoxFrom, type SecretBox } from './secret-box.ts';
import type { AccessTokens, Publisher } from './types.ts';
import { refreshAccessToken, revokeToken, type TokenSet } from './youtube/oauth.ts';
import { createYouTubePublisher, type YouTubePublisherOptions } from './youtube/publisher.ts';

/** Connecting, using and revoking channels; the only code that ever sees a refresh token. */
export interface ChannelDeps {
  store: Store;
  config: VideogenConfig;
}

/** What is sealed in `channels.credentials`. The access token is not: it lives an hour, in memory only. */
interface ChannelCredentials {
  refreshToken: string;
  scope?: string;
}

/**
 * The sealed credentials are bound to their owner: a row's token copied into another user's row does not open. (Not to
 * the channel id, which does not exist until the row is created, nor the name, which the user may change.)
 */
const purposeFor = (ownerId: string): string => `channel:${ownerId}`;

/** Refresh this long before Google's expiry, so a token never expires between get() and the request. */
const REFRESH_MARGIN_MS = 60_000;

/** Access tokens per channel in this process; keyed by the sealed value too, so reconnecting starts afresh. */
const accessCache = new Map<string, { key: string; token: TokenSet }>();

const cacheKey = (credentials: SealedSecret): string => `${credentials.iv}.${credentials.tag}`;

/**
 * Stores a channel for `ownerId` from a refresh token (the loopback flow, the web callback, or stdin): checks it by
 * getting an access token and asking the platform whose channel it is (channels.list mine, quota counted), names it
 * `name` or the channel's title, seals the credentials (SECRET_KEY_MISSING without VIDEOGEN_SECRET_KEY, before any
 * network call). CONFLICT when the owner has a channel of that name — unless `replace` (reconnecting the same one).
 */
export async function connectChannel(
  deps: ChannelDeps,
  o: { ownerId: string; refreshToken: string; name?: string; replace?: boolean; signal?: AbortSignal; /** The token came from a code exchange made for this: revoke it if it cannot be stored, so no grant is left behind. */ revokeOnFailure?: boolean },
): Promise<Channel> {
  const box = secretBoxFrom(deps.config);
  try {
    return await connectWith(deps, o, box);
  } catch (error) {
    if (o.revokeOnFailure) await revokeToken(deps.config.publish.youtube, o.refreshToken).catch(() => undefined);
    if (!isJobDeferral(error)) throw error;
    // Connecting is a request, not a job: it cannot wait for tomorrow's quota, so it says when to try again.
    const seconds = Math.max(1, Math.ceil((error.until.getTime() - Date.now()) / 1000));
    throw new VideogenError('RATE_LIMITED', `YouTube's daily quota for this project is spent; connect the channel again after ${error.until.toISOString()} (midnight Pacific time)`, { retryAfterSeconds: seconds });
  }
}

async function connectWith(deps: ChannelDeps, o: { ownerId: string; refreshToken: string; name?: string; replace?: boolean; signal?: AbortSignal }, box: SecretBox): Promise<Channel> {
  const cfg = deps.config.publish.youtube;
  const signal = o.signal ?? new AbortController().signal;
  const first = await refreshAccessToken(cfg, o.refreshToken, signal);
  let current = first;
  const tokens: AccessTokens = {
    async get() {
      if (current.expiresAt.getTime() - REFRESH_MARGIN_MS <= Date.now()) current = await refreshAccessToken(cfg, o.refreshToken, signal);
      return current.accessToken;
    },
    invalidate() {
      current = { ...current, expiresAt: new Date(0) };
    },
  };
  const project = cfg.clientId!;
  const ledger = quotaLedger(deps.store, deps.config, project);
  const me = await createYouTubePublisher(cfg, tokens).whoAmI({ signal, spend: (m) => ledger.spend(m), quotaExhausted: () => ledger.exhausted() });

  const name = (o.name ?? me.title).trim();
  if (!name) throw new VideogenError('USAGE', 'the channel needs a name: give --name');
  const sealed = box.sealJson({ refreshToken: o.refreshToken, ...(current.scope ? { scope: current.scope } : {}) } satisfies ChannelCredentials, purposeFor(o.ownerId));
  const existing = await deps.store.channels.byName(o.ownerId, name);
  let channel: Channel;
  if (existing) {
    if (!o.replace) throw new VideogenError('CONFLICT', `you already have a channel named "${name}"; choose another --name, or reconnect it with --replace`, { name });
    if (existing.externalId && existing.externalId !== me.externalId) {
      throw new VideogenError('CONFLICT', `"${name}" is the YouTube channel ${existing.externalId}, but this authorisation is for ${me.externalId} (${me.title}); sign in with the right Google account, or use another --name`, { name, externalId: existing.externalId, authorised: me.externalId });
    }
    const updated = await deps.store.channels.update(existing.id, { credentials: sealed, revokedAt: null, externalId: me.externalId, title: me.title, project, stats: me.stats, statsAt: new Date() });
    if (!updated) throw new VideogenError('NOT_FOUND', `channel "${name}" was removed meanwhile`);
    channel = updated;
  } else {
    channel = await deps.store.channels.create({ ownerId: o.ownerId, kind: 'youtube', name, externalId: me.externalId, title: me.title, project, credentials: sealed });
    channel = (await deps.store.channels.update(channel.id, { stats: me.stats, statsAt: new Date() })) ?? channel;
  }
  // The access token just obtained is good for an hour: the first upload need not refresh again.
  accessCache.set(channel.id, { key: cacheKey(sealed), token: current });
  return channel;
}

/** Access tokens for a channel: unsealed on demand, refreshed a minute before expiry, refreshed again after a 401. */
export function channelTokens(deps: ChannelDeps, channel: Channel): AccessTokens {
  const cfg = deps.config.publish.youtube;
  let inflight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    // The row, not the object we were given: another process may have stored a rotated refresh token meanwhile.
    const row = (await deps.store.channels.get(channel.id)) ?? channel;
    if (!row.credentials || row.revokedAt) throw new VideogenError('CHANNEL_REAUTH', `channel "${row.name}" was disconnected; connect it again with \`videogen channels add --name ${row.name}\``, { channelId: row.id });
    const cached = accessCache.get(row.id);
    if (cached && cached.key === cacheKey(row.credentials) && cached.token.expiresAt.getTime() - REFRESH_MARGIN_MS > Date.now()) return cached.token.accessToken;
    const box = secretBoxFrom(deps.config, 'read channel tokens');
    const creds = box.openJson<ChannelCredentials>(row.credentials, purposeFor(row.ownerId));
    const token = await refreshAccessToken(cfg, creds.refreshToken);
    let credentials = row.credentials;
    if (token.refreshToken && token.refreshToken !== creds.refreshToken) {
      // Google rotated the refresh token: the old one stops working, so the new one must be stored at once.
      credentials = box.sealJson({ refreshToken: token.refreshToken, ...(token.scope ?? creds.scope ? { scope: token.scope ?? creds.scope } : {}) } satisfies ChannelCredentials, purposeFor(row.ownerId));
      await deps.store.channels.update(row.id, { credentials });
    }
    accessCache.set(row.id, { key: cacheKey(credentials), token });
    return token.accessToken;
  }

  return {
    async get() {
      const cached = accessCache.get(channel.id);
      if (cached && cached.token.expiresAt.getTime() - REFRESH_MARGIN_MS > Date.now()) return cached.token.accessToken;
      // One refresh at a time per channel object: parallel callers share it.
      inflight ??= refresh().finally(() => (inflight = undefined));
      return inflight;
    },
    invalidate() {
      accessCache.delete(channel.id);
    },
  };
}

/** The Publisher for a channel (YouTube today). */
export function publisherFor(deps: ChannelDeps, channel: Channel, opts?: YouTubePublisherOptions): Publisher {
  return createYouTubePublisher(deps.config.publish.youtube, channelTokens(deps, channel), opts);
}

/** Revokes the token at the platform (best effort), then forgets it: credentials cleared, revokedAt set. */
export async function revokeChannel(deps: ChannelDeps, channel: Channel, signal?: AbortSignal): Promise<Channel> {
  const row = (await deps.store.channels.get(channel.id)) ?? channel;
  if (row.credentials) {
    try {
      const creds = secretBoxFrom(deps.config, 'revoke channel tokens').openJson<ChannelCredentials>(row.credentials, purposeFor(row.ownerId));
      await revokeToken(deps.config.publish.youtube, creds.refreshToken, signal);
    } catch (error) {
      // Best effort: without the key, or with Google unreachable, the local copy is still destroyed; the user can
      // remove the grant at https://myaccount.google.com/permissions.
      if (signal?.aborted) throw error;
    }
  }
  accessCache.delete(row.id);
  const updated = await deps.store.channels.update(row.id, { credentials: null, revokedAt: new Date() });
  if (!updated) throw new VideogenError('NOT_FOUND', 'channel not found');
  return updated;
}

import type { VideogenConfig } from '../config.ts';
import type { Channel, Store } from '../store/types.ts';
import type { AccessTokens, Publisher } from './types.ts';
import type { YouTubePublisherOptions } from './youtube/publisher.ts';

/** OWNER: helper h1. Connecting, using and revoking channels; the only code that ever sees a refresh token. */
export interface ChannelDeps {
  store: Store;
  config: VideogenConfig;
}

/**
 * Stores a channel for `ownerId` from a refresh token (the loopback flow, the web callback, or stdin): checks it by
 * getting an access token and asking the platform whose channel it is (channels.list mine, quota counted), names it
 * `name` or the channel's title, seals the credentials (SECRET_KEY_MISSING without VIDEOGEN_SECRET_KEY, before any
 * network call). CONFLICT when the owner has a channel of that name — unless `replace` (reconnecting the same one).
 */
export async function connectChannel(deps: ChannelDeps, o: { ownerId: string; refreshToken: string; name?: string; replace?: boolean; signal?: AbortSignal }): Promise<Channel> {
  void deps;
  void o;
  throw new Error('not implemented (h1)');
}

/** Access tokens for a channel: unsealed on demand, refreshed a minute before expiry, refreshed again after a 401. */
export function channelTokens(deps: ChannelDeps, channel: Channel): AccessTokens {
  void deps;
  void channel;
  throw new Error('not implemented (h1)');
}

/** The Publisher for a channel (YouTube today). */
export function publisherFor(deps: ChannelDeps, channel: Channel, opts?: YouTubePublisherOptions): Publisher {
  void deps;
  void channel;
  void opts;
  throw new Error('not implemented (h1)');
}

/** Revokes the token at the platform (best effort), then forgets it: credentials cleared, revokedAt set. */
export async function revokeChannel(deps: ChannelDeps, channel: Channel, signal?: AbortSignal): Promise<Channel> {
  void deps;
  void channel;
  void signal;
  throw new Error('not implemented (h1)');
}

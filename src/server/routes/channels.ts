import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { isVideogenError } from '../../errors.ts';
import { connectChannel, revokeChannel, type ChannelDeps } from '../../publish/channels.ts';
import { secretBoxFrom } from '../../publish/secret-box.ts';
import { authorizationUrl, exchangeCode, pkcePair } from '../../publish/youtube/oauth.ts';
import type { Channel } from '../../store/publish-types.ts';
import { audit } from '../audit.ts';
import { caller } from '../auth.ts';
import { apiError, notFound } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { openState, sealState } from '../oauth-state.ts';
import { ownChannel } from '../publish-access.ts';
import { ChannelSchema, FINISHED_PUBLICATION, PublicationSchema, toChannel, toPublication } from '../publish-schemas.ts';
import { ErrorSchema, IdParams } from '../schemas.ts';

const CALLBACK_PATH = '/api/channels/oauth/callback';
const RECENT_PUBLICATIONS = 20;

const Name = z.string().trim().min(1).max(100).regex(/^[^\s/\\][^/\\]*$/, { error: 'must not start with a space or contain / or \\' });
const BASE = 'http://placeholder';
/**
 * A same-origin path, as it will be sent in Location: `/./`, `/../` and their %2e spellings are resolved first,
 * because `/..//evil.example` resolves to `//evil.example` — another host for a browser.
 */
function sameOriginPath(path: string): string | undefined {
  if (!/^\/(?![/\\])[^\s\\]*$/.test(path)) return undefined;
  const url = new URL(path, BASE);
  if (url.origin !== BASE || url.pathname.startsWith('//')) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}
/** A path on this server (`/studio?tab=channels`), never another origin: the callback must not be an open redirect. */
const ReturnTo = z.string().max(2000).refine((p) => sameOriginPath(p) !== undefined, { error: 'must be a path on this server, such as /channels' });

const ConnectBody = z
  .object({
    refreshToken: z.string().trim().min(10).max(2048).describe('A YouTube refresh token (for headless servers); sealed at rest, never shown again'),
    name: Name.optional().describe("Your name for the channel; default: the channel's title"),
    replace: z.boolean().optional().describe('Reconnect: replace the credentials of your channel of that name'),
  })
  .strict();
const StartBody = z
  .object({
    name: Name.optional(),
    replace: z.boolean().optional().describe('Reconnect: replace the credentials of your channel of that name'),
    returnTo: ReturnTo.optional().describe('Where the browser goes after the callback (default /), with ?channel=<id>'),
  })
  .strict();
const CallbackQuery = z
  .object({
    code: z.string().min(1).max(2048).optional(),
    state: z.string().min(1).max(8192).optional(),
    error: z.string().max(200).optional().describe('access_denied when consent was declined'),
  })
  .passthrough();

const ChannelDetail = ChannelSchema.extend({ publications: z.array(PublicationSchema).describe('Its latest publications, newest first, with video statistics') });

const wantsJson = (request: FastifyRequest) => (request.headers.accept ?? '').includes('application/json');
const origin = (request: FastifyRequest, options: ServerConfig) => options.publicUrl ?? `${request.protocol}://${request.host}`;

/** `returnTo` with `key=value` added (or `/` when none was given). */
function returnUrl(returnTo: string | undefined, key: string, value: string): string {
  const url = new URL((returnTo && sameOriginPath(returnTo)) ?? '/', BASE);
  url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * Channels: list, detail (with recent publications), connect with a refresh token (headless) or the OAuth web flow,
 * rename and remove (revoked at the platform first). A channel is its owner's only; tokens never leave the server.
 */
export function channelRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store, config } = app.deps;
  const deps: ChannelDeps = { store, config };
  const write = { access: 'editor' as const, rateLimit: rateLimit(options.rateLimits, 'write') };
  const read = { rateLimit: rateLimit(options.rateLimits, 'read') };
  const youtube = () => {
    if (!config.publish.youtube.clientId) throw apiError('NOT_AVAILABLE', 'this server has no YouTube OAuth client: set YOUTUBE_CLIENT_ID and YOUTUBE_CLIENT_SECRET');
    return config.publish.youtube;
  };

  const connected = async (request: FastifyRequest, channel: Channel, via: string) => {
    await audit(request, 'channel.connect', channel.id, { name: channel.name, externalId: channel.externalId, via });
    return channel;
  };

  r.get('/api/channels', { schema: { tags: ['channels'], summary: 'Your channels with their statistics', response: { 200: z.object({ channels: z.array(ChannelSchema) }) } }, config: read }, async (request) => ({
    channels: (await store.channels.list(caller(request).user.id)).map(toChannel),
  }));

  r.get('/api/channels/:id', { schema: { tags: ['channels'], summary: 'One channel and its latest publications', params: IdParams, response: { 200: ChannelDetail } }, config: read }, async (request) => {
    const channel = await ownChannel(request, request.params.id);
    const publications = await store.publications.list({ ownerId: channel.ownerId, channelId: channel.id, limit: RECENT_PUBLICATIONS });
    return { ...toChannel(channel), publications: publications.map(toPublication) };
  });

  r.post('/api/channels', {
    schema: {
      tags: ['channels'],
      summary: 'Connect a channel with a refresh token (headless servers)',
      description: 'The token is checked against the platform (whose channel it is) and sealed with VIDEOGEN_SECRET_KEY; it is never returned.',
      body: ConnectBody,
      response: { 201: ChannelSchema, 409: ErrorSchema.describe('CONFLICT: you have a channel of that name; CHANNEL_REAUTH: the token is revoked'), 503: ErrorSchema.describe('SECRET_KEY_MISSING') },
    },
    config: write,
  }, async (request, reply) => {
    secretBoxFrom(config, 'connect a channel');
    const { refreshToken, name, replace } = request.body;
    const channel = await connectChannel(deps, { ownerId: caller(request).user.id, refreshToken, ...(name ? { name } : {}), ...(replace ? { replace } : {}) });
    return reply.code(201).send(toChannel(await connected(request, channel, 'refresh-token')));
  });

  r.post('/api/channels/oauth/start', {
    schema: {
      tags: ['channels'],
      summary: 'Start connecting a channel in the browser (OAuth with PKCE)',
      description: `Send the browser to \`url\`; Google returns it to ${CALLBACK_PATH}, which must be an authorised redirect URI of the OAuth client. The state is valid for 10 minutes, for the same signed-in user, on any server replica.`,
      body: StartBody,
      response: { 200: z.object({ url: z.string(), state: z.string(), redirectUri: z.string() }), 501: ErrorSchema.describe('NOT_AVAILABLE: no YOUTUBE_CLIENT_ID'), 503: ErrorSchema.describe('SECRET_KEY_MISSING') },
    },
    config: write,
  }, async (request) => {
    const settings = youtube();
    const box = secretBoxFrom(config, 'connect a channel');
    const { verifier, challenge } = pkcePair();
    const redirectUri = `${origin(request, options)}${CALLBACK_PATH}`;
    const { name, replace, returnTo } = request.body;
    const state = sealState(box, { ownerId: caller(request).user.id, verifier, redirectUri, ...(name ? { name } : {}), ...(replace ? { replace } : {}), ...(returnTo ? { returnTo } : {}) });
    return { url: authorizationUrl(settings, { redirectUri, state, codeChallenge: challenge }), state, redirectUri };
  });

  r.get(CALLBACK_PATH, {
    schema: {
      tags: ['channels'],
      summary: "Google's redirect back: stores the channel and sends the browser on",
      description: '303 to returnTo (or /) with ?channel=<id>, or ?channelError=<reason> when consent was declined; JSON instead when the request accepts application/json. Needs the user who started the flow.',
      querystring: CallbackQuery,
      response: { 200: ChannelSchema, 303: z.null().describe('To returnTo?channel=<id>'), 400: ErrorSchema.describe('VALIDATION_FAILED: state missing, altered or expired'), 403: ErrorSchema.describe('FORBIDDEN: started by another user, or consent declined') },
    },
    // Its URL carries Google's one-time code and the sealed state: the request log (info) must not record it.
    logLevel: 'warn',
    config: write,
  }, async (request, reply) => {
    const { code, state: stateText, error } = request.query;
    if (!stateText) throw apiError('VALIDATION_FAILED', 'query.state: missing; open the consent page from POST /api/channels/oauth/start', { path: 'query.state' });
    const state = openState(secretBoxFrom(config, 'connect a channel'), stateText);
    if (state.ownerId !== caller(request).user.id) throw apiError('FORBIDDEN', 'this sign-in was started by another user: sign in as that user, or start connecting again');
    if (error) {
      const message = error === 'access_denied' ? 'access was declined on Google\'s consent page, so no channel was connected; start again and allow access to connect it' : `Google answered ${error}; no channel was connected`;
      if (!wantsJson(request)) return reply.redirect(returnUrl(state.returnTo, 'channelError', error), 303);
      throw apiError('FORBIDDEN', message, { reason: error });
    }
    if (!code) throw apiError('VALIDATION_FAILED', 'query.code: missing (Google sends it with the state)', { path: 'query.code' });
    const tokens = await exchangeCode(youtube(), { code, redirectUri: state.redirectUri, codeVerifier: state.verifier });
    if (!tokens.refreshToken) throw apiError('CHANNEL_REAUTH', 'Google sent no refresh token; remove videogen at https://myaccount.google.com/permissions and connect again');
    const channel = await connected(request, await connectChannel(deps, { ownerId: state.ownerId, refreshToken: tokens.refreshToken, ...(state.name ? { name: state.name } : {}), ...(state.replace ? { replace: true } : {}), revokeOnFailure: true }), 'oauth');
    if (wantsJson(request)) return reply.code(200).send(toChannel(channel));
    return reply.redirect(returnUrl(state.returnTo, 'channel', channel.id), 303);
  });

  r.patch('/api/channels/:id', { schema: { tags: ['channels'], summary: 'Rename a channel', params: IdParams, body: z.object({ name: Name }).strict(), response: { 200: ChannelSchema, 409: ErrorSchema.describe('CONFLICT: you have a channel of that name') } }, config: write }, async (request) => {
    const channel = await ownChannel(request, request.params.id);
    const { name } = request.body;
    if (name === channel.name) return toChannel(channel);
    // The unique (owner, name) index answers a taken name, racing renames included: CONFLICT from the repository.
    const renamed = await store.channels.update(channel.id, { name });
    if (!renamed) throw notFound('channel');
    await audit(request, 'channel.rename', channel.id, { from: channel.name, to: name });
    return toChannel(renamed);
  });

  r.delete('/api/channels/:id', {
    schema: {
      tags: ['channels'],
      summary: 'Remove a channel: its token is revoked at the platform, then the channel, its publications and its schedules are deleted',
      description: 'Videos already on the platform stay there. Refused while a publication to it is unfinished (cancel it first).',
      params: IdParams,
      response: { 204: z.null(), 409: ErrorSchema.describe('CONFLICT: unfinished publications') },
    },
    config: write,
  }, async (request, reply) => {
    const channel = await ownChannel(request, request.params.id);
    const unfinished = (await store.publications.list({ ownerId: channel.ownerId, channelId: channel.id, limit: 1000 })).filter((p) => !FINISHED_PUBLICATION.has(p.state));
    if (unfinished.length) throw apiError('CONFLICT', `${unfinished.length} publication(s) to this channel are not finished; cancel them first (POST /api/publications/{id}/cancel)`, { publications: unfinished.map((p) => p.id) });
    let revoked = channel.credentials === null;
    if (!revoked) {
      try {
        await revokeChannel(deps, channel);
        revoked = true;
      } catch (error) {
        // A token this server cannot open (key lost or changed) cannot be revoked here, but the channel can still go:
        // the user revokes it at https://myaccount.google.com/permissions.
        if (!isVideogenError(error) || !error.code.startsWith('SECRET_KEY_')) throw error;
        request.log.warn({ err: error, channelId: channel.id }, 'channel token not revoked at the platform');
      }
    }
    await store.channels.delete(channel.id);
    await audit(request, 'channel.remove', channel.id, { name: channel.name, externalId: channel.externalId, revoked });
    return reply.code(204).send(null);
  });
}

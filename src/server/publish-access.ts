import type { FastifyRequest } from 'fastify';
import type { Channel, Publication, Schedule } from '../store/publish-types.ts';
import { caller } from './auth.ts';
import { notFound } from './errors.ts';

/**
 * Channels, publications and schedules are their owner's alone, admins included: a channel carries someone's
 * YouTube authorisation, and what is published on it is theirs to decide. Anybody else gets 404, so ids do not leak.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function ownChannel(request: FastifyRequest, id: string): Promise<Channel> {
  const channel = await request.server.deps.store.channels.get(id);
  if (!channel || channel.ownerId !== caller(request).user.id) throw notFound('channel');
  return channel;
}

/** `--channel` takes the channel's id or the owner's name for it. */
export async function channelByIdOrName(request: FastifyRequest, idOrName: string): Promise<Channel> {
  const { store } = request.server.deps;
  const ownerId = caller(request).user.id;
  const channel = UUID.test(idOrName) ? await store.channels.get(idOrName) : await store.channels.byName(ownerId, idOrName);
  if (!channel || channel.ownerId !== ownerId) throw notFound(`channel "${idOrName}"`);
  return channel;
}

export async function ownPublication(request: FastifyRequest, id: string): Promise<Publication> {
  const publication = await request.server.deps.store.publications.get(id);
  if (!publication || publication.ownerId !== caller(request).user.id) throw notFound('publication');
  return publication;
}

export async function ownSchedule(request: FastifyRequest, id: string): Promise<Schedule> {
  const schedule = await request.server.deps.store.schedules.get(id);
  if (!schedule || schedule.ownerId !== caller(request).user.id) throw notFound('schedule');
  return schedule;
}

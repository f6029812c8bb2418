import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { QueueEventMap } from '../queue/types.ts';
import type { JobEvent } from '../store/types.ts';
import { apiError } from './errors.ts';

/**
 * Server-sent events for job progress: replay stored events after Last-Event-ID, then live ones from the queue,
 * with no gap and no duplicate (live events arriving during the replay are buffered, and ids at or below the last
 * one sent are dropped). Comment heartbeats keep proxies from closing an idle stream.
 */
export const HEARTBEAT_MS = 15_000;

export interface StreamOptions {
  jobId?: string;
  /** Only this owner's jobs; undefined for an admin's everything-stream. */
  ownerId?: string;
  /** Ends the stream after this live event (a terminal state of the single job); replayed events never end it. */
  isLast?: (event: WireEvent) => boolean;
  /** Called after the replay: true when the stream has nothing more to wait for (a job that already finished). */
  doneAfterReplay?: () => Promise<boolean>;
  /** The caller, whose open streams are counted against `maxPerUser`. */
  userId: string;
  maxPerUser: number;
}

/**
 * Open streams per user, per server process. Each stream holds a socket, a queue listener and a heartbeat timer, so
 * one account must not be able to open them without bound. Kept per app, so test servers in one process do not mix.
 */
const openStreams = new WeakMap<FastifyInstance, Map<string, number>>();

function countsOf(app: FastifyInstance): Map<string, number> {
  let counts = openStreams.get(app);
  if (!counts) openStreams.set(app, (counts = new Map()));
  return counts;
}

/** Takes a stream slot for the user or answers 429 STREAM_LIMIT (before any header is sent); returns the release. */
function takeSlot(app: FastifyInstance, userId: string, max: number): () => void {
  const counts = countsOf(app);
  const open = counts.get(userId) ?? 0;
  if (open >= max) throw apiError('STREAM_LIMIT', `you already have ${open} live event streams open (at most ${max}); close one, or watch several jobs with GET /api/events`, { open, max });
  counts.set(userId, open + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (counts.get(userId) ?? 1) - 1;
    if (left > 0) counts.set(userId, left);
    else counts.delete(userId);
  };
}

/** Streams the user has open on this server process (for tests and the account view). */
export function openStreamCount(app: FastifyInstance, userId: string): number {
  return openStreams.get(app)?.get(userId) ?? 0;
}

export interface WireEvent {
  id: number;
  type: string;
  jobId: string;
  data: Record<string, unknown>;
  at: string;
}

export function lastEventId(request: FastifyRequest): number {
  const raw = request.headers['last-event-id'] ?? (request.query as { lastEventId?: string }).lastEventId;
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

const fromStore = (e: JobEvent): WireEvent => ({ id: e.id, type: e.type, jobId: e.jobId, data: e.data, at: e.createdAt.toISOString() });
const fromLive = (p: QueueEventMap['job']): WireEvent => ({ id: p.eventId, type: p.type, jobId: p.job.id, data: p.data, at: new Date().toISOString() });

export async function streamEvents(request: FastifyRequest, reply: FastifyReply, opts: StreamOptions): Promise<void> {
  const { store, queue } = request.server.deps;
  let sent = lastEventId(request);
  let replaying = true;
  let closed = false;
  const buffered: WireEvent[] = [];
  const res = reply.raw;
  const release = takeSlot(request.server, opts.userId, opts.maxPerUser);

  // Headers go out now; the helmet/CORS headers set on the reply so far are copied to the raw response.
  reply.hijack();
  res.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');

  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    release();
    res.end();
    finish();
  };
  const send = (event: WireEvent) => {
    if (closed || event.id <= sent) return;
    sent = event.id;
    res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify({ jobId: event.jobId, at: event.at, ...event.data })}\n\n`);
    // A replayed terminal state may be an old one (a job cancelled or failed, then retried): only a live event ends
    // the stream; after the replay doneAfterReplay decides from the job's current state.
    if (!replaying && opts.isLast?.(event)) close();
  };
  const matches = (p: QueueEventMap['job']) => (opts.jobId ? p.job.id === opts.jobId : !opts.ownerId || p.job.ownerId === opts.ownerId);

  const unsubscribe = queue.on('job', (payload) => {
    if (!matches(payload)) return;
    const event = fromLive(payload);
    if (replaying) buffered.push(event);
    else send(event);
  });
  const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
  request.raw.on('close', close);
  // The response's own close is the one that always fires when the client goes (and frees the stream slot).
  res.on('close', close);
  if (res.destroyed) close();
  // Shutdown ends open streams; otherwise they would hold the server open until clients leave.
  const streams = request.server.sseStreams;
  streams.add(close);
  void finished.then(() => streams.delete(close));

  const replay = async () => {
    for (;;) {
      const page = await store.events.list({ ...(opts.jobId ? { jobId: opts.jobId } : {}), ...(opts.ownerId ? { ownerId: opts.ownerId } : {}), afterId: sent, limit: 500 });
      for (const e of page) send(fromStore(e));
      if (page.length < 500 || closed) break;
    }
  };
  try {
    await replay();
    replaying = false;
    for (const e of buffered.sort((a, b) => a.id - b.id)) send(e);
    buffered.length = 0;
    if (!closed && opts.doneAfterReplay && (await opts.doneAfterReplay())) {
      // The job row can turn terminal a moment before its event is stored; read once more so the last event is sent.
      await new Promise((resolve) => setTimeout(resolve, 250));
      if (!closed) await replay();
      close();
    }
  } catch (error) {
    request.log.error({ err: error }, 'event stream failed');
    close();
  }
  await finished;
}

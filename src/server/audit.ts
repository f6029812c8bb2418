import type { FastifyRequest } from 'fastify';
import { apiError } from './errors.ts';

/**
 * Every state change is recorded with who, what and from where. A change the log cannot record must not pass quietly:
 * a failed write fails the request with 500 INTERNAL (our failure, not the caller's; not 503, because retrying the
 * same request would repeat the change). Handlers audit after the change, so the message says it may have happened.
 */
export async function audit(request: FastifyRequest, action: string, target: string | null, details: Record<string, unknown> = {}): Promise<void> {
  try {
    await request.server.deps.store.audit.record({ actorId: request.auth?.user.id ?? null, action, target, details, ip: request.ip });
  } catch (error) {
    request.log.error({ err: error, action, target }, 'audit write failed');
    throw apiError('INTERNAL', `the audit log could not record ${action}; the change may have been made — check before repeating it`, { action });
  }
}

import type { FastifyRequest } from 'fastify';

/** Every state change is recorded with who, what and from where; a failed audit write is logged, not fatal. */
export async function audit(request: FastifyRequest, action: string, target: string | null, details: Record<string, unknown> = {}): Promise<void> {
  try {
    await request.server.deps.store.audit.record({ actorId: request.auth?.user.id ?? null, action, target, details, ip: request.ip });
  } catch (error) {
    request.log.error({ err: error, action }, 'audit write failed');
  }
}

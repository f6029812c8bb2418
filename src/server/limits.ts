import type { FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config.ts';

/**
 * Rate-limit groups (per minute): sign-in per client IP (password guessing), writes and reads per user (or IP before
 * sign-in). Each route's config picks its group; the plugin answers 429 with Retry-After. `request.ip` follows
 * X-Forwarded-For only with trustProxy, so behind a proxy each client has its own count. Guesses spread over many IPs
 * are caught by the per-account lockout in ./account-lock.ts, which counts per email in the store.
 */
export type LimitGroup = 'auth' | 'write' | 'read';

const byUser = (request: FastifyRequest) => (request.auth ? `user:${request.auth.user.id}` : `ip:${request.ip}`);

export function rateLimit(limits: ServerConfig['rateLimits'], group: LimitGroup) {
  return {
    max: limits[group],
    timeWindow: 60_000,
    groupId: group,
    keyGenerator: group === 'auth' ? (request: FastifyRequest) => `ip:${request.ip}` : byUser,
  };
}

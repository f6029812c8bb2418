// OWNER: helper h3 (the Create page's "listen" button).
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../../config.ts';

/** `GET /api/voices/sample?voice=…&lang=…`: a short spoken sample of a voice (audio), cached per voice. */
export function voiceSampleRoutes(_app: FastifyInstance, _options: ServerConfig): void {
  // not implemented yet (h3)
}

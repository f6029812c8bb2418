import type { FastifyRequest } from 'fastify';
import { VideogenError, isVideogenError } from '../errors.ts';
import { uploadPathsOf } from '../queue/job-media.ts';
import { NO_FILES } from '../sources/confine.ts';
import { confineMediaPaths } from '../sources/media-paths.ts';
import type { VideoSpec } from '../spec/index.ts';

/**
 * Media a spec sent over the API may name, checked at submit time so a bad reference is the caller's 4xx, never a
 * failed job: no local path at all (SOURCE_FORBIDDEN naming the field, the same whether the file exists or not),
 * `upload:<id>` only for the caller's own uploads of a fitting kind (NOT_FOUND otherwise, also for other users'
 * ids), URLs as they are (fetched by the SSRF-safe fetcher at render time). `where` prefixes fields in a set.
 */
export async function checkSpecMedia(request: FastifyRequest, spec: VideoSpec, where = ''): Promise<void> {
  const { store } = request.server.deps;
  const ownerId = request.auth!.user.id;
  try {
    await confineMediaPaths(spec, NO_FILES);
    await uploadPathsOf(spec, async (id) => {
      const upload = await store.uploads.get(id);
      return upload && upload.ownerId === ownerId ? upload : undefined;
    });
  } catch (error) {
    if (!where || !isVideogenError(error)) throw error;
    throw prefixed(error, where);
  }
}

/** The same error with the set entry's path in front of its field, so the caller knows which video to fix. */
function prefixed(error: VideogenError, where: string): VideogenError {
  const details = { ...error.details };
  if (typeof details.field === 'string') details.field = `${where}${details.field}`;
  if (Array.isArray(details.problems)) details.problems = (details.problems as { path: string }[]).map((p) => ({ ...p, path: `${where}${p.path}` }));
  return new VideogenError(error.code, `${where}${error.message}`, details);
}

import type { VideoSpec } from '../spec/index.ts';
import { stat } from 'node:fs/promises';
import { VideogenError } from '../errors.ts';
import { safeToShow } from '../spec/index.ts';
import { confinePath, type FileScope } from './confine.ts';

/** A picture, clip or track a spec names, with the field path that names it (for messages). */
export interface MediaRef {
  field: string;
  src: string;
}

/** `upload:<id>`: a file stored by the server under its id (POST /api/media/upload). */
export const UPLOAD_PREFIX = 'upload:';

export const isUrl = (src: string) => /^https?:\/\//i.test(src);
export const isUpload = (src: string) => src.startsWith(UPLOAD_PREFIX);
/** A path on disk (neither a URL, an upload, nor `auto`). */
export const isLocalPath = (src: string) => !isUrl(src) && !isUpload(src) && src !== 'auto';

/** Every media source a spec names, in scene order, then the music. */
export function mediaRefsOf(spec: Pick<VideoSpec, 'scenes' | 'music'>): MediaRef[] {
  const refs: MediaRef[] = [];
  spec.scenes.forEach((scene, i) => {
    if (scene.kind === 'image' || scene.kind === 'video') refs.push({ field: `scenes[${i}].src`, src: scene.src });
    const bg = scene.background;
    if (bg && typeof bg !== 'string' && 'src' in bg) refs.push({ field: `scenes[${i}].background.src`, src: bg.src });
  });
  if (spec.music && spec.music.src !== 'auto') refs.push({ field: 'music.src', src: spec.music.src });
  return refs;
}

const USE = {
  what: 'a picture, clip or music file',
  instead: 'upload the file (POST /api/media/upload) and name it as "upload:<id>", or give an https URL',
};

/**
 * Refuses (SOURCE_FORBIDDEN, same message whether the file exists or not) any local media path that leaves the spec's
 * folder, before anything is read (and SOURCE_UNREADABLE for a path inside it that is not a file); over the API
 * (scope none) every local path is refused. Returns the absolute paths
 * by field. URLs and uploads are checked when they are fetched (SSRF-safe fetcher; upload ownership).
 */
export async function confineMediaPaths(spec: Pick<VideoSpec, 'scenes' | 'music'>, scope: FileScope): Promise<Map<string, string>> {
  const resolved = new Map<string, string>();
  for (const ref of mediaRefsOf(spec)) {
    if (!isLocalPath(ref.src)) continue;
    const path = await confinePath(scope, ref.src, { field: ref.field, ...USE });
    // Checked here too, so `validate` reports a missing file instead of the render failing later.
    const isFile = await stat(path).then((s) => s.isFile(), () => false);
    if (!isFile) throw new VideogenError('SOURCE_UNREADABLE', `${ref.field}: "${safeToShow(ref.src, 120)}" is not a file next to the spec; check the name (paths are relative to the spec's folder)`, { field: ref.field });
    resolved.set(ref.field, path);
  }
  return resolved;
}

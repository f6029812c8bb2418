import ipaddr from 'ipaddr.js';
import { VideogenError } from '../errors.ts';
import type { VideoSpec } from '../spec/index.ts';
import { UPLOAD_PREFIX, isUpload, isUrl, mediaRefsOf, type MediaRef } from '../sources/media-paths.ts';
import { blockedReason } from '../sources/url-fetch.ts';
import type { Upload } from '../store/types.ts';

/**
 * The media a job's spec names, checked before anything renders: `upload:<id>` must be an upload of the job's owner
 * (and of the right kind for its field), and a URL whose host is literally a private or metadata address is refused
 * at once. The SSRF-safe fetcher checks every URL again (DNS answers, redirects) when the media stage fetches it;
 * this early check only makes the obvious cases fail with a clear code before any narration is synthesised.
 */

/** An upload by id, only when the job's owner (or the API caller) owns it; undefined otherwise. */
export type UploadLookup = (id: string) => Promise<Pick<Upload, 'path' | 'mediaType'> | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Media types each field may hold: a picture where a picture is drawn, footage where footage plays, sound for music. */
function acceptedFor(spec: Pick<VideoSpec, 'scenes'>, field: string): { prefixes: string[]; what: string } {
  if (field === 'music.src') return { prefixes: ['audio/', 'video/'], what: 'an audio file (or a clip with sound)' };
  if (field.endsWith('.background.src')) return { prefixes: ['image/', 'video/'], what: 'a picture or a clip' };
  const index = Number(/^scenes\[(\d+)\]/.exec(field)?.[1]);
  return spec.scenes[index]?.kind === 'video' ? { prefixes: ['video/'], what: 'a clip' } : { prefixes: ['image/'], what: 'a picture' };
}

const uploadIdOf = (src: string) => src.slice(UPLOAD_PREFIX.length);

const missing = (ref: MediaRef, id: string) =>
  new VideogenError('NOT_FOUND', `${ref.field}: upload "${id.slice(0, 60)}" not found (deleted, or not yours); upload the file with POST /api/media/upload and name the "ref" it returns`, { field: ref.field });

/**
 * `upload:<id>` → stored path for every upload the spec names. NOT_FOUND (with the field) for an id that is not the
 * owner's — the same answer whether it exists for someone else or not at all — and SPEC_INVALID for a track where a
 * picture belongs.
 */
export async function uploadPathsOf(spec: Pick<VideoSpec, 'scenes' | 'music'>, lookup: UploadLookup): Promise<Record<string, string>> {
  const paths: Record<string, string> = {};
  for (const ref of mediaRefsOf(spec)) {
    if (!isUpload(ref.src)) continue;
    const id = uploadIdOf(ref.src);
    const upload = UUID.test(id) ? await lookup(id.toLowerCase()) : undefined;
    if (!upload) throw missing(ref, id);
    const accepted = acceptedFor(spec, ref.field);
    if (!accepted.prefixes.some((p) => upload.mediaType.startsWith(p))) {
      const message = `upload ${id} is ${upload.mediaType}; this field needs ${accepted.what}`;
      throw new VideogenError('SPEC_INVALID', `${ref.field}: ${message}`, { problems: [{ path: ref.field, message }] });
    }
    paths[id.toLowerCase()] = upload.path;
  }
  return paths;
}

/** Host names that are loopback by definition (RFC 6761), whatever a resolver says. */
const LOOPBACK_NAMES = /^(localhost|localhost\.localdomain|.*\.localhost)\.?$/i;

/** SOURCE_UNREADABLE for the first media URL whose host is a literal private, loopback or metadata address. */
export function refusePrivateMediaUrls(spec: Pick<VideoSpec, 'scenes' | 'music'>): void {
  for (const ref of mediaRefsOf(spec)) {
    if (!isUrl(ref.src)) continue;
    let host: string;
    try {
      host = new URL(ref.src).hostname.replace(/^\[|\]$/g, '');
    } catch {
      throw new VideogenError('SOURCE_UNREADABLE', `${ref.field}: not a URL`, { field: ref.field });
    }
    const why = LOOPBACK_NAMES.test(host) ? 'a loopback address' : ipaddr.isValid(host) ? blockedReason(host) : undefined;
    if (why) throw new VideogenError('SOURCE_UNREADABLE', `${ref.field}: refused ${host}: it is ${why}; videogen only fetches media from public addresses`, { field: ref.field, url: ref.src.slice(0, 200) });
  }
}

/**
 * Where rendered artifacts live (segments, tiles, soundtracks, final MP4s, segment contexts), by content key. Every
 * worker of a fanned-out render reads and writes the same store, so one machine's segment is another's cache hit.
 * Today's adapter is a directory shared by every worker (ArtifactCache, a local disk or a network mount); an
 * S3-compatible bucket is a later adapter behind the same four calls.
 */
export interface ArtifactStore {
  /** The local path of the artifact `kind/key.ext` (writers publish to it atomically: temp file + rename). */
  pathFor(kind: string, key: string, ext: string): Promise<string>;
  has(path: string): Promise<boolean>;
  /** Stores plain data (atomically) under `kind/key`. */
  putJson(kind: string, key: string, value: unknown): Promise<void>;
  /** The data stored under `kind/key`, or undefined when there is none. */
  getJson<T>(kind: string, key: string): Promise<T | undefined>;
}

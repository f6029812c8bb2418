import type { SourceOptions, SourceResult } from '../sources/types.ts';

/**
 * The input adapters the server calls, taken as a dependency (src/server/default-sources.ts wires the real ones), so
 * the server compiles and tests without them and a missing one is an explicit 501, never a stub.
 */
export interface DocumentInput {
  data: Uint8Array;
  /** Sanitised original name; its extension picks the adapter. */
  filename: string;
  /** The stored upload, for adapters that read from disk. */
  path?: string;
}

export interface YoutubeInfo {
  id: string;
  title?: string;
  author?: string;
  language: string;
  /** Seconds, from the last caption cue (0 when there is no transcript). */
  durationSeconds: number;
  cues: { start: number; end: number; text: string }[];
}

export interface ServerSources {
  document?: (input: DocumentInput, options: SourceOptions) => Promise<SourceResult>;
  url?: (url: string, options: SourceOptions) => Promise<SourceResult>;
  youtube?: {
    /** The 11-character id, or undefined when `input` is no YouTube video link or id. */
    findId: (input: string) => string | undefined;
    /** Title, author and transcript; throws SOURCE_UNREADABLE when the video has no captions. */
    info: (id: string, opts: { language?: string; signal?: AbortSignal }) => Promise<YoutubeInfo>;
    toSpec: (id: string, options: SourceOptions) => Promise<SourceResult>;
  };
}

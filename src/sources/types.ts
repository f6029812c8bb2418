import type { VideoSpec } from '../spec/index.ts';
import type { LlmProvider } from '../writing/llm/types.ts';

/**
 * What every input adapter produces: one validated video, or several (a set) when a long source is split.
 * Adapters never render; `videogen create` renders what they return (or writes it with --spec-only).
 */
export type SourceResult = { kind: 'video'; spec: VideoSpec; warnings: string[] } | { kind: 'set'; id: string; name: string; specs: VideoSpec[]; warnings: string[] };

export interface SourceOptions {
  /**
   * Split into this many videos (a VideoSet) when > 1; `'auto'`: as many as a document needs at `targetSeconds` each
   * (one when it fits). Unset: one video, condensed to the budget when the document is longer.
   */
  videos?: number | 'auto';
  /** Overrides for the produced spec(s). */
  language?: string;
  aspect?: VideoSpec['aspect'];
  theme?: Partial<VideoSpec['theme']>;
  voice?: string;
  /** When set, narration is rewritten by the model (`--ai`); without it everything works offline. */
  llm?: LlmProvider;
  /**
   * Target length of each video in seconds: the budget of a document's editorial pass (default 180, see
   * DOCUMENT_BUDGET_SECONDS), of `--ai` rewriting, of transcripts and of topic scripts.
   */
  targetSeconds?: number;
  /** Injected fetch for URL sources (tests allow 127.0.0.1 explicitly; production uses the SSRF-safe fetcher). */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** A source adapter: detects its inputs and turns them into specs. */
export interface SourceAdapter {
  id: string;
  /** True when this adapter handles `input` (a path, URL or id). */
  detect(input: string): boolean | Promise<boolean>;
  load(input: string, options: SourceOptions): Promise<SourceResult>;
}

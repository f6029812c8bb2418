import type { OptionValues } from '../../../../src/options/table.ts';

/** Shapes of the Create and Home pages' API answers (src/server/routes/{videos,catalog,jobs}.ts). */

/** What POST /api/videos and /api/videos/plan take besides options: one source, or a spec, or a set. */
export type CreateInput =
  | { source: { uploadId: string } | { text: string; format: 'markdown' | 'text' | 'rst' | 'html' } | { url: string } | { youtube: string } | { topic: string; format: 'short' | 'video' } }
  | { spec: Record<string, unknown> }
  | { set: Record<string, unknown> };

/**
 * The options the Create form offers, typed by the option table (src/options/table.ts), which also types the API's
 * schemas: a value the API would refuse does not type-check here. Unset fields are left out of the request.
 */
export type CreateOptions = Pick<OptionValues, 'targetSeconds' | 'aspect' | 'resolution' | 'voice' | 'language' | 'languages' | 'broll' | 'burnCaptions' | 'preset'>;

export interface PlannedScene {
  id?: string;
  kind: string;
  title?: string;
  seconds: number;
}

export interface PlannedVideo {
  id: string;
  title: string;
  language: string;
  aspect: string;
  scenes: number;
  seconds: number;
  minutes: number;
  perScene: PlannedScene[];
  spec: Record<string, unknown>;
}

export interface Plan {
  kind: 'video' | 'set';
  videos: PlannedVideo[];
  scenes: number;
  seconds: number;
  minutes: number;
  budgetSeconds?: number;
  warnings: string[];
}

export interface Voice {
  id: string;
  provider: string;
  name: string;
  language: string;
  gender?: string;
  available: boolean;
}

export interface Language {
  code: string;
  name: string;
  nativeName: string;
  rtl: boolean;
}

export interface Upload {
  id: string;
  filename: string;
  mediaType: string;
  bytes: number;
}

export interface Job {
  id: string;
  kind: 'render' | 'create' | 'publish';
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  stage: string | null;
  progress: number;
  title: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
  files?: string[];
}

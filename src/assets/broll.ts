import type { VideogenConfig } from '../config.ts';
import type { LlmProvider } from '../writing/llm/types.ts';
import { GRADIENT_REF } from '../render/media.ts';
import type { StockPick, StockRequest } from './types.ts';

export interface StockOptions {
  config: VideogenConfig;
  /** Output frame: orientation and the smallest useful file size. */
  frame: { width: number; height: number };
  language: string;
  /** Local library (`--media <dir>` / VIDEOGEN_MEDIA_DIR); wins over config.media.dir. */
  mediaDir?: string;
  llm?: LlmProvider;
  signal?: AbortSignal;
}

/**
 * Chooses stock footage or pictures for each request, in narration order, never the same clip twice. Placeholder
 * until the providers land: every request gets the gradient fallback.
 */
export async function chooseStock(requests: readonly StockRequest[], _opts: StockOptions): Promise<{ picks: StockPick[]; warnings: string[] }> {
  void GRADIENT_REF;
  return { picks: requests.map((r) => ({ scene: r.scene, sentence: 0, terms: r.terms ?? '' })), warnings: [] };
}

import type { SceneKind, SceneOf } from '../spec/index.ts';
import type { CodeHighlighter } from './code-highlight.ts';
import type { Element } from './elements.ts';
import type { Frame } from './geometry.ts';
import type { Measurer } from './text.ts';
import type { Theme } from './theme.ts';
import type { MediaCatalog, SceneMedia } from './media.ts';

/** Everything a scene layout may use. Layout runs once per scene; it measures and fits all text up front. */
export interface LayoutEnv {
  frame: Frame;
  theme: Theme;
  measure: Measurer;
  code: CodeHighlighter;
  /** This scene's pictures and footage, resolved before layout (absent: none). */
  media?: SceneMedia;
  /** Sizes and durations of every asset the video uses. */
  catalog: MediaCatalog;
  /** The spec's language (BCP-47): a right-to-left language mirrors every scene, whatever its own text. */
  language?: string;
  /** Records a layout warning (text cut to fit, unknown language…); ends up in the manifest. */
  warn(message: string): void;
}

/**
 * One file per scene kind implements this. `layout` returns the elements; drawing and `settlesAt` are shared
 * (render/draw.ts), so every kind animates and holds the same way.
 */
export interface SceneRenderer<K extends SceneKind = SceneKind> {
  kind: K;
  layout(scene: SceneOf<K>, env: LayoutEnv): Element[];
}

export function defineScene<K extends SceneKind>(renderer: SceneRenderer<K>): SceneRenderer<K> {
  return renderer;
}

import type { Box } from './geometry.ts';
import type { FittedText } from './text.ts';
import type { Enter } from './motion.ts';
import type { IconName } from './icons.ts';
import type { MediaClip } from './media.ts';

/**
 * A layout is a flat list of drawable elements computed once per scene; drawing a frame only walks the list.
 * Every text element names the colour it sits on (`on`), so contrast is checked for what is really drawn.
 * Plain data only (no functions, class instances or Maps): a layout survives structuredClone and JSON, so it can be
 * sent to a worker or a browser preview and drawn there by the same drawScene (test/render/plain-data.test.ts).
 */
export type Element = RectElement | CircleElement | TextElement | IconElement | CodeElement | LineElement | GroupElement | MediaElement;

interface Base {
  enter?: Enter;
  /** Opacity of the finished element (decorations); 1 when absent. */
  alpha?: number;
  /** The element is emphasised while the narration is on it (set by the reveal pass, render/reveal.ts). */
  focus?: Focus;
}

/**
 * A time window (scene seconds) in which an element is emphasised with an accent ring around `box`; the ring fades
 * in and out (FOCUS_FADE) so emphasis never flashes. `color` is the theme's text-safe accent.
 */
export interface Focus {
  start: number;
  end: number;
  box: Box;
  color: string;
  radius: number;
  lineWidth: number;
}

/** Scene-time windows in which a code line is banded because the narration talks about it. */
export interface TimeWindow {
  start: number;
  end: number;
}

export interface RectElement extends Base {
  type: 'rect';
  box: Box;
  fill?: string;
  /** Vertical gradient fill, top to bottom; wins over `fill`. */
  gradient?: [string, string];
  stroke?: string;
  lineWidth?: number;
  radius: number;
  shadow?: { color: string; blur: number; offsetY: number };
}

export interface CircleElement extends Base {
  type: 'circle';
  cx: number;
  cy: number;
  r: number;
  fill?: string;
  stroke?: string;
  lineWidth?: number;
}

export interface TextElement extends Base {
  type: 'text';
  text: FittedText;
  color: string;
  /** Opaque colour directly behind the text. */
  on: string;
  /** Extra space between letters in px (eyebrows, badges). */
  tracking?: number;
}

export interface IconElement extends Base {
  type: 'icon';
  name: IconName;
  box: Box;
  color: string;
  lineWidth: number;
}

export interface CodeToken {
  text: string;
  color: string;
  italic?: boolean;
  bold?: boolean;
}

export interface CodeLine {
  tokens: CodeToken[];
  /** Gutter label (line number or prompt glyph); drawn in the gutter column. */
  gutter?: { text: string; color: string };
  /** Emphasised line: drawn over a highlight band. */
  emphasis?: boolean;
  /** The line was cut to fit; an indicator is drawn at its end. */
  clipped?: boolean;
  /** Banded (like `emphasis`) only during these windows: the sentences that mention it (render/reveal.ts). */
  focus?: TimeWindow[];
  /** The line's own entrance (typed-in feel for terminals), relative to scene start; drawn at once when absent. */
  enter?: Enter;
}

export interface CodeElement extends Base {
  type: 'code';
  box: Box;
  lines: CodeLine[];
  css: string;
  fontSize: number;
  lineHeight: number;
  gutterWidth: number;
  /** Backdrop colour, for contrast checks and the emphasis band. */
  on: string;
  emphasisFill: string;
  /** Colour of the bar drawn at the start of a line banded by `focus` (the theme accent; non-text, ≥ 3:1 on the panel). */
  focusMarker?: string;
}

export interface LineElement extends Base {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  color: string;
  lineWidth: number;
  dash?: number[];
}

export interface GroupElement extends Base {
  type: 'group';
  /** The box the group occupies; scale entrances grow from its centre. */
  box: Box;
  children: Element[];
}

/**
 * A picture or clip in a box (full frame for backgrounds). Drawn from `MediaFrames` (render/media.ts); clips follow one
 * another in narration order with a short cross-fade. Plain data: refs and times, never a decoded image.
 */
export interface MediaElement extends Base {
  type: 'media';
  box: Box;
  fit: 'cover' | 'contain';
  /** kenburns: a slow push-in and drift of its stills, so a still never looks frozen (footage is drawn as is); none: drawn as is. */
  motion: 'kenburns' | 'none';
  clips: MediaClip[];
  radius: number;
  /** Darkening drawn over the picture (alpha of black) so text on it keeps ≥ 4.5:1. */
  scrim?: number;
  /**
   * A heavier scrim where text sits: `alpha` between frame rows `top` and `bottom`, easing back to `scrim` over
   * `feather` px on either side (a lower band under a title, a top band under a header), so the rest of the picture
   * stays bright.
   */
  scrimBand?: { top: number; bottom: number; alpha: number; feather: number };
  /** Colours of the drawn fallback (animated gradient) when the picture is missing: the page and the theme accent. */
  palette?: { page: string; accent: string };
}

import type { Scene } from '../spec/index.ts';
import { contrast, luminance, withAlpha } from './color.ts';
import type { Frame } from './geometry.ts';
import { buildTheme, type Theme } from './theme.ts';

type Ctx = CanvasRenderingContext2D;

/** Strength of the accent glows; the contrast test checks text against the background blended with this much accent. */
export const ORB_ALPHA = { light: 0.1, dark: 0.14 } as const;

/**
 * The page every scene sits on: a soft diagonal gradient and two blurred accent glows. Drawn as vectors (cheap), so it
 * reflows to any aspect. The slim accent bar at the page edge is a scene element (scenes/index.ts): it sits on the
 * reading side, which only the scene's text knows.
 */
export function drawBackground(ctx: Ctx, frame: Frame, theme: Theme, gradient?: [string, string]): void {
  const { width: w, height: h } = frame;
  const base = ctx.createLinearGradient(0, 0, w, h);
  base.addColorStop(0, gradient?.[0] ?? theme.background);
  base.addColorStop(1, gradient?.[1] ?? theme.backgroundEdge);
  ctx.fillStyle = base;
  ctx.fillRect(0, 0, w, h);
  const alpha = ORB_ALPHA[theme.mode];
  const orb = (cx: number, cy: number, r: number, a: number) => {
    const g = ctx.createRadialGradient(cx, cy, 0, cx, cy, r);
    g.addColorStop(0, withAlpha(theme.accent, a));
    g.addColorStop(1, withAlpha(theme.accent, 0));
    ctx.fillStyle = g;
    ctx.fillRect(cx - r, cy - r, 2 * r, 2 * r);
  };
  const long = Math.max(w, h);
  orb(w * 0.92, h * 0.08, long * 0.42, alpha);
  orb(w * 0.04, h * 0.96, long * 0.34, alpha * 0.8);
}

/**
 * A scene's own background changes the theme under it: a dark colour gets dark-mode text, a light one light-mode
 * text, so text on a custom background keeps its contrast.
 */
export function themeForScene(base: Theme, background: Scene['background']): { theme: Theme; gradient?: [string, string] } {
  if (!background) return { theme: base };
  // A picture or footage behind the scene sits under a dark scrim (render/media-draw.ts): light text on it.
  if (typeof background !== 'string' && ('src' in background || 'stock' in background)) return { theme: buildTheme(base.accentName, 'dark') };
  const colors: [string, string] | undefined =
    typeof background === 'string' ? [background, background] : background.gradient ?? (background.color ? [background.color, background.color] : undefined);
  if (!colors) return { theme: base };
  const mid = luminance(colors[0]) / 2 + luminance(colors[1]) / 2;
  const mode = mid > 0.18 ? 'light' : 'dark';
  const theme = buildTheme(base.accentName, mode);
  const adjusted = { ...theme, background: colors[0], backgroundEdge: colors[1] };
  // Keep the text colour that reads best on both ends of a gradient.
  if (Math.min(contrast(adjusted.text, colors[0]), contrast(adjusted.text, colors[1])) < 4.5) adjusted.text = mode === 'light' ? '#000000' : '#ffffff';
  return { theme: adjusted, gradient: colors };
}

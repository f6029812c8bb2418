import type { Accent, ThemeMode } from '../spec/index.ts';
import { blend, contrast } from './color.ts';

/**
 * A theme names every colour a scene may use, by role. Scenes never invent colours: each text element declares the
 * backdrop it sits on, and the contrast test checks every (text, backdrop) pair a layout produces.
 */
export interface Theme {
  mode: ThemeMode;
  accentName: Accent;
  /** Page background and the tone of its decorations. */
  background: string;
  backgroundEdge: string;
  /** Cards and panels. */
  surface: string;
  surfaceBorder: string;
  /** Body text, secondary text. */
  text: string;
  textMuted: string;
  /** Brand colour for decoration (bars, orbs, outlines), not for text on the background. */
  accent: string;
  /** Accent dark enough (light mode) or light enough (dark mode) to be text on background and surface. */
  accentText: string;
  /** Solid accent fill, and the text colour that reads on it. */
  accentFill: string;
  onAccent: string;
  /** Accent tinted into the surface: translucent-looking cards, precomputed so contrast can be checked. */
  accentTint: string;
  accentTintAlpha: number;
  success: string;
  successText: string;
  successTint: string;
  warning: string;
  warningText: string;
  danger: string;
  dangerText: string;
  /** Code panels are dark in both modes; their text colours are fitted to this background. */
  codeBackground: string;
  codeHeader: string;
  codeText: string;
  codeMuted: string;
  shadow: string;
}

interface AccentShades {
  base: string;
  strong: string;
  lightText: string;
  darkText: string;
}

/** Tailwind-like shades: `strong` carries white text; `lightText`/`darkText` read on light/dark backgrounds. */
export const ACCENT_SHADES: Record<Accent, AccentShades> = {
  orange: { base: '#ff6b35', strong: '#c2410c', lightText: '#9a3412', darkText: '#fdba74' },
  blue: { base: '#3b82f6', strong: '#1d4ed8', lightText: '#1d4ed8', darkText: '#93c5fd' },
  purple: { base: '#8b5cf6', strong: '#6d28d9', lightText: '#6d28d9', darkText: '#c4b5fd' },
  green: { base: '#10b981', strong: '#047857', lightText: '#047857', darkText: '#6ee7b7' },
  pink: { base: '#ec4899', strong: '#be185d', lightText: '#be185d', darkText: '#f9a8d4' },
  cyan: { base: '#22d3ee', strong: '#0e7490', lightText: '#0e7490', darkText: '#67e8f9' },
};

const pick = (bg: string, a: string, b: string) => (contrast(a, bg) >= contrast(b, bg) ? a : b);

export function buildTheme(accent: Accent = 'blue', mode: ThemeMode = 'light'): Theme {
  const shades = ACCENT_SHADES[accent];
  const light = mode === 'light';
  const background = light ? '#f5f8fc' : '#0b1120';
  const surface = light ? '#ffffff' : '#141c2f';
  const tintAlpha = light ? 0.1 : 0.18;
  const accentTint = blend(shades.base, surface, tintAlpha);
  const successTint = blend('#10b981', surface, tintAlpha);
  return {
    mode,
    accentName: accent,
    background,
    backgroundEdge: light ? '#e8eef7' : '#060a14',
    surface,
    surfaceBorder: light ? '#dbe3ee' : '#26324a',
    text: light ? '#0f172a' : '#f1f5f9',
    textMuted: light ? '#475569' : '#b4c0d3',
    accent: shades.base,
    accentText: light ? shades.lightText : shades.darkText,
    accentFill: shades.strong,
    onAccent: pick(shades.strong, '#ffffff', '#0f172a'),
    accentTint,
    accentTintAlpha: tintAlpha,
    success: '#10b981',
    successText: light ? '#047857' : '#6ee7b7',
    successTint,
    warning: '#f59e0b',
    warningText: light ? '#b45309' : '#fcd34d',
    danger: '#ef4444',
    dangerText: light ? '#b91c1c' : '#fca5a5',
    codeBackground: '#0f172a',
    codeHeader: '#1e293b',
    codeText: '#e2e8f0',
    codeMuted: '#94a3b8',
    shadow: light ? 'rgba(15, 23, 42, 0.10)' : 'rgba(0, 0, 0, 0.45)',
  };
}

/** Colour of a difficulty badge's text and its tinted backdrop. */
export function difficultyColors(theme: Theme, difficulty: 'easy' | 'medium' | 'hard'): { text: string; fill: string; tint: string } {
  const base = difficulty === 'easy' ? theme.success : difficulty === 'medium' ? theme.warning : theme.danger;
  const text = difficulty === 'easy' ? theme.successText : difficulty === 'medium' ? theme.warningText : theme.dangerText;
  return { text, fill: base, tint: blend(base, theme.surface, theme.accentTintAlpha + 0.04) };
}

/**
 * Font families the renderer asks for. They are registered explicitly from the npm packages listed in
 * render/font-manifest.ts (media/fonts.ts in Node, FontFace in the browser), so the same glyphs appear on every
 * machine and nothing falls back to a tiny default. The fallback chain covers Arabic, Hebrew, CJK, Devanagari and
 * colour emoji.
 */
export const FAMILY = {
  sans: 'Inter',
  mono: 'JetBrains Mono',
  arabic: 'Noto Sans Arabic',
  hebrew: 'Noto Sans Hebrew',
  cjk: 'Noto Sans SC',
  korean: 'Noto Sans KR',
  devanagari: 'Noto Sans Devanagari',
  emoji: 'Noto Color Emoji',
} as const;

export type FontFamilyKey = keyof typeof FAMILY;

const FALLBACKS = [FAMILY.arabic, FAMILY.hebrew, FAMILY.cjk, FAMILY.korean, FAMILY.devanagari, FAMILY.emoji];

export type FontRole = 'sans' | 'mono';

export type FontWeight = 400 | 500 | 600 | 700 | 800;

export interface FontSpec {
  role: FontRole;
  weight: FontWeight;
  /** Pixels. */
  size: number;
  italic?: boolean;
}

const quote = (family: string) => (family.includes(' ') ? `"${family}"` : family);

/** CSS font shorthand with the whole fallback chain, understood by Skia and browsers alike. */
export function cssFont(font: FontSpec): string {
  const primary = font.role === 'mono' ? FAMILY.mono : FAMILY.sans;
  const families = [primary, ...FALLBACKS].map(quote).join(', ');
  return `${font.italic ? 'italic ' : ''}${font.weight} ${Math.round(font.size * 100) / 100}px ${families}`;
}

/** Weights each family is registered with (upright); render/font-manifest.ts lists exactly these files. */
export const REGISTERED_WEIGHTS: Record<FontFamilyKey, readonly FontWeight[]> = {
  sans: [400, 500, 600, 700, 800],
  mono: [400, 500, 700],
  arabic: [400, 700],
  hebrew: [400, 700],
  cjk: [400, 700],
  korean: [400, 700],
  devanagari: [400, 700],
  emoji: [400],
};

/** Weights with a real italic face: comments in code are italic, and a true italic reads better than a slanted regular. */
export const ITALIC_WEIGHTS: Partial<Record<FontFamilyKey, readonly FontWeight[]>> = {
  mono: [400],
};

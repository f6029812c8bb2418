import type { TextStyle } from './text.ts';
import type { FontSpec } from './fonts.ts';

/**
 * Type sizes at 1080p (multiplied by the frame unit). QUALITY.md: title 96–120, heading 56–72, body 36–44,
 * code 28–34, caption 40–48; floors: titles ≥ 48, body ≥ 32 (only when the alternative is cutting text), code ≥ 28.
 */
export const TYPE = {
  display: { size: 108, min: 56, weight: 800, lineHeight: 1.12 },
  heading: { size: 66, min: 48, weight: 700, lineHeight: 1.18 },
  subheading: { size: 46, min: 34, weight: 600, lineHeight: 1.25 },
  body: { size: 40, min: 32, weight: 400, lineHeight: 1.32 },
  bodyStrong: { size: 40, min: 32, weight: 600, lineHeight: 1.3 },
  label: { size: 30, min: 28, weight: 600, lineHeight: 1.25 },
  code: { size: 34, min: 28, weight: 400, lineHeight: 1.45 },
  caption: { size: 44, min: 36, weight: 600, lineHeight: 1.3 },
} as const satisfies Record<string, { size: number; min: number; weight: FontSpec['weight']; lineHeight: number }>;

export type TypeRole = keyof typeof TYPE;

export function textStyle(role: TypeRole, unit: number, overrides: Partial<TextStyle> & { weight?: FontSpec['weight']; size?: number } = {}): TextStyle {
  const t = TYPE[role];
  const { weight, size, ...rest } = overrides;
  return {
    font: { role: role === 'code' ? 'mono' : 'sans', weight: weight ?? t.weight, size: (size ?? t.size) * unit },
    minSize: Math.min(t.min, size ?? t.size) * unit,
    lineHeight: t.lineHeight,
    ...rest,
  };
}

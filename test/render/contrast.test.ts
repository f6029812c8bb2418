import { describe, expect, it } from 'vitest';
import { ACCENTS, THEME_MODES } from '../../src/spec/index.ts';
import { blend, contrast, ensureContrast } from '../../src/render/color.ts';
import { buildTheme, difficultyColors } from '../../src/render/theme.ts';
import { ORB_ALPHA } from '../../src/render/background.ts';
import { layoutVideo } from '../../src/render/compose.ts';
import { textElements } from '../../src/render/draw.ts';
import { layoutContext, loadExample } from './helpers.ts';

const AA = 4.5;

describe('theme contrast (WCAG AA ≥ 4.5:1)', () => {
  for (const mode of THEME_MODES) {
    for (const accent of ACCENTS) {
      it(`${accent} ${mode}: every text colour on every backdrop it is used on`, () => {
        const t = buildTheme(accent, mode);
        // Backgrounds: the plain page, its gradient edge, and the page under the strongest accent glow.
        const pages = [t.background, t.backgroundEdge, blend(t.accent, t.background, ORB_ALPHA[mode])];
        const pairs: [string, string, string][] = [];
        for (const page of pages) for (const fg of ['text', 'textMuted', 'accentText'] as const) pairs.push([fg, t[fg], page]);
        for (const fg of ['text', 'textMuted', 'accentText', 'successText'] as const) pairs.push([fg, t[fg], t.surface]);
        pairs.push(['text on tint', t.text, t.accentTint], ['accentText on tint', t.accentText, t.accentTint], ['onAccent', t.onAccent, t.accentFill]);
        pairs.push(['successText on successTint', t.successText, t.successTint], ['codeText', t.codeText, t.codeBackground], ['codeMuted', t.codeMuted, t.codeBackground], ['codeText on header', t.codeText, t.codeHeader]);
        for (const d of ['easy', 'medium', 'hard'] as const) pairs.push([`${d} badge`, difficultyColors(t, d).text, difficultyColors(t, d).tint]);
        const failing = pairs.filter(([, fg, bg]) => contrast(fg, bg) < AA).map(([name, fg, bg]) => `${name} ${fg} on ${bg}: ${contrast(fg, bg).toFixed(2)}`);
        expect(failing).toEqual([]);
      });
    }
  }

  it('ensureContrast lifts faint syntax colours to AA', () => {
    const fixed = ensureContrast('#6a737d', '#0f172a');
    expect(contrast(fixed, '#0f172a')).toBeGreaterThanOrEqual(AA);
  });
});

describe('every text element of every scene kind meets AA on what it is drawn on', () => {
  for (const mode of THEME_MODES) {
    for (const accent of ACCENTS) {
      it(`all kinds, ${accent} ${mode}`, async () => {
        const spec = { ...loadExample(), theme: { name: 'default', accent, mode } };
        const laid = layoutVideo(spec, await layoutContext());
        const failing: string[] = [];
        for (const scene of laid) {
          for (const el of textElements(scene.elements)) {
            if (el.type === 'text') {
              if (el.text.lines.length && contrast(el.color, el.on) < AA) failing.push(`${scene.scene.id}: "${el.text.lines[0]}" ${el.color} on ${el.on} = ${contrast(el.color, el.on).toFixed(2)}`);
            } else {
              for (const line of el.lines) {
                for (const token of [...line.tokens, ...(line.gutter ? [{ text: line.gutter.text, color: line.gutter.color }] : [])]) {
                  const backdrop = line.emphasis ? el.emphasisFill : el.on;
                  if (token.text.trim() && contrast(token.color, backdrop) < AA) failing.push(`${scene.scene.id}: code "${token.text}" ${token.color} on ${backdrop}`);
                }
              }
            }
          }
        }
        expect(failing).toEqual([]);
      });
    }
  }
});

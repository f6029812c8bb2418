import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FONT_FILES, fontFaceSource } from '../../src/render/font-manifest.ts';
import { FAMILY, ITALIC_WEIGHTS, REGISTERED_WEIGHTS, type FontFamilyKey } from '../../src/render/fonts.ts';
import { fontFilePath } from '../../src/media/fonts.ts';

describe('the isomorphic font manifest', () => {
  it('lists one installed file per family, weight and style the renderer registers, and nothing else', () => {
    const expected = (Object.keys(FAMILY) as FontFamilyKey[]).flatMap((key) => [
      ...REGISTERED_WEIGHTS[key].map((w) => `${FAMILY[key]} ${w} normal`),
      ...(ITALIC_WEIGHTS[key] ?? []).map((w) => `${FAMILY[key]} ${w} italic`),
    ]);
    expect(FONT_FILES.map((f) => `${f.family} ${f.weight} ${f.style}`)).toEqual(expected);
    for (const f of FONT_FILES) expect(existsSync(fontFilePath(f.pkg, f.file)), `${f.pkg}/${f.file}`).toBe(true);
    expect(FONT_FILES).toContainEqual(expect.objectContaining({ family: 'JetBrains Mono', style: 'italic', file: '400Regular_Italic/JetBrainsMono_400Regular_Italic.ttf' }));
  });

  it('gives a browser the FontFace arguments for files served from the npm packages', () => {
    const inter = FONT_FILES.find((f) => f.family === 'Inter' && f.weight === 700)!;
    expect(fontFaceSource(inter, '/fonts/')).toEqual({
      family: 'Inter',
      source: 'url("/fonts/@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf")',
      descriptors: { weight: '700', style: 'normal' },
    });
  });
});

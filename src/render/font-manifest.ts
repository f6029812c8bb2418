import { FAMILY, ITALIC_WEIGHTS, REGISTERED_WEIGHTS, type FontFamilyKey, type FontWeight } from './fonts.ts';

/**
 * Which font file backs each family, weight and style: the npm package it ships in and its path inside the package.
 * Isomorphic data: media/fonts.ts registers these files with the node canvas, and a browser preview builds one
 * FontFace per entry from a URL where the packages are served (fontFaceSource), so both draw the same glyphs.
 */
export interface FontFile {
  /** Key in FAMILY (render/fonts.ts). */
  key: FontFamilyKey;
  /** CSS family name the renderer asks for. */
  family: string;
  weight: FontWeight;
  style: 'normal' | 'italic';
  /** npm package the file ships in. */
  pkg: string;
  /** Path of the .ttf inside the package. */
  file: string;
}

/** The @expo-google-fonts package of each family and the file-name stem its files share. */
const PACKAGES: Record<FontFamilyKey, { pkg: string; stem: string }> = {
  sans: { pkg: '@expo-google-fonts/inter', stem: 'Inter' },
  mono: { pkg: '@expo-google-fonts/jetbrains-mono', stem: 'JetBrainsMono' },
  arabic: { pkg: '@expo-google-fonts/noto-sans-arabic', stem: 'NotoSansArabic' },
  hebrew: { pkg: '@expo-google-fonts/noto-sans-hebrew', stem: 'NotoSansHebrew' },
  cjk: { pkg: '@expo-google-fonts/noto-sans-sc', stem: 'NotoSansSC' },
  korean: { pkg: '@expo-google-fonts/noto-sans-kr', stem: 'NotoSansKR' },
  devanagari: { pkg: '@expo-google-fonts/noto-sans-devanagari', stem: 'NotoSansDevanagari' },
  emoji: { pkg: '@expo-google-fonts/noto-color-emoji', stem: 'NotoColorEmoji' },
};

/** The packages' folder (and file-name suffix) per weight, e.g. 400Regular/Inter_400Regular.ttf. */
const WEIGHT_DIR: Record<FontWeight, string> = { 400: '400Regular', 500: '500Medium', 600: '600SemiBold', 700: '700Bold', 800: '800ExtraBold' };

function fontFile(key: FontFamilyKey, weight: FontWeight, style: FontFile['style']): FontFile {
  const { pkg, stem } = PACKAGES[key];
  const dir = `${WEIGHT_DIR[weight]}${style === 'italic' ? '_Italic' : ''}`;
  return { key, family: FAMILY[key], weight, style, pkg, file: `${dir}/${stem}_${dir}.ttf` };
}

/** Every font file the renderer uses, in registration order (family by family, upright weights then italics). */
export const FONT_FILES: readonly FontFile[] = (Object.keys(FAMILY) as FontFamilyKey[]).flatMap((key) => [
  ...REGISTERED_WEIGHTS[key].map((w) => fontFile(key, w, 'normal')),
  ...(ITALIC_WEIGHTS[key] ?? []).map((w) => fontFile(key, w, 'italic')),
]);

/**
 * What a browser needs for `new FontFace(family, source, descriptors)` when the npm packages are served under
 * `baseUrl` (so `${baseUrl}/@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf` is the file).
 */
export function fontFaceSource(file: FontFile, baseUrl: string): { family: string; source: string; descriptors: { weight: string; style: string } } {
  const url = `${baseUrl.replace(/\/+$/, '')}/${file.pkg}/${file.file}`;
  return { family: file.family, source: `url(${JSON.stringify(url)})`, descriptors: { weight: String(file.weight), style: file.style } };
}

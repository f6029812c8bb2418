import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';
import { FAMILY, REGISTERED_WEIGHTS } from '../render/fonts.ts';
import { VideogenError } from '../errors.ts';

const require = createRequire(import.meta.url);

const PACKAGES: Record<keyof typeof FAMILY, { pkg: string; file: string }> = {
  sans: { pkg: '@expo-google-fonts/inter', file: 'Inter' },
  mono: { pkg: '@expo-google-fonts/jetbrains-mono', file: 'JetBrainsMono' },
  arabic: { pkg: '@expo-google-fonts/noto-sans-arabic', file: 'NotoSansArabic' },
  hebrew: { pkg: '@expo-google-fonts/noto-sans-hebrew', file: 'NotoSansHebrew' },
  cjk: { pkg: '@expo-google-fonts/noto-sans-sc', file: 'NotoSansSC' },
  korean: { pkg: '@expo-google-fonts/noto-sans-kr', file: 'NotoSansKR' },
  devanagari: { pkg: '@expo-google-fonts/noto-sans-devanagari', file: 'NotoSansDevanagari' },
  emoji: { pkg: '@expo-google-fonts/noto-color-emoji', file: 'NotoColorEmoji' },
};

const WEIGHT_DIR: Record<number, string> = { 400: '400Regular', 500: '500Medium', 600: '600SemiBold', 700: '700Bold', 800: '800ExtraBold' };

let registered = false;

/** Registers every font the renderer uses, once per process. Throws FONT_MISSING naming the package to reinstall. */
export function registerFonts(): void {
  if (registered) return;
  for (const [role, { pkg, file }] of Object.entries(PACKAGES) as [keyof typeof FAMILY, { pkg: string; file: string }][]) {
    const root = dirname(require.resolve(`${pkg}/package.json`));
    for (const weight of REGISTERED_WEIGHTS[role]) {
      const dir = WEIGHT_DIR[weight]!;
      const path = join(root, dir, `${file}_${dir}.ttf`);
      if (!existsSync(path)) throw new VideogenError('FONT_MISSING', `font file ${path} is missing; run \`npm ci\` to reinstall ${pkg}`);
      GlobalFonts.registerFromPath(path, FAMILY[role]);
    }
    if (role === 'mono') {
      // Comments in code are italic; a real italic face reads better than a slanted regular.
      GlobalFonts.registerFromPath(join(root, '400Regular_Italic', `${file}_400Regular_Italic.ttf`), FAMILY[role]);
    }
  }
  registered = true;
}

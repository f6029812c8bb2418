import { FONT_FILES, fontFaceSource, type FontFile } from '../../../src/render/font-manifest.ts';
import type { FontFamilyKey } from '../../../src/render/fonts.ts';

/** Where `videogen serve` serves the npm font packages (src/server/routes/web.ts). */
const FONT_BASE = '/fonts';

/** Inter and JetBrains Mono draw every Latin scene: loaded eagerly. */
const LATIN: readonly FontFamilyKey[] = ['sans', 'mono'];

/** The scripts that need a fallback family; those files (several MB for CJK and emoji) load only when text needs them. */
const SCRIPT_FAMILIES: readonly [FontFamilyKey, RegExp][] = [
  ['arabic', /\p{Script=Arabic}/u],
  ['hebrew', /\p{Script=Hebrew}/u],
  ['cjk', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['korean', /\p{Script=Hangul}/u],
  ['devanagari', /\p{Script=Devanagari}/u],
  ['emoji', /\p{Extended_Pictographic}/u],
];

/** The families a spec's text needs: the Latin pair plus every script its strings contain. */
export function familiesFor(spec: unknown): FontFamilyKey[] {
  const text = JSON.stringify(spec);
  return [...LATIN, ...SCRIPT_FAMILIES.filter(([, script]) => script.test(text)).map(([key]) => key)];
}

const faces = new Map<FontFile, Promise<unknown>>();

function loadFile(file: FontFile): Promise<unknown> {
  let loading = faces.get(file);
  if (!loading) {
    const { family, source, descriptors } = fontFaceSource(file, FONT_BASE);
    const face = new FontFace(family, source, descriptors);
    document.fonts.add(face);
    // A file that fails to load leaves the fallback font drawing: the preview says so rather than hanging.
    loading = face.load();
    faces.set(file, loading);
  }
  return loading;
}

/** Loads (once per page) every file of these families; resolves when all are usable by a canvas. */
export async function loadFamilies(keys: readonly FontFamilyKey[]): Promise<void> {
  await Promise.all(FONT_FILES.filter((file) => keys.includes(file.key)).map(loadFile));
}

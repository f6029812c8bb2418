import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';
import { GlobalFonts } from '@napi-rs/canvas';
import { FONT_FILES } from '../render/font-manifest.ts';
import { VideogenError } from '../errors.ts';

const require = createRequire(import.meta.url);

let registered = false;

/** Absolute path of a manifest file in the installed package (the one `npm ci` put in node_modules). */
export function fontFilePath(pkg: string, file: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), file);
}

/**
 * Registers every font the renderer uses (render/font-manifest.ts), once per process. Throws FONT_MISSING naming the
 * package to reinstall.
 */
export function registerFonts(): void {
  if (registered) return;
  for (const { pkg, file, family } of FONT_FILES) {
    const path = fontFilePath(pkg, file);
    if (!existsSync(path)) throw new VideogenError('FONT_MISSING', `font file ${path} is missing; run \`npm ci\` to reinstall ${pkg}`);
    GlobalFonts.registerFromPath(path, family);
  }
  registered = true;
}

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FILES } from '../render/font-manifest.ts';
import { fontFilePath } from '../media/fonts.ts';
import { VideogenError } from '../errors.ts';

/**
 * What the pixels of a segment depend on besides its inputs:
 * - the code that lays out, draws, times, decodes and encodes (render, timeline, media, the segment renderer and its
 *   pictures);
 * - the font files the renderer registers (a font package update moves glyphs);
 * - the @napi-rs/canvas version and the platform its native Skia build is for (rasterisation differs between them).
 * Its hash goes into every segment key, so a changed renderer never reuses a segment drawn by the old one and workers
 * with different builds never share one — no version to remember to bump. Read once per process, at load (about a
 * hundred small files and ~60 MB of fonts: ~150 ms).
 *
 * Paths are hashed relative to the code root (src/ under tsx, dist/ when compiled), so two installs of the same build
 * in different folders agree; compiled JS and TypeScript differ in content and so get different fingerprints, which is
 * safe (they merely do not share segments).
 */
const CODE_PARTS = ['../render/', '../timeline/', '../media/', './segments.', './segment-pictures.'];

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const codeRoot = dirname(here);


function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function codeFiles(part: string): string[] {
  const path = fileURLToPath(new URL(part, import.meta.url));
  if (part.endsWith('/')) return filesUnder(path);
  const stem = part.slice(2);
  return readdirSync(here)
    .filter((f) => f.startsWith(stem))
    .map((f) => join(here, f));
}

/** Forward slashes whatever the OS, so a Windows and a Linux checkout of the same code hash their paths alike. */
const portable = (path: string) => relative(codeRoot, path).split(sep).join('/');

function canvasBuild(): string {
  const { version } = JSON.parse(readFileSync(require.resolve('@napi-rs/canvas/package.json'), 'utf8')) as { version: string };
  return `${version} ${process.platform}-${process.arch}`;
}

function computeFingerprint(): string {
  const hash = createHash('sha256');
  for (const part of CODE_PARTS) {
    for (const file of codeFiles(part).sort()) {
      if (!statSync(file).isFile()) continue;
      hash.update(portable(file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  // By package and file name, not absolute path: where node_modules sits does not change a glyph.
  for (const font of FONT_FILES) {
    const path = fontFilePath(font.pkg, font.file);
    if (!existsSync(path)) throw new VideogenError('FONT_MISSING', `font file ${path} is missing; run \`npm ci\` to reinstall ${font.pkg}`);
    hash.update(`font ${font.pkg}/${font.file}`).update('\0').update(readFileSync(path)).update('\0');
  }
  hash.update(`canvas ${canvasBuild()}`);
  return hash.digest('hex').slice(0, 16);
}

/**
 * Computed when this module loads, i.e. together with the renderer modules it describes: a process must hash the code
 * it runs, not files that a rebuild or an upgrade has replaced on disk since it started (it would then claim the new
 * build's segments while drawing with the old code).
 */
const fingerprint = computeFingerprint();

export function rendererFingerprint(): string {
  return fingerprint;
}

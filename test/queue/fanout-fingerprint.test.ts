import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rendererFingerprint } from '../../src/pipeline/renderer-fingerprint.ts';
import { tempDir } from './helpers.ts';

const root = resolve(import.meta.dirname, '../..');

/** The fingerprint as plain Node computes it from a compiled dist/ (no tsx), in `dir`. */
function distFingerprint(dir: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./dist/pipeline/renderer-fingerprint.js'); process.stdout.write(m.rendererFingerprint());"], { cwd: dir, encoding: 'utf8' });
}

/**
 * A copy of the compiled package in a folder of its own whose node_modules links to the real one, except the packages
 * in `own`, which are copied so the test may change them.
 */
function installCopy(own: string[] = []): string {
  const dir = tempDir('fingerprint-install');
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'videogen-copy', type: 'module' }));
  const modules = join(dir, 'node_modules');
  const link = (name: string) => {
    if (own.includes(name)) return cpSync(join(root, 'node_modules', name), join(modules, name), { recursive: true, dereference: true });
    if (own.some((o) => o.startsWith(`${name}/`))) {
      mkdirSync(join(modules, name), { recursive: true });
      for (const inner of readdirSync(join(root, 'node_modules', name))) link(`${name}/${inner}`);
      return;
    }
    symlinkSync(join(root, 'node_modules', name), join(modules, name));
  };
  mkdirSync(modules, { recursive: true });
  for (const name of readdirSync(join(root, 'node_modules'))) link(name);
  return dir;
}

describe('renderer fingerprint: code, fonts and canvas build, the same wherever it is installed', () => {
  it('is a stable 16-hex hash under tsx', () => {
    expect(rendererFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(rendererFingerprint()).toBe(rendererFingerprint());
  });

  it('works from compiled JS on plain Node, and two installs of one build in different folders agree', () => {
    const here = distFingerprint(root);
    expect(here).toMatch(/^[0-9a-f]{16}$/);
    expect(distFingerprint(installCopy())).toBe(here);
  }, 60_000);

  it('changes when a font file or the @napi-rs/canvas version changes', () => {
    const here = distFingerprint(root);
    const fonts = installCopy(['@expo-google-fonts/inter']);
    const font = join(fonts, 'node_modules/@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf');
    const bytes = readFileSync(font);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    writeFileSync(font, bytes);
    expect(distFingerprint(fonts)).not.toBe(here);

    const canvas = installCopy(['@napi-rs/canvas']);
    const manifest = join(canvas, 'node_modules/@napi-rs/canvas/package.json');
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    writeFileSync(manifest, JSON.stringify({ ...pkg, version: `${pkg.version}-other` }));
    expect(distFingerprint(canvas)).not.toBe(here);
  }, 60_000);
});

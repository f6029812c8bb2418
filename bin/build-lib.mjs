#!/usr/bin/env node
// Compiles src/** into dist/** for the published package and the `videogen` bin.
//
//   node bin/build-lib.mjs                     tsc, type-checked: JS + .d.ts
//   node bin/build-lib.mjs --fast --declarations
//                                              tsc without type-checking: JS + .d.ts (npm run build:lib, so prepare:
//                                              a type error must not fail `npm ci`; `npm run typecheck` checks)
//   node bin/build-lib.mjs --fast              JS only, esbuild file by file (1–3 s instead of tsc's 10–30 s on two
//                                              cores): the vitest global setup and a checkout's bin
//   --if-stale                                 only when a source is newer than the last build
//
// The build goes to a side folder and is swapped in with two renames under a lock, so a test or a CLI run that starts
// meanwhile sees the old dist or the new one, never half of one. Plain Node on purpose: `prepare` runs it during
// `npm ci`, and an installed package never needs it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** Written last into a finished build; its mtime is the time the build started (edits during a build count as newer). */
export const STAMP = join(DIST, '.build-stamp');
const LOCK = join(ROOT, '.dist-build-lock');
/** Everything dist is made from. */
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** True when dist exists, no input changed since it was built, and it has declarations if they are needed. */
export function distIsFresh({ declarations = false } = {}) {
  if (!existsSync(STAMP)) return false;
  if (declarations && !readFileSync(STAMP, 'utf8').includes('declarations')) return false;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.every((input) => newest(join(ROOT, input)) <= built);
}

/** `./x.ts` → `./x.js` in relative import and export specifiers (static, dynamic and side-effect imports). */
const rewriteSpecifiers = (code) => code.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"\n]*?)\.ts\2/g, '$1$2$3.js$2');

function sourcesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Every module transpiled on its own (src/ uses `verbatimModuleSyntax`: type-only imports are marked, so nothing
 * needs another file's types), with tsc's class-field semantics for ES2022.
 */
function esbuildJs(side) {
  // esbuild is CommonJS: required synchronously, and only here (a dev dependency; the full build does not use it).
  const { buildSync } = createRequire(import.meta.url)('esbuild');
  const result = buildSync({
    entryPoints: sourcesUnder(join(ROOT, 'src')),
    outdir: side,
    outbase: join(ROOT, 'src'),
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'silent',
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true, target: 'ES2022' } },
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, rewriteSpecifiers(file.text));
  }
}

function tscBuild(side, check) {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  const args = [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', side, ...(check ? [] : ['--noCheck'])];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building dist failed (tsc exit ${result.status}):\n${result.stdout}${result.stderr}`);
  rewriteDeclarationSpecifiers(side);
}

/** Files tsc does not emit but the code loads at run time (e.g. the document worker's bootstrap). */
function copyRuntimeFiles(from, to) {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyRuntimeFiles(source, target);
    else if (!entry.name.endsWith('.ts')) {
      mkdirSync(to, { recursive: true });
      copyFileSync(source, target);
    }
  }
}

/**
 * tsc rewrites `./x.ts` to `./x.js` in the emitted JS but leaves the declarations' specifiers as written. TypeScript
 * 5 resolves those; older compilers and other tools reading the .d.ts files expect `.js`, as in the JS next to them.
 */
function rewriteDeclarationSpecifiers(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) rewriteDeclarationSpecifiers(path);
    else if (entry.name.endsWith('.d.ts')) {
      const text = readFileSync(path, 'utf8');
      const rewritten = text.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3.js$2');
      if (rewritten !== text) writeFileSync(path, rewritten);
    }
  }
}

function lockHolderAlive() {
  try {
    const pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours. No pid file yet: the holder is between mkdir and write.
    return error.code === 'EPERM' || error.code === 'ENOENT';
  }
}

function takeLock() {
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    if (!lockHolderAlive()) rmSync(LOCK, { recursive: true, force: true });
    else if (Date.now() > until) throw new Error(`dist build: ${relative(ROOT, LOCK)} has been held for 3 minutes; remove it if no build is running`);
    else spawnSync('sleep', ['0.3']);
  }
}

/**
 * Compiles src into `dir` (replaced), stamped with the time the build started; no lock, no swap. buildLib uses it for
 * dist/; the packed-package test builds a package of its own with it, leaving the dist other tests run untouched.
 */
export function buildInto(dir, { fast = false, declarations = !fast } = {}) {
  const started = Date.now();
  rmSync(dir, { recursive: true, force: true });
  if (fast && !declarations) esbuildJs(dir);
  else tscBuild(dir, !fast);
  copyRuntimeFiles(join(ROOT, 'src'), dir);
  const stamp = join(dir, '.build-stamp');
  writeFileSync(stamp, `${new Date(started).toISOString()} ${fast ? (declarations ? 'unchecked declarations' : 'fast') : 'checked declarations'}\n`);
  // Dated back to the start, so a source edited while the build ran makes this build stale.
  utimesSync(stamp, started / 1000, started / 1000);
}

/**
 * Builds dist unless it is fresh (`force` builds anyway): `fast` transpiles JS with esbuild, `fast` + `declarations`
 * emits JS and .d.ts with tsc unchecked, neither is the full type-checked tsc build. Returns the milliseconds spent
 * building, 0 if none. Synchronous (esbuild's buildSync, tsc as a child), so the bin and vitest's setup can call it.
 */
export function buildLib({ fast = false, declarations = !fast, force = false } = {}) {
  if (!force && distIsFresh({ declarations })) return 0;
  takeLock();
  const side = join(ROOT, `dist.next-${process.pid}`);
  try {
    // Another run may have finished a build while this one waited for the lock.
    if (!force && distIsFresh({ declarations })) return 0;
    const started = Date.now();
    buildInto(side, { fast, declarations });
    const old = join(ROOT, `dist.old-${process.pid}`);
    if (existsSync(DIST)) renameSync(DIST, old);
    renameSync(side, DIST);
    rmSync(old, { recursive: true, force: true });
    return Date.now() - started;
  } catch (error) {
    rmSync(side, { recursive: true, force: true });
    throw error;
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const fast = process.argv.includes('--fast');
  const ms = buildLib({ fast, declarations: !fast || process.argv.includes('--declarations'), force: !process.argv.includes('--if-stale') });
  process.stdout.write(ms ? `dist built in ${(ms / 1000).toFixed(1)} s\n` : 'dist is up to date\n');
}

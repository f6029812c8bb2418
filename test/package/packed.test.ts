import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInto } from '../../bin/build-lib.mjs';

/**
 * The published package, as a user gets it: `npm pack`, installed into an empty project, used on plain Node (no tsx,
 * no loader). The package is staged in a folder of its own: its dist/ is built there the way `npm run build:lib`
 * builds it (JS + declarations), next to this checkout's web/dist (fresh: the global setup built it), so the shared
 * dist/ other tests run is never swapped under them, and `npm pack` skips `prepare`. The install is offline: the empty project gets a lockfile made from this
 * repository's (the production part), so npm takes every dependency from the cache `npm ci` filled.
 */
const ROOT = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'videogen-packed-'));
const project = join(work, 'consumer');
let tarball = '';

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  // No TypeScript loader leaks in from the test runner: NODE_OPTIONS is cleared, VITEST too (bin/ must not care).
  const { NODE_OPTIONS: _n, VITEST: _v, ...rest } = process.env;
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...rest, ...env }, timeout: 300_000 });
  if (result.error) throw result.error;
  return result;
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
  return result.stdout;
}

/** Directories named `name` anywhere under `dir` (nested node_modules included). */
function findPackageDirs(dir: string, name: string, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    if (entry.name === name) found.push(path);
    else if (entry.name === 'node_modules' || dir.endsWith('node_modules') || entry.name.startsWith('@')) findPackageDirs(path, name, found);
  }
  return found;
}

/** The consumer's package.json and lockfile: videogen from the tarball, its dependencies pinned as this repo pins them. */
function writeConsumer(tgz: string): void {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; link?: boolean; version?: string }> };
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> };
  const spec = `file:${tgz}`;
  const packages: Record<string, unknown> = { '': { name: 'consumer', dependencies: { videogen: spec } } };
  packages['node_modules/videogen'] = { version: pkg.version, resolved: spec, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines };
  for (const [path, entry] of Object.entries(lock.packages)) if (path.startsWith('node_modules/') && !entry.dev && !entry.link) packages[path] = entry;
  // This repo overrides pdfjs-dist's optional canvas with its own; a consumer without the override would resolve a
  // second canvas build from the registry, which an offline install cannot.
  const overrides = { 'pdfjs-dist': { '@napi-rs/canvas': lock.packages['node_modules/@napi-rs/canvas']!.version } };
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { videogen: spec }, overrides }, null, 2));
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2));
}

/** What `files` in package.json publishes, with a dist/ built for it. */
function stagePackage(): string {
  const stage = join(work, 'stage');
  for (const path of ['package.json', 'README.md', 'LICENSE', 'bin/videogen.mjs', 'schema', 'templates', 'web/dist']) if (existsSync(join(ROOT, path))) cpSync(join(ROOT, path), join(stage, path), { recursive: true });
  buildInto(join(stage, 'dist'), { fast: true, declarations: true });
  return stage;
}

beforeAll(() => {
  const packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], stagePackage()), 'npm pack')) as { filename: string; files: { path: string }[] }[];
  tarball = join(work, packed[0]!.filename);
  writeConsumer(tarball);
  ok(run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--loglevel', 'error'], project), 'npm ci of the tarball');
}, 600_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed package', { timeout: 300_000 }, () => {
  it('holds the compiled library, the bin and the runtime files, and no TypeScript sources or build scripts', () => {
    const files = ok(run('tar', ['tzf', tarball], work), 'tar').split('\n').filter(Boolean);
    for (const file of ['package/dist/index.js', 'package/dist/index.d.ts', 'package/dist/cli/main.js', 'package/bin/videogen.mjs', 'package/dist/sources/document/worker-entry.mjs', 'package/schema/videogen.schema.json', 'package/web/dist/index.html']) expect(files).toContain(file);
    expect(files.some((f) => f.startsWith('package/templates/') && f.endsWith('.yaml'))).toBe(true);
    expect(files.filter((f) => f.startsWith('package/src/') || f.startsWith('package/test/'))).toEqual([]);
    expect(files).not.toContain('package/bin/build-lib.mjs');
  });

  it('installs without tsx anywhere in the tree', () => {
    expect(existsSync(join(project, 'node_modules/videogen/dist/index.js'))).toBe(true);
    expect(findPackageDirs(join(project, 'node_modules'), 'tsx')).toEqual([]);
  });

  it('imports on plain Node and builds and validates a spec', () => {
    writeFileSync(join(project, 'build.mjs'), [
      "import { video, render, validateSpec } from 'videogen';",
      "const spec = video({ id: 'packed', title: 'Packed' }).title({ title: 'Hello', narration: 'Hello from the package.' }).outro({ title: 'Bye' }).build();",
      'const checked = validateSpec(spec);',
      'console.log(JSON.stringify({ ok: checked.ok, kinds: spec.scenes.map((s) => s.kind), render: typeof render }));',
    ].join('\n'));
    const out = JSON.parse(ok(run(process.execPath, ['build.mjs'], project), 'the library import').trim());
    expect(out).toEqual({ ok: true, kinds: ['title', 'outro'], render: 'function' });
  });

  it('type-checks a consumer against the installed declarations (skipLibCheck off)', () => {
    writeFileSync(join(project, 'consumer.ts'), [
      "import { video, render, validateSpec, VideogenError, type RenderResult, type VideoSpec } from 'videogen';",
      "const spec: VideoSpec = video({ id: 'typed', title: 'Typed' }).title({ title: 'Hi' }).build();",
      'const checked = validateSpec(spec);',
      'if (checked.ok) console.log(checked.value.scenes.length);',
      "const pending: Promise<RenderResult> = render(spec, { outputDir: 'out', preset: 'draft' });",
      'void pending;',
      "const error: VideogenError = new VideogenError('SPEC_INVALID', 'x');",
      'console.log(error.code);',
      '// @ts-expect-error -- a scene kind that does not exist',
      "video({ id: 'x', title: 'x' }).nope({});",
      '// @ts-expect-error -- a preset that does not exist',
      "void render(spec, { outputDir: 'out', preset: 'fastest' });",
    ].join('\n'));
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')] },
      files: ['consumer.ts'],
    }));
    ok(run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], project), 'tsc on the consumer');
  });

  it('runs the installed bin: --help and validate', () => {
    const bin = join(project, 'node_modules/.bin/videogen');
    const help = ok(run(bin, ['--help'], project), 'videogen --help');
    for (const command of ['validate', 'render', 'create', 'serve', 'worker']) expect(help).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    writeFileSync(join(project, 'spec.yaml'), 'id: tiny\ntitle: Tiny\nscenes:\n  - kind: title\n    title: Tiny\n    narration: A tiny video.\n');
    expect(ok(run(bin, ['validate', 'spec.yaml'], project), 'videogen validate')).toMatch(/spec\.yaml is a valid video spec \(1 scenes\)/);
    const bad = run(bin, ['validate', join(ROOT, 'test/fixtures/five-mistakes.yaml')], project);
    expect(bad.status).toBe(1);
  });

  it('renders a tiny draft video through the installed library', () => {
    const out = join(project, 'out');
    writeFileSync(join(project, 'render.mjs'), [
      "import { video, render } from 'videogen';",
      "const spec = video({ id: 'tiny', title: 'Tiny' }).title({ title: 'Tiny', narration: 'A tiny video from the package.' }).build();",
      `const result = await render(spec, { outputDir: ${JSON.stringify(out)}, preset: 'draft' });`,
      'console.log(JSON.stringify({ video: result.files.video }));',
    ].join('\n'));
    const result = JSON.parse(ok(run(process.execPath, ['render.mjs'], project, { VIDEOGEN_HOME: join(work, 'home') }), 'render').trim().split('\n').at(-1)!) as { video: string };
    const probe = JSON.parse(ok(run('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', result.video], project), 'ffprobe')) as { streams: { codec_type: string; codec_name: string; width?: number; height?: number }[]; format: { duration: string } };
    const videoStream = probe.streams.find((s) => s.codec_type === 'video');
    expect(videoStream).toMatchObject({ codec_name: 'h264', width: 1280, height: 720 });
    expect(probe.streams.some((s) => s.codec_type === 'audio')).toBe(true);
    expect(Number(probe.format.duration)).toBeGreaterThan(1);
  });
});

import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_FILES, confinePath, type FileScope } from '../../src/sources/confine.ts';
import { loadUploadedSpec, loadYamlSource } from '../../src/sources/yaml.ts';

/** Real folders and real symbolic links: `root/` may be read, `outside/` may not. */
let root: string;
let outside: string;
const use = { field: 'videos[0].file', what: 'a set entry', instead: 'put the video inline' };
const video = (title: string) => stringify({ id: title.toLowerCase(), title, scenes: [{ kind: 'title', title }] });

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'videogen-confine-'));
  root = join(dir, 'root');
  outside = join(dir, 'outside');
  mkdirSync(join(root, 'parts', 'deeper'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'parts', 'intro.yaml'), video('Intro'));
  writeFileSync(join(outside, 'secret.yaml'), video('Secret'));
  symlinkSync(join(root, 'parts', 'intro.yaml'), join(root, 'inner-link.yaml'));
  symlinkSync(join(outside, 'secret.yaml'), join(root, 'outer-link.yaml'));
  symlinkSync(join(outside, 'gone.yaml'), join(root, 'dangling.yaml'));
  symlinkSync(outside, join(root, 'outer-dir'));
});

const scope = (): FileScope => ({ kind: 'folder', root });

describe('confinePath', () => {
  it('accepts relative paths inside the folder, links that stay inside, and missing files inside (the reader says "no such file")', async () => {
    await expect(confinePath(scope(), 'parts/intro.yaml', use)).resolves.toBe(join(root, 'parts/intro.yaml'));
    await expect(confinePath(scope(), './parts/./intro.yaml', use)).resolves.toBe(join(root, 'parts/intro.yaml'));
    await expect(confinePath(scope(), 'inner-link.yaml', use)).resolves.toBe(join(root, 'inner-link.yaml'));
    await expect(confinePath(scope(), 'parts/deeper/new.yaml', use)).resolves.toBe(join(root, 'parts/deeper/new.yaml'));
  });

  it('refuses absolute paths, "..", home and drive paths, NUL bytes, and links leading out — without looking at what they name', async () => {
    for (const ref of ['/etc/passwd', join(outside, 'secret.yaml'), '../outside/secret.yaml', 'parts/../../outside/secret.yaml', '..', '~/x.yaml', 'C:\\x.yaml', '\\\\server\\share', 'a\0b', '', 'outer-link.yaml', 'dangling.yaml', 'outer-dir/secret.yaml', 'outer-dir/missing.yaml']) {
      await expect(confinePath(scope(), ref, use), ref).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN', status: 403 });
    }
  });

  it('says the same for an existing and a missing forbidden file', async () => {
    const message = async (ref: string) => ((await confinePath(scope(), ref, use).catch((e: Error) => e)) as Error).message.replace(ref, '<ref>');
    expect(await message('outer-dir/secret.yaml')).toBe(await message('outer-dir/missing.yaml'));
    expect(await message(join(outside, 'secret.yaml'))).toBe(await message(join(outside, 'missing.yaml')));
  });

  it('NO_FILES (uploads, API bodies) refuses every path, even one inside the current folder', async () => {
    for (const ref of ['parts/intro.yaml', 'intro.yaml', '/etc/passwd']) {
      await expect(confinePath(NO_FILES, ref, use)).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN', message: expect.stringContaining('cannot name files') });
    }
  });
});

describe('the YAML source confines what sets and templates name', () => {
  it('a set on the CLI reads entries in its folder and refuses one that links out', async () => {
    writeFileSync(join(root, 'ok-set.yaml'), stringify({ id: 's', name: 'S', videos: [{ file: 'parts/intro.yaml' }, { file: 'inner-link.yaml' }], naming: { pattern: '{index}-{id}' } }));
    const ok = await loadYamlSource(join(root, 'ok-set.yaml'));
    expect(ok.kind === 'set' && ok.specs.map((s) => s.title)).toEqual(['Intro', 'Intro']);
    writeFileSync(join(root, 'bad-set.yaml'), stringify({ id: 's', name: 'S', videos: [{ file: 'outer-link.yaml' }] }));
    await expect(loadYamlSource(join(root, 'bad-set.yaml'))).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
  });

  it('a template file named from a subfolder may not climb back out of that subfolder', async () => {
    writeFileSync(join(root, 'parts', 'tpl.yaml'), stringify({ name: 'tpl', description: 'T', variables: { title: { type: 'string', description: 'Title' } }, body: { title: '{{title}}', scenes: [{ kind: 'title', title: '{{title}}' }] } }));
    writeFileSync(join(root, 'instance.yaml'), stringify({ template: 'parts/tpl.yaml', variables: { title: 'From a file' } }));
    const r = await loadYamlSource(join(root, 'instance.yaml'));
    expect(r.kind === 'video' && r.spec.title).toBe('From a file');
    writeFileSync(join(root, 'parts', 'climb.yaml'), stringify({ id: 's', name: 'S', videos: [{ file: '../parts/intro.yaml' }] }));
    await expect(loadYamlSource(join(root, 'parts', 'climb.yaml'))).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
  });

  it('an upload may use built-in templates by name but no file, and refusals never echo what a file holds', async () => {
    const builtIn = await loadUploadedSpec(stringify({ template: 'overview', variables: { title: 'SQLite', summary: 'A database in a file', features: ['One file'] } }), 'sqlite.yaml');
    expect(builtIn.kind === 'video' && builtIn.spec.title).toBe('SQLite');
    for (const ref of [join(outside, 'secret.yaml'), 'parts/intro.yaml', '../secret.yaml']) {
      const error = await loadUploadedSpec(stringify({ id: 's', name: 'S', videos: [{ file: ref }] }), 'set.yaml').catch((e: Error & { code: string }) => e);
      expect(error).toMatchObject({ code: 'SOURCE_FORBIDDEN' });
      expect((error as Error).message).not.toMatch(/Secret|Intro/);
      await expect(loadUploadedSpec(stringify({ template: ref, variables: {} }), 'i.yaml')).rejects.toMatchObject({ code: 'SOURCE_FORBIDDEN' });
    }
  });
});

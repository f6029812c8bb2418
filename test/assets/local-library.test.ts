import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalLibraryProvider, UNRECORDED_LICENSE } from '../../src/assets/local-library.ts';
import type { MediaQuery } from '../../src/assets/types.ts';
import { fakeFiles, tempDir } from './helpers.ts';

function library() {
  const dir = tempDir('library');
  const { video, image } = fakeFiles();
  mkdirSync(join(dir, 'coast'), { recursive: true });
  mkdirSync(join(dir, 'music'), { recursive: true });
  writeFileSync(join(dir, 'coast', 'fishing-boats_at_dawn.mp4'), video);
  writeFileSync(join(dir, 'coast', 'lighthouse.jpg'), image);
  writeFileSync(join(dir, 'DSC_0042.mp4'), video);
  writeFileSync(join(dir, 'DSC_0042.json'), JSON.stringify({ tags: ['market', 'spices', 'street food'], title: 'Spice market in Marrakesh', author: 'Sam Lee', license: 'CC BY 4.0', licenseUrl: 'https://creativecommons.org/licenses/by/4.0/', width: 1080, height: 1920, duration: 14 }));
  writeFileSync(join(dir, 'IMG_7.jpg'), image);
  writeFileSync(join(dir, 'IMG_7.txt'), 'mountain village\nsnow, winter');
  writeFileSync(join(dir, 'music', 'boats-theme.mp4'), video);
  writeFileSync(join(dir, 'notes.md'), 'boats');
  return dir;
}

const q = (terms: string, kind: MediaQuery['kind'] = 'any'): MediaQuery => ({ terms, kind, orientation: 'landscape', width: 1920, height: 1080 });

describe('local media library', () => {
  it('finds clips by the words of their file and folder names, plural or not', async () => {
    const lib = new LocalLibraryProvider(library());
    const found = await lib.search(q('fishing boat', 'video'));
    expect(found.map((c) => c.id)).toEqual(['coast/fishing-boats_at_dawn.mp4']);
    expect(found[0]).toMatchObject({ provider: 'local', kind: 'video', credit: { provider: 'local', title: 'fishing-boats_at_dawn', license: UNRECORDED_LICENSE } });
    expect((await lib.search(q('coast', 'image'))).map((c) => c.id)).toEqual(['coast/lighthouse.jpg']);
  });

  it('uses sidecar JSON tags, title, author, licence and size', async () => {
    const lib = new LocalLibraryProvider(library());
    const [c] = await lib.search(q('street food'));
    expect(c).toMatchObject({ id: 'DSC_0042.mp4', kind: 'video', width: 1080, height: 1920, duration: 14 });
    expect(c!.credit).toEqual({ provider: 'local', kind: 'video', title: 'Spice market in Marrakesh', author: 'Sam Lee', license: 'CC BY 4.0', licenseUrl: 'https://creativecommons.org/licenses/by/4.0/' });
  });

  it('uses sidecar text tags, and ranks the better match first', async () => {
    const lib = new LocalLibraryProvider(library());
    expect((await lib.search(q('snowy mountain village'))).map((c) => c.id)).toEqual(['IMG_7.jpg']);
    expect((await lib.search(q('winter'))).map((c) => c.id)).toEqual(['IMG_7.jpg']);
  });

  it('leaves out the music folder, other files and non-matches, and uses files in place', async () => {
    const dir = library();
    const lib = new LocalLibraryProvider(dir);
    const found = await lib.search(q('boats'));
    expect(found.map((c) => c.id)).toEqual(['coast/fishing-boats_at_dawn.mp4']);
    expect(lib.fileFor(found[0]!)).toBe(join(dir, 'coast', 'fishing-boats_at_dawn.mp4'));
    expect(await lib.search(q('volcano'))).toEqual([]);
    expect(new LocalLibraryProvider(undefined).available()).toBe(false);
  });
});

describe('plural stems', () => {
  it('match a library file named in the singular (octopuses → octopus.mp4, volcanoes → volcano.mp4)', async () => {
    const { stem } = await import('../../src/assets/words.ts');
    const pairs = [['octopuses', 'octopus'], ['volcanoes', 'volcano'], ['tomatoes', 'tomato'], ['heroes', 'hero'], ['classes', 'class'], ['buses', 'bus'], ['causes', 'cause'], ['houses', 'house'], ['boats', 'boat'], ['cities', 'city'], ['boxes', 'box'], ['shoes', 'shoe']];
    for (const [plural, single] of pairs) expect(stem(plural!), plural).toBe(stem(single!));
    expect(stem('glass')).toBe('glass');
  });
});

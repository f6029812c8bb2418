import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pickMusicTrack } from '../../src/assets/music-library.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'videogen-music-'));
  await mkdir(join(dir, 'calm'), { recursive: true });
  // The picker reads names and sidecars only, so tiny placeholder files stand in for tracks.
  await writeFile(join(dir, 'calm', 'rain.mp3'), 'x');
  await writeFile(join(dir, 'calm', 'lake.m4a'), 'x');
  await writeFile(join(dir, 'energetic-run.mp3'), 'x');
  await writeFile(join(dir, 'track07.wav'), 'x');
  await writeFile(join(dir, 'track07.json'), JSON.stringify({ mood: 'dramatic', title: 'Storm front', author: 'A. Composer', license: 'CC BY 4.0' }));
  await writeFile(join(dir, 'notes.txt'), 'not music');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('pickMusicTrack', () => {
  it('picks by mood from a sidecar, a mood folder or a mood word in the name', async () => {
    const dramatic = await pickMusicTrack({ dir, mood: 'dramatic', seed: 'a', minSeconds: 30 });
    expect(dramatic).toMatchObject({ path: join(dir, 'track07.wav'), title: 'Storm front', credit: { provider: 'local', author: 'A. Composer', license: 'CC BY 4.0' } });
    const energetic = await pickMusicTrack({ dir, mood: 'energetic', seed: 'a', minSeconds: 30 });
    expect(energetic).toMatchObject({ path: join(dir, 'energetic-run.mp3'), title: 'Energetic run' });
    for (const seed of ['a', 'b', 'c', 'd']) {
      const calm = await pickMusicTrack({ dir, mood: 'calm', seed, minSeconds: 30 });
      expect('path' in calm && calm.path.startsWith(join(dir, 'calm'))).toBe(true);
    }
  });

  it('is deterministic by seed and spreads different seeds over the library', async () => {
    const first = await pickMusicTrack({ dir, seed: 'video-1', minSeconds: 10 });
    expect(await pickMusicTrack({ dir, seed: 'video-1', minSeconds: 10 })).toEqual(first);
    const paths = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const pick = await pickMusicTrack({ dir, seed: `video-${i}`, minSeconds: 10 });
      if ('path' in pick) paths.add(pick.path);
    }
    expect(paths.size).toBe(4); // every track, never notes.txt
  });

  it('falls back to any track, saying so, when no track has the mood', async () => {
    const pick = await pickMusicTrack({ dir, mood: 'playful', seed: 'x', minSeconds: 10 });
    expect(pick).toMatchObject({ note: expect.stringContaining('no playful track') });
  });

  it('warns once and gives no track when the library is empty or missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'videogen-music-empty-'));
    try {
      const pick = await pickMusicTrack({ dir: empty, mood: 'calm', seed: 'x', minSeconds: 10 });
      expect(pick).toEqual({ warning: expect.stringMatching(/^no music: .* has no tracks \(set VIDEOGEN_MUSIC_DIR/) });
      expect(await pickMusicTrack({ seed: 'x', minSeconds: 10 })).toEqual({ warning: expect.stringContaining('set VIDEOGEN_MUSIC_DIR') });
      expect(await pickMusicTrack({ dir: join(empty, 'absent'), seed: 'x', minSeconds: 10 })).toHaveProperty('warning');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

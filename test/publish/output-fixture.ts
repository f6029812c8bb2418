import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A render's output directory as src/pipeline writes it, made quickly with ffmpeg: a real H.264/AAC video.mp4 (its
 * size chosen by picture size and length), metadata.json in the pipeline's shape, captions in SRT and VTT for two
 * languages, and a PNG thumbnail.
 */
export interface OutputFixture {
  dir: string;
  videoPath: string;
  bytes: number;
  sha256: string;
}

export function makeOutputDir(dir: string, o: { size?: string; seconds?: number; title?: string } = {}): OutputFixture {
  mkdirSync(dir, { recursive: true });
  const videoPath = join(dir, 'video.mp4');
  const size = o.size ?? '400x224';
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30`, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(o.seconds ?? 3), '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', videoPath]);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720', '-frames:v', '1', join(dir, 'thumbnail.png')]);
  const metadata = {
    title: o.title ?? 'How volcanoes work',
    description: 'Magma rises.\n\nChapters:\n0:00 Intro\n0:10 Magma\n0:20 Eruption\n\nCredits:\nFootage: Pexels\n\n#science',
    tags: ['volcanoes', 'science'],
    language: 'en',
    category: 'Education',
    categoryId: '27',
    short: false,
    madeForKids: false,
    containsSyntheticMedia: true,
  };
  writeFileSync(join(dir, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  writeFileSync(join(dir, 'captions.en.srt'), '1\n00:00:00,000 --> 00:00:01,500\nMagma rises.\n\n2\n00:00:01,500 --> 00:00:03,000\nThen it erupts.\n');
  writeFileSync(join(dir, 'captions.en.vtt'), 'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nMagma rises.\n\n00:00:01.500 --> 00:00:03.000\nThen it erupts.\n');
  writeFileSync(join(dir, 'captions.de.vtt'), 'WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nMagma steigt auf.\n');
  const bytes = readFileSync(videoPath);
  return { dir, videoPath, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

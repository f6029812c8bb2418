import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Small real media files made by the system ffmpeg for the upload and job tests: one per accepted format, each a few
 * kilobytes (64×64 pictures, 1 s clips and tracks), so the suite commits no binaries.
 */
export interface MediaFixture {
  name: string;
  category: 'picture' | 'clip' | 'audio';
  mediaType: string;
  /** ffmpeg arguments after the inputs: codec and muxer choices. */
  args: string[];
  input: 'picture' | 'clip' | 'audio';
}

const INPUTS: Record<MediaFixture['input'], string[]> = {
  picture: ['-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=1', '-frames:v', '1'],
  clip: ['-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=10:duration=1', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1'],
  audio: ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1'],
};

export const MEDIA_FIXTURES: MediaFixture[] = [
  { name: 'photo.jpg', category: 'picture', mediaType: 'image/jpeg', input: 'picture', args: [] },
  { name: 'photo.png', category: 'picture', mediaType: 'image/png', input: 'picture', args: [] },
  { name: 'photo.webp', category: 'picture', mediaType: 'image/webp', input: 'picture', args: ['-c:v', 'libwebp'] },
  { name: 'photo.gif', category: 'picture', mediaType: 'image/gif', input: 'picture', args: [] },
  { name: 'clip.mp4', category: 'clip', mediaType: 'video/mp4', input: 'clip', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'] },
  { name: 'clip.webm', category: 'clip', mediaType: 'video/webm', input: 'clip', args: ['-c:v', 'libvpx', '-b:v', '100k', '-c:a', 'libvorbis', '-shortest'] },
  { name: 'clip.mov', category: 'clip', mediaType: 'video/quicktime', input: 'clip', args: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'] },
  { name: 'track.mp3', category: 'audio', mediaType: 'audio/mpeg', input: 'audio', args: ['-c:a', 'libmp3lame', '-b:a', '64k'] },
  // No ID3 tag and no Xing frame: recognised by two consecutive MPEG frame headers alone.
  { name: 'bare.mp3', category: 'audio', mediaType: 'audio/mpeg', input: 'audio', args: ['-c:a', 'libmp3lame', '-b:a', '64k', '-id3v2_version', '0', '-write_xing', '0'] },
  { name: 'track.wav', category: 'audio', mediaType: 'audio/wav', input: 'audio', args: ['-ar', '8000'] },
  { name: 'track.ogg', category: 'audio', mediaType: 'audio/ogg', input: 'audio', args: ['-c:a', 'libvorbis'] },
  { name: 'track.m4a', category: 'audio', mediaType: 'audio/mp4', input: 'audio', args: ['-c:a', 'aac', '-b:a', '64k'] },
  { name: 'track.aac', category: 'audio', mediaType: 'audio/aac', input: 'audio', args: ['-c:a', 'aac', '-b:a', '64k', '-f', 'adts'] },
  { name: 'track.flac', category: 'audio', mediaType: 'audio/flac', input: 'audio', args: ['-c:a', 'flac'] },
];

/** Writes `fixture` into `dir` and returns its bytes. */
export function makeMedia(dir: string, fixture: Pick<MediaFixture, 'name' | 'input' | 'args'>): Buffer {
  const path = join(dir, fixture.name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...INPUTS[fixture.input], ...fixture.args, path]);
  return readFileSync(path);
}

/** A flat-colour PNG (for checking that an uploaded picture reaches the frame). */
export function solidPng(dir: string, name: string, color: string, size = '320x180'): Buffer {
  const path = join(dir, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${color}:size=${size}`, '-frames:v', '1', path]);
  return readFileSync(path);
}

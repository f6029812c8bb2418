import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A multilingual render's output as src/pipeline/render-languages.ts writes it: `<root>/index.json` (LanguageIndex) and
 * per language `<root>/<lang>/` with a real (tiny) video.mp4 — a different picture per language, so which file went up
 * is visible — metadata.json in that language, captions.<lang>.srt and .vtt, and thumbnail.png.
 */
export interface LanguageFixture {
  language: string;
  name: string;
  title: string;
  description: string;
  caption: string;
}

export const LANGUAGES: LanguageFixture[] = [
  { language: 'en', name: 'English', title: 'How volcanoes work', description: 'Magma rises.', caption: 'Magma rises.' },
  { language: 'de', name: 'German', title: 'Wie Vulkane funktionieren', description: 'Magma steigt auf.', caption: 'Magma steigt auf.' },
  { language: 'es', name: 'Spanish', title: 'Cómo funcionan los volcanes', description: 'El magma sube.', caption: 'El magma sube.' },
];

export interface MultilingualFixture {
  root: string;
  sha256: Record<string, string>;
}

const PATTERNS = ['testsrc2', 'smptebars', 'rgbtestsrc', 'testsrc'];

export function makeMultilingualOutput(root: string, languages: readonly LanguageFixture[] = LANGUAGES, sourceLanguage = 'en'): MultilingualFixture {
  const sha256: Record<string, string> = {};
  languages.forEach((l, i) => {
    const dir = join(root, l.language);
    mkdirSync(dir, { recursive: true });
    const video = join(dir, 'video.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `${PATTERNS[i % PATTERNS.length]}=size=160x90:rate=15`, '-f', 'lavfi', '-i', `sine=frequency=${300 + 100 * i}:sample_rate=48000`, '-t', '1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', '-movflags', '+faststart', video]);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `${PATTERNS[i % PATTERNS.length]}=size=320x180`, '-frames:v', '1', join(dir, 'thumbnail.png')]);
    const metadata = { title: l.title, description: `${l.description}\n\n#science`, tags: ['volcanoes'], language: l.language, categoryId: '27', madeForKids: false, containsSyntheticMedia: true };
    writeFileSync(join(dir, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
    writeFileSync(join(dir, `captions.${l.language}.srt`), `1\n00:00:00,000 --> 00:00:01,000\n${l.caption}\n`);
    writeFileSync(join(dir, `captions.${l.language}.vtt`), `WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n${l.caption}\n`);
    sha256[l.language] = createHash('sha256').update(readFileSync(video)).digest('hex');
  });
  const index = {
    id: 'volcanoes',
    sourceLanguage,
    languages: languages.map((l) => ({ language: l.language, name: l.name, nativeName: l.name, rtl: false, dir: l.language, title: l.title, translatedBy: l.language === sourceLanguage ? 'source' : 'test', voice: `espeak:${l.language}`, seconds: 1, frames: 15, files: { video: 'video.mp4' } })),
    warnings: [],
  };
  writeFileSync(join(root, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return { root, sha256 };
}

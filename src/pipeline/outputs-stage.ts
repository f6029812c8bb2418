import { join } from 'node:path';
import type { VideoSpec } from '../spec/index.ts';
import type { LaidOutScene } from '../render/compose.ts';
import type { Credit } from '../assets/types.ts';
import { writeFileAtomic } from '../util/files.ts';
import { contentHash } from './artifact-cache.ts';
import type { RenderListener } from './events.ts';
import { chaptersText, thumbnailPng } from './outputs.ts';
import { buildManifest, type ManifestInput } from './manifest.ts';
import { buildMetadata } from './metadata.ts';
import { formatCredits } from '../assets/credits.ts';
import { runTool } from '../media/process.ts';
import { checkSpecContent, formatContentIssue } from '../writing/content-check.ts';

/** What the thumbnail needs: the spec's title and theme, and a picture when the video has one. */
export interface ThumbnailInput {
  spec: VideoSpec;
  outputDir: string;
  tools: ManifestInput['tools'];
  /** A picture for the thumbnail (first image scene or b-roll clip). */
  poster?: { path: string; kind: 'image' | 'video'; seconds: number };
  emit: RenderListener;
}

/** What the manifest needs (manifest.ts), plus where the files go and what the credits use. */
export interface OutputsInput extends Omit<ManifestInput, 'specHash' | 'laid' | 'credits' | 'contentCheck'>, ThumbnailInput {
  /** The spec as given (its hash goes into the manifest). */
  input: VideoSpec;
  laid: readonly LaidOutScene[];
  /** Licence records of every picture, clip and track used. */
  credits: readonly Credit[];
  /** The PNG from thumbnailFor, started early (it depends on neither the voice nor the frames). */
  thumbnail: Promise<Buffer>;
}

/**
 * The thumbnail's picture as a file the canvas decodes: an image as it is, a clip's frame at `seconds` grabbed by
 * ffmpeg into a PNG already scaled to cover 1280×720 (decoding a 4K frame on the canvas would waste memory). A frame
 * that cannot be grabbed leaves the designed thumbnail; the video itself is done by now.
 */
async function posterPicture(o: ThumbnailInput): Promise<string | undefined> {
  if (!o.poster) return undefined;
  if (o.poster.kind === 'image') return o.poster.path;
  const png = join(o.outputDir, '.work', 'poster.png');
  const args = ['-v', 'error', '-y', '-ss', String(Math.max(0, o.poster.seconds)), '-i', o.poster.path, '-frames:v', '1', '-vf', 'scale=w=1280:h=720:force_original_aspect_ratio=increase', png];
  try {
    await runTool(o.tools.ffmpeg, args);
    return png;
  } catch (error) {
    o.emit({ type: 'warning', message: `thumbnail: could not take a frame of the b-roll (${(error as Error).message.slice(0, 200)}); using the designed thumbnail` });
    return undefined;
  }
}

/**
 * The thumbnail PNG. It needs only the spec and the poster picture, so a render starts it before the final mux: its
 * PNG encoding (~0.3–0.4 s of one core at 1280×720) runs on libuv's pool while ffmpeg copies streams, instead of
 * adding to the end of the render. (Started beside the voices instead, it took a core the TTS processes needed.)
 */
export async function thumbnailFor(o: ThumbnailInput): Promise<Buffer> {
  return thumbnailPng(o.spec, await posterPicture(o));
}

/**
 * thumbnail.png, chapters.txt, metadata.json, credits.txt (when any asset needs crediting) and manifest.json next to
 * video.mp4; returns their paths by name.
 */
export async function writeOutputs(o: OutputsInput): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  files.thumbnail = join(o.outputDir, 'thumbnail.png');
  await writeFileAtomic(files.thumbnail, await o.thumbnail);
  const chapters = chaptersText(o.spec, o.plan);
  if (chapters.count < 3 && o.spec.aspect !== '9:16') o.emit({ type: 'warning', message: `only ${chapters.count} chapter(s) of ≥ 10 s: YouTube shows chapters from 3 on` });
  files.chapters = join(o.outputDir, 'chapters.txt');
  await writeFileAtomic(files.chapters, chapters.text);
  const creditsText = formatCredits(o.credits);
  if (creditsText) {
    files.credits = join(o.outputDir, 'credits.txt');
    await writeFileAtomic(files.credits, creditsText);
  }
  files.metadata = join(o.outputDir, 'metadata.json');
  const metadata = buildMetadata({ spec: o.spec, narration: o.narration.map((n) => n.text), chapters, credits: o.credits, ...(creditsText ? { creditsText } : {}) });
  await writeFileAtomic(files.metadata, `${JSON.stringify(metadata, null, 2)}\n`);
  const contentCheck = checkSpecContent(o.spec);
  files.manifest = join(o.outputDir, 'manifest.json');
  const manifest = buildManifest({
    spec: o.spec,
    specHash: contentHash(o.input),
    plan: o.plan,
    narration: o.narration,
    warnings: [...o.warnings, ...contentCheck.map(formatContentIssue)],
    timings: o.timings,
    tools: o.tools,
    preset: o.preset,
    frame: o.frame,
    segments: o.segments,
    laid: o.laid,
    credits: o.credits,
    contentCheck,
  });
  await writeFileAtomic(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

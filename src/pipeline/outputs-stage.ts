import { join } from 'node:path';
import type { VideoSpec } from '../spec/index.ts';
import type { TimelinePlan } from '../timeline/index.ts';
import type { Frame } from '../render/geometry.ts';
import type { LaidOutScene } from '../render/compose.ts';
import type { MediaTools } from '../media/index.ts';
import type { Credit } from '../assets/types.ts';
import { writeFileAtomic } from '../util/files.ts';
import { contentHash } from './artifact-cache.ts';
import type { RenderListener } from './events.ts';
import type { SceneNarration } from './narrate.ts';
import type { Segment } from './segments.ts';
import { chaptersText, thumbnailPng } from './outputs.ts';
import { buildManifest } from './manifest.ts';

export interface OutputsInput {
  spec: VideoSpec;
  /** The spec as given (its hash goes into the manifest). */
  input: VideoSpec;
  outputDir: string;
  plan: TimelinePlan;
  narration: readonly SceneNarration[];
  warnings: readonly string[];
  timings: Record<string, number>;
  tools: MediaTools;
  preset: string;
  frame: Frame;
  segments: readonly Segment[];
  laid: readonly LaidOutScene[];
  /** Licence records of every picture, clip and track used. */
  credits: readonly Credit[];
  /** A picture for the thumbnail (first image scene or b-roll clip). */
  poster?: { path: string; kind: 'image' | 'video'; seconds: number };
  emit: RenderListener;
}

/** thumbnail.png, chapters.txt and manifest.json next to video.mp4; returns their paths by name. */
export async function writeOutputs(o: OutputsInput): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  files.thumbnail = join(o.outputDir, 'thumbnail.png');
  await writeFileAtomic(files.thumbnail, await thumbnailPng(o.spec));
  const chapters = chaptersText(o.spec, o.plan);
  if (chapters.count < 3) o.emit({ type: 'warning', message: `only ${chapters.count} chapter(s) of ≥ 10 s: YouTube shows chapters from 3 on` });
  files.chapters = join(o.outputDir, 'chapters.txt');
  await writeFileAtomic(files.chapters, chapters.text);
  files.manifest = join(o.outputDir, 'manifest.json');
  const manifest = buildManifest({ spec: o.spec, specHash: contentHash(o.input), plan: o.plan, narration: o.narration, warnings: o.warnings, timings: o.timings, tools: o.tools, preset: o.preset, frame: o.frame, segments: o.segments, laid: o.laid });
  await writeFileAtomic(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}

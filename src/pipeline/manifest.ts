import type { VideoSpec } from '../spec/index.ts';
import type { TimelinePlan } from '../timeline/index.ts';
import type { Frame } from '../render/geometry.ts';
import type { MediaTools } from '../media/index.ts';
import type { SceneNarration } from './narrate.ts';
import type { Segment } from './segments.ts';
import type { LaidOutScene } from '../render/compose.ts';
import type { Credit } from '../assets/types.ts';
import type { ContentIssue } from '../writing/content-check.ts';

export interface ManifestInput {
  spec: VideoSpec;
  specHash: string;
  plan: TimelinePlan;
  narration: readonly SceneNarration[];
  warnings: readonly string[];
  timings: Record<string, number>;
  tools: MediaTools;
  preset: string;
  frame: Frame;
  segments: readonly Segment[];
  /** Scenes after the reveal pass: their reveal times go into the manifest. */
  laid?: readonly LaidOutScene[];
  /** Every picture, clip and track used, with its licence (also in credits.txt). */
  credits?: readonly Credit[];
  /** What the content check found (also printed before rendering). */
  contentCheck?: readonly ContentIssue[];
}

/** Per scene: when each content step appears (scene seconds) and which code lines are banded when. */
function revealsOf(laid: LaidOutScene | undefined) {
  const r = laid?.reveals;
  if (!r) return undefined;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    steps: r.steps.map((s) => ({ step: s.step, at: round(s.at), ...(s.sentence !== undefined ? { sentence: s.sentence } : {}), mentioned: s.mentioned, ...(s.focus ? { focus: [round(s.focus.start), round(s.focus.end)] } : {}) })),
    codeFocus: r.codeFocus.map((c) => ({ line: c.line + 1, from: round(c.start), to: round(c.end) })),
    // Footage, Ken Burns and the drawn gradient keep moving: such a scene never settles (null).
    settlesAt: Number.isFinite(laid.settlesAt) ? round(laid.settlesAt) : null,
  };
}

/** manifest.json: what was rendered, how, with which tools, and where every scene sits (frames and seconds). */
export function buildManifest(m: ManifestInput) {
  return {
    videogen: '0.1.0',
    id: m.spec.id,
    title: m.spec.title,
    specHash: m.specHash,
    createdAt: new Date().toISOString(),
    video: { width: m.frame.width, height: m.frame.height, fps: m.plan.fps, frames: m.plan.totalFrames, seconds: m.plan.totalFrames / m.plan.fps, preset: m.preset, aspect: m.spec.aspect },
    audio: { sampleRate: m.plan.sampleRate, samples: m.plan.totalSamples, loudnessTargetLufs: -14 },
    scenes: m.plan.scenes.map((s, i) => ({
      id: s.id,
      kind: m.spec.scenes[i]!.kind,
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      start: s.startFrame / m.plan.fps,
      end: s.endFrame / m.plan.fps,
      narrationStart: s.narrationStartFrame / m.plan.fps,
      transition: s.transition,
      voice: { ref: m.narration[i]!.voiceRef, provider: m.narration[i]!.provider, id: m.narration[i]!.voiceId },
      narration: m.narration[i]!.text,
      segment: { key: m.segments[i]?.key, cached: m.segments[i]?.cached },
      reveals: revealsOf(m.laid?.[i]),
    })),
    captions: { cues: m.plan.cues.length },
    assets: (m.credits ?? []).map((c) => ({ provider: c.provider, ...(c.title ? { title: c.title } : {}), ...(c.author ? { author: c.author } : {}), ...(c.authorUrl ? { authorUrl: c.authorUrl } : {}), ...(c.sourceUrl ? { sourceUrl: c.sourceUrl } : {}), license: c.license, ...(c.licenseUrl ? { licenseUrl: c.licenseUrl } : {}) })),
    contentCheck: m.contentCheck ?? [],
    warnings: m.warnings,
    timingsMs: m.timings,
    tools: { ffmpeg: m.tools.ffmpeg, ffmpegVersion: m.tools.version, ffmpegSource: m.tools.source, ffprobe: m.tools.ffprobe, ffprobeVersion: m.tools.ffprobeVersion, node: process.version },
  };
}

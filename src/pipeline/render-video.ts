import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Aspect, BrollMode, Resolution, VideoSpec } from '../spec/index.ts';
import { NO_FILES, type FileScope } from '../sources/confine.ts';
import type { LlmProvider } from '../writing/llm/types.ts';
import { applyMediaTiming } from '../render/media-timing.ts';
import { burnInCues } from '../timeline/burn-cues.ts';
import { prepareMedia } from './media-stage.ts';
import { skipTemplateFor } from '../media/hold.ts';
import { audioKeyOf, buildAudioTrack, type AudioBed } from './audio-stage.ts';
import { thumbnailFor, writeOutputs } from './outputs-stage.ts';
import { captionBandFor } from './caption-band.ts';
import { pickMusicTrack } from '../assets/music-library.ts';
import { planTimeline, toSrt, toVtt } from '../timeline/index.ts';
import { createCodeHighlighter, languagesOf } from '../render/code-highlight.ts';
import { layoutVideo, type LaidOutScene } from '../render/compose.ts';
import { applyReveals } from '../render/reveal.ts';
import { beatsFromPlan } from '../timeline/beats.ts';
import { renderFrame } from '../options/frame-size.ts';
import { ffmpegOptionsFrom, findFfmpeg, muxFinal, type PresetName } from '../media/index.ts';
import { nodeMeasurer } from '../media/canvas.ts';
import { AudioCache, createDefaultRegistry, type TtsRegistry } from '../voice/index.ts';
import { copyFileAtomic, writeFileAtomic } from '../util/files.ts';
import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import { ArtifactCache, contentHash } from './artifact-cache.ts';
import { stage, type RenderListener } from './events.ts';
import { narrateVideo } from './narrate.ts';
import type { TranslateDeps } from '../writing/translate/registry.ts';
import { pairTranslators, translateDepsFromConfig, type PairTranslatorFactory } from '../writing/translate/bound.ts';
import { fillNarration } from '../writing/translate/fill-narration.ts';
import { hasNarrationTemplates } from '../writing/templates.ts';
import { createSegmentSurfaces } from '../media/segment-surfaces.ts';
import { planSegments, renderSegment, synthOptionsFor, type Segment, type SegmentStats } from './segments.ts';
import type { SegmentDistributor } from './segment-distributor.ts';
import { saveSegmentContext } from './segment-task.ts';

export interface RenderOptions {
  outputDir: string;
  preset?: PresetName;
  voice?: string;
  burnCaptions?: boolean;
  aspect?: Aspect;
  /** Frame size asked for explicitly (CLI/API/job option): wins over the spec's `resolution` and the preset's cap. */
  resolution?: Resolution;
  config: VideogenConfig;
  registry?: TtsRegistry;
  signal?: AbortSignal;
  onEvent?: RenderListener;
  /** Segments rendered at once; drawing of one overlaps encoding of the other on two cores. */
  concurrency?: number;
  /**
   * Renders the uncached segments on other workers (BullMQ fan-out) instead of here: the segment context goes into the
   * artifact store, the soundtrack is built meanwhile, and the segments are muxed here once all are in.
   */
  distribute?: SegmentDistributor;
  /** Where relative media paths in the spec may point (the spec's folder on the CLI); default: none (URLs/uploads). */
  mediaScope?: FileScope;
  /** Local media library (`--media <dir>`); wins over VIDEOGEN_MEDIA_DIR. */
  mediaDir?: string;
  /** `--broll`: footage for every narrated scene, whatever the spec says. */
  broll?: BrollMode;
  /** Resolves `upload:<id>` media (server). */
  uploads?: (id: string) => Promise<string>;
  /** Language model for b-roll search terms (optional; offline keywords otherwise). */
  llm?: LlmProvider;
  /**
   * Translation providers for scenes without narration in a language that has no narration templates (the English
   * template is translated); default: the ones `config` names. Ignored for languages with templates.
   */
  translate?: TranslateDeps;
  /** Binds a translator per language pair instead of `translate` (tests, callers with their own providers). */
  translators?: PairTranslatorFactory;
}

export interface RenderResult {
  outputDir: string;
  files: Record<string, string>;
  seconds: number;
  totalFrames: number;
  segmentsRendered: number;
  segmentsCached: number;
  /**
   * Frames of the rendered (not cached) segments: drawn on the canvas, piped to ffmpeg, repeated by ffmpeg's holds,
   * and covered by tile repeats (encoded once, copied); tiles encoded and ffmpeg processes started.
   */
  frames: { drawn: number; piped: number; held: number; tiled: number; blended: number; tilesEncoded: number; spawns: number };
}

async function runPool<T>(items: readonly T[], limit: number, work: (item: T, slot: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async (_, slot) => {
      while (next < items.length) await work(items[next++]!, slot);
    }),
  );
}

function sumStats(stats: readonly SegmentStats[]): RenderResult['frames'] {
  return stats.reduce(
    (t, s) => ({ drawn: t.drawn + s.drawn, piped: t.piped + s.piped, held: t.held + s.held, tiled: t.tiled + (s.tiled ?? 0), blended: t.blended + (s.blended ?? 0), tilesEncoded: t.tilesEncoded + (s.tilesEncoded ?? 0), spawns: t.spawns + (s.spawns ?? 0) }),
    { drawn: 0, piped: 0, held: 0, tiled: 0, blended: 0, tilesEncoded: 0, spawns: 0 },
  );
}

/** `--media <dir>` brings its own music in `<dir>/music`; otherwise VIDEOGEN_MUSIC_DIR (or `<VIDEOGEN_MEDIA_DIR>/music`). */
async function musicLibraryDir(mediaDir: string | undefined, configured: string | undefined): Promise<string | undefined> {
  if (mediaDir) {
    const own = join(mediaDir, 'music');
    if (await stat(own).then((s) => s.isDirectory(), () => false)) return own;
  }
  return configured;
}

/** Spec → video.mp4, captions, thumbnail, chapters and manifest in `outputDir`. */
export async function renderVideo(input: VideoSpec, opts: RenderOptions): Promise<RenderResult> {
  const started = performance.now();
  const emit: RenderListener = opts.onEvent ?? (() => undefined);
  const timings: Record<string, number> = {};
  const preset = opts.preset ?? 'standard';
  const asked: VideoSpec = { ...input, ...(opts.aspect ? { aspect: opts.aspect } : {}), ...(opts.broll ? { broll: opts.broll } : {}), captions: { ...input.captions, burnIn: opts.burnCaptions ?? input.captions.burnIn } };
  // Before anything is voiced: a language without narration templates gets translated ones, or silence and a warning.
  const filled = hasNarrationTemplates(asked.language)
    ? { spec: asked, warnings: [] }
    : await fillNarration(asked, opts.translators ?? pairTranslators(opts.translate ?? translateDepsFromConfig(opts.config), { cacheDir: opts.config.cacheDir, signal: opts.signal }));
  const spec = filled.spec;
  const frame = renderFrame(spec, { preset, ...(opts.resolution ? { resolution: opts.resolution } : {}) });
  const tools = await findFfmpeg(ffmpegOptionsFrom(opts.config));
  const registry = opts.registry ?? createDefaultRegistry({ ...opts.config.voice, ffmpegPath: tools.ffmpeg });
  const artifacts = new ArtifactCache(opts.config.cacheDir);
  // Aborted when the frames fail, so the soundtrack (built alongside) stops too instead of writing into a removed
  // work directory; a user's cancel reaches both through opts.signal.
  const failed = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, failed.signal]) : failed.signal;
  // The skip slices synthesised holds and fades are made of (media/hold.ts) take one short ffmpeg run per frame size on
  // a cold cache (~0.3 s at 1080p), and every segment waits for them: started here, they are ready before the layout and
  // the voices are, instead of holding up the first segments. Memoised, so the segments get this same run.
  if (!opts.distribute) skipTemplateFor(synthOptionsFor(frame, spec.fps, { preset, tools, cache: artifacts, signal })).catch(() => undefined);
  let audioDone: Promise<void> | undefined;
  let thumbnail: Promise<Buffer> | undefined;
  const work = join(opts.outputDir, '.work');
  await mkdir(work, { recursive: true });
  try {

    const mediaWarnings: string[] = [];
    const media = await stage('media', emit, timings, () =>
      prepareMedia(spec, {
        config: opts.config,
        tools,
        frame,
        scope: opts.mediaScope ?? NO_FILES,
        ...(opts.mediaDir ? { mediaDir: opts.mediaDir } : {}),
        ...(opts.uploads ? { uploads: opts.uploads } : {}),
        ...(opts.llm ? { llm: opts.llm } : {}),
        ...(signal ? { signal } : {}),
        onWarning: (message) => mediaWarnings.push(message),
      }),
    );
    const captionBand = captionBandFor(spec, frame);
    const laid = await stage('layout', emit, timings, async () =>
      layoutVideo(spec, {
        measure: nodeMeasurer(),
        code: await createCodeHighlighter(languagesOf(spec.scenes)),
        frame,
        media: { scenes: media.scenes, catalog: media.catalog },
        ...(captionBand ? { captionBand } : {}),
      }),
    );
    const warnings = [...filled.warnings, ...mediaWarnings, ...laid.flatMap((l) => l.warnings)];
    for (const message of warnings) emit({ type: 'warning', message });

    const narration = await stage('voice', emit, timings, () =>
      narrateVideo(spec, {
        registry,
        cache: new AudioCache(join(opts.config.cacheDir, 'tts')),
        ...(opts.voice ? { voice: opts.voice } : {}),
        ...(signal ? { signal } : {}),
        onScene: (done, total, scene) => emit({ type: 'progress', stage: 'voice', done, total, scene }),
      }),
    );

    const plan = await stage('timeline', emit, timings, () =>
      planTimeline({ fps: spec.fps, scenes: spec.scenes.map((s, i) => ({ id: s.id ?? String(i), minDuration: s.minDuration, maxDuration: s.maxDuration, transition: s.transition })), narration: narration.map((n) => n.sentences) }),
    );

    // The picture follows the voice: content steps appear when the narration reaches them (layout stays voice-free).
    // Footage follows the voice too: each b-roll clip starts with the sentence it was chosen for.
    const timed: LaidOutScene[] = beatsFromPlan(plan, narration.map((n) => n.sentences)).map((beats, i) => applyMediaTiming(applyReveals(laid[i]!, beats, { language: spec.language }), beats));

    let segments: Segment[] = [];
    const stats: SegmentStats[] = [];
    const beds: AudioBed[] = media.beds.map((b) => {
      const planned = plan.scenes[b.scene]!;
      return { path: b.path, sourceStart: b.sourceStart, ...(b.sourceEnd !== undefined ? { sourceEnd: b.sourceEnd } : {}), loop: b.loop, at: planned.startFrame / plan.fps, duration: planned.frames / plan.fps };
    });
    // `music: { src: auto }` picks from the music library by mood once the length is known; no library → one warning.
    const credits = [...media.credits];
    let musicPath = media.musicFile;
    if (spec.music?.src === 'auto') {
      const musicDir = await musicLibraryDir(opts.mediaDir, opts.config.media.musicDir);
      const picked = await pickMusicTrack({ ...(musicDir ? { dir: musicDir } : {}), ...(spec.music.mood ? { mood: spec.music.mood } : {}), seed: contentHash(input), minSeconds: plan.totalFrames / plan.fps });
      if ('warning' in picked) emit({ type: 'warning', message: picked.warning });
      else {
        musicPath = picked.path;
        credits.push(picked.credit);
        if (picked.note) emit({ type: 'warning', message: picked.note });
      }
    }
    const audioInput = {
      plan,
      narration,
      tools,
      artifacts,
      work,
      emit,
      beds,
      // The soundtrack is the voices' PCM's last reader: once it is done with it, nothing keeps it.
      releasePcm: () => {
        for (const n of narration) n.pcm = [];
      },
      ...(signal ? { signal } : {}),
      ...(musicPath && spec.music ? { music: { path: musicPath, volume: spec.music.volume, duck: spec.music.duck } } : {}),
    };
    const audioKey = audioKeyOf(audioInput);
    let normalised = '';
    // The soundtrack depends only on the plan, so it is built while the frames render (its ffmpeg passes fill the
    // gaps the frame pipeline leaves on the CPU).
    audioDone = stage('audio', emit, timings, async () => {
      normalised = await buildAudioTrack(audioInput, audioKey);
    });
    // Awaited before muxing; this only keeps a failure from surfacing as unhandled while the frames still render.
    audioDone.catch(() => undefined);
    await stage('render', emit, timings, async () => {
      const segOpts = { spec, plan, laid: timed, preset, tools, cache: artifacts, media, ...(spec.captions.burnIn ? { burnCaptions: burnInCues(plan, spec.captions.style.mode) } : {}), ...(signal ? { signal } : {}) };
      segments = await planSegments(segOpts);
      const todo = segments.filter((s) => !s.cached);
      const total = todo.reduce((n, s) => n + s.endFrame - s.startFrame, 0);
      let done = 0;
      const renderStart = performance.now();
      let lastReport = 0;
      const report = (n: number) => {
        done += n;
        const now = performance.now();
        // At most five progress events a second: enough for a bar, cheap for JSON consumers and SSE.
        if (now - lastReport < 200 && done < total) return;
        lastReport = now;
        const elapsed = (now - renderStart) / 1000;
        const fps = elapsed > 0 ? done / elapsed : 0;
        emit({ type: 'progress', stage: 'render', done, total, fps, etaSeconds: fps > 0 ? (total - done) / fps : undefined });
      };
      if (opts.distribute && todo.length) {
        const contextKey = await saveSegmentContext(artifacts, segOpts);
        const tasks = todo.map((s) => ({ contextKey, index: s.index, key: s.key, frames: s.endFrame - s.startFrame }));
        stats.push(...(await opts.distribute.render(tasks, { ...(signal ? { signal } : {}), onFrames: report })));
        const missing = [];
        for (const s of todo) if (!(await artifacts.has(s.path))) missing.push(s.index);
        if (missing.length) throw new VideogenError('RENDER_FAILED', `the workers reported segments ${missing.join(', ')} done, but they are not in the artifact store ${artifacts.dir}: do all workers share one cache directory?`);
        return;
      }
      // One set of surfaces for every slot: drawing is synchronous, so the slots take turns on the canvas while their
      // encoders run; a second set would only add ~33 MB at 1080p. Only the scene backgrounds are one per slot (8 MB
      // each): the slots draw different scenes, and one surface would repaint a background at nearly every frame.
      const slots = opts.concurrency ?? 2;
      const surfaces = createSegmentSurfaces(frame.width, frame.height, Math.min(slots, todo.length));
      await runPool(todo, slots, async (segment) => void stats.push(await renderSegment(segment, { ...segOpts, onFrames: report }, surfaces)));
    });

    const files: Record<string, string> = {};
    // Audio and the final mux are content-addressed too: an unchanged spec reuses them, an edited scene re-mixes only.

    // The thumbnail needs only the spec and the poster: its PNG encoding (libuv's pool, ~0.3–0.4 s of a core) runs
    // while ffmpeg muxes, which leaves the CPU mostly idle, instead of after it.
    const thumbnailJob = thumbnailFor({ spec, outputDir: opts.outputDir, tools, emit, ...(media.poster ? { poster: media.poster } : {}) });
    thumbnail = thumbnailJob;
    // Awaited by the outputs stage; this only keeps a failure from surfacing as unhandled meanwhile.
    thumbnailJob.catch(() => undefined);
    await audioDone;
    await stage('mux', emit, timings, async () => {
      const lang = spec.language;
      // `captions.file` (spec schema): the .srt/.vtt files and the soft subtitle track in the MP4; off means neither.
      // Burned-in captions are `captions.burnIn`, independent of both.
      const srt = toSrt(plan.cues);
      if (spec.captions.file) {
        files.srt = join(opts.outputDir, `captions.${lang}.srt`);
        files.vtt = join(opts.outputDir, `captions.${lang}.vtt`);
        await writeFileAtomic(files.srt, srt);
        await writeFileAtomic(files.vtt, toVtt(plan.cues, lang));
      }
      files.video = join(opts.outputDir, 'video.mp4');
      const finalKey = contentHash({ segments: segments.map((s) => s.key), audioKey, srt: spec.captions.file ? srt : null, lang });
      const final = await artifacts.pathFor('final', finalKey, 'mp4');
      if (!(await artifacts.has(final))) {
        const refs = segments.map((s) => ({ path: s.path, frames: s.endFrame - s.startFrame }));
        const mux = await muxFinal({ segments: { refs, fps: plan.fps }, audio: normalised, audioReady: true, audioLanguage: lang, subtitles: files.srt ? [{ path: files.srt, language: lang }] : [], output: final, tools, ...(signal ? { signal } : {}) });
        for (const message of mux.warnings) emit({ type: 'warning', message });
      }
      await copyFileAtomic(final, files.video);
    });

    await stage('outputs', emit, timings, async () => {
      Object.assign(
        files,
        await writeOutputs({ spec, input, outputDir: opts.outputDir, thumbnail: thumbnailJob, plan, narration, warnings, timings, tools, preset, frame, segments, laid: timed, credits, ...(media.poster ? { poster: media.poster } : {}), emit }),
      );
    });
    const seconds = (performance.now() - started) / 1000;
    emit({ type: 'done', outputDir: opts.outputDir, files, seconds });
    return { outputDir: opts.outputDir, files, seconds, totalFrames: plan.totalFrames, segmentsRendered: segments.filter((s) => !s.cached).length, segmentsCached: segments.filter((s) => s.cached).length, frames: sumStats(stats) };
  } catch (error) {
    failed.abort();
    throw error;
  } finally {
    // Intermediate files never outlive the render, whether it finished, failed or was cancelled. The soundtrack may
    // still be writing into the work directory when the frames failed: it stops first (aborted above).
    await audioDone?.catch(() => undefined);
    await thumbnail?.catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

import { VideogenError } from '../errors.ts';
import type { RenderEvent } from '../pipeline/events.ts';
import { renderLanguages as defaultRenderLanguages, translateForLanguages as defaultTranslateForLanguages, type RenderLanguagesOptions } from '../pipeline/render-languages.ts';
import { renderVideoInChild } from '../pipeline/render-in-child.ts';
import type { RenderOptions } from '../pipeline/render-video.ts';
import type { FanoutSettings } from '../pipeline/segment-distributor.ts';
import { formatProblems, validateSpec, type VideoSpec } from '../spec/index.ts';
import type { JobTranslation } from '../store/types.ts';
import { translateDepsFromConfig } from '../writing/translate/bound.ts';
import type { TranslateDeps } from '../writing/translate/index.ts';
import { JobDeferral } from './deferral.ts';
import type { LanguageOptions } from './language-options.ts';
import { refusePrivateMediaUrls, uploadPathsOf } from './job-media.ts';
import { snapshotOf, type ProgressSnapshot } from './progress.ts';
import type { JobContext, JobRenderOptions } from './run-job.ts';

/**
 * How long a job under review sleeps before it looks again. Approval wakes it at once (runAfter now + enqueue); this
 * only bounds how long a lost wake-up could delay it, and stays below Node's timer limit (2^31 ms ≈ 24.8 days) so the
 * in-process queue's delayed enqueue keeps its meaning. A job that wakes with translations still pending waits again.
 */
export const REVIEW_WAIT_MS = 7 * 24 * 3_600_000;

/** The pieces of the multilingual pipeline a job uses; tests replace them. */
export interface MultilingualDeps {
  renderLanguages: typeof defaultRenderLanguages;
  translateForLanguages: typeof defaultTranslateForLanguages;
  /**
   * The renderer of one language, given the upload paths its specs may read; default: in a child process
   * (childRenderer), so the worker's event loop stays free.
   */
  renderer: (uploadPaths: Record<string, string>) => NonNullable<RenderLanguagesOptions['renderOne']>;
}

const defaults: MultilingualDeps = { renderLanguages: defaultRenderLanguages, translateForLanguages: defaultTranslateForLanguages, renderer: (paths) => childRenderer(paths) };

/**
 * renderVideo for one language in a child process. Only data crosses the process boundary: resolvers and providers
 * (uploads, TTS registry, language model, translation deps) are rebuilt there from the config and `uploadPaths`.
 */
export function childRenderer(uploadPaths: Record<string, string>, fanout?: FanoutSettings): NonNullable<RenderLanguagesOptions['renderOne']> {
  return (spec, opts) => {
    // Functions and provider objects cannot be cloned into the child; it builds its own from the config.
    const { registry: _registry, uploads: _uploads, llm: _llm, translate: _translate, translators: _translators, ...data } = opts as RenderOptions & { translate?: unknown; translators?: unknown };
    return renderVideoInChild(spec, { ...data, uploadPaths, ...(fanout ? { fanout } : {}) });
  };
}

/**
 * Progress of the whole job over N languages rendered one after the other: language k's own 0..1 progress maps to
 * (k + p) / N, with the language named in the snapshot, so the bar neither restarts nor jumps for each language.
 */
export class LanguageProgress {
  #index = -1;
  #inner: ProgressSnapshot | undefined;
  constructor(
    private readonly languages: readonly string[],
    private readonly report: (snapshot: ProgressSnapshot) => void,
  ) {}

  /** The next language starts rendering. */
  next(language: string | undefined): string {
    const byName = language ? this.languages.findIndex((l) => l.toLowerCase() === language.toLowerCase()) : -1;
    this.#index = byName > this.#index ? byName : this.#index + 1;
    this.#inner = undefined;
    return this.languages[this.#index] ?? language ?? '';
  }

  event(event: RenderEvent): void {
    const inner = snapshotOf(event, this.#inner);
    if (!inner) return;
    this.#inner = inner;
    const n = Math.max(1, this.languages.length);
    const index = Math.max(0, this.#index);
    const snapshot: ProgressSnapshot = { ...inner, progress: Math.min(1, (index + inner.progress) / n), language: this.languages[index] ?? '' };
    this.report(snapshot);
  }
}

/** A stored translation as the spec it renders: validated again, and in the language its row names. */
function approvedSpec(row: JobTranslation): VideoSpec {
  const result = validateSpec(row.spec);
  if (!result.ok) throw new VideogenError('SPEC_INVALID', formatProblems(result.problems, `the approved ${row.language} translation`), { problems: result.problems, language: row.language });
  return result.value;
}

/**
 * `review: true`: the first run translates every language but the source and stores the results as pending, then the
 * job waits (JobDeferral: queued, not an attempt) until POST /api/jobs/:id/translations/approve; a run that finds
 * every row approved returns the specs to render. Rows written by an earlier run are never translated again.
 */
async function reviewedTranslations(ctx: JobContext, spec: VideoSpec, lang: LanguageOptions, translate: TranslateDeps, deps: MultilingualDeps): Promise<Record<string, VideoSpec>> {
  const store = ctx.store;
  if (!store) throw new VideogenError('USAGE', 'review needs a worker with a database: run the job through the server or `videogen worker`');
  let rows = await store.translations.list(ctx.job.id);
  if (rows.length === 0) {
    const made = await deps.translateForLanguages(spec, { languages: lang.languages, ...(lang.glossary ? { glossary: lang.glossary } : {}), translate, signal: ctx.signal, config: ctx.config });
    for (const m of made) for (const message of m.warnings) ctx.onEvent({ type: 'warning', message: `${m.language}: ${message}` });
    const toReview = made.filter((m) => m.translatedBy !== 'source');
    if (ctx.signal.aborted) throw ctx.signal.reason;
    await store.translations.addPending(ctx.job.id, toReview.map((m) => ({ language: m.language, spec: m.spec, translatedBy: m.translatedBy })));
    rows = await store.translations.list(ctx.job.id);
  }
  const pending = rows.filter((r) => r.state === 'pending').map((r) => r.language);
  if (pending.length > 0) {
    const stillPending = async () => (await store.translations.list(ctx.job.id)).some((r) => r.state === 'pending');
    throw new JobDeferral(new Date(Date.now() + REVIEW_WAIT_MS), `waiting for the review of ${pending.length} translation(s): ${pending.join(', ')}`, { waitingFor: 'review', languages: pending }, stillPending);
  }
  return Object.fromEntries(rows.map((r) => [r.language, approvedSpec(r)]));
}

/**
 * The media of the approved specs, checked like the source spec's (a reviewer's edit may name other media): no
 * literal private addresses, uploads only the owner's, added to the paths the render processes may read.
 */
async function approvedMedia(ctx: JobContext, specs: Record<string, VideoSpec>, uploadPaths: Record<string, string>): Promise<Record<string, string>> {
  const all = { ...uploadPaths };
  for (const spec of Object.values(specs)) {
    refusePrivateMediaUrls(spec);
    Object.assign(all, await uploadPathsOf(spec, ctx.uploads ?? (async () => undefined)));
  }
  return all;
}

/**
 * A job with `languages`: renderLanguages into the job's output directory — `<lang>/video.mp4` and friends plus
 * index.json — each language rendered in a child process, with progress over all languages.
 */
export async function renderMultilingualJob(
  ctx: JobContext,
  spec: VideoSpec,
  uploadPaths: Record<string, string>,
  options: JobRenderOptions,
  lang: LanguageOptions,
  given: Partial<MultilingualDeps> = {},
): Promise<void> {
  const deps = { ...defaults, ...given };
  const translate = translateDepsFromConfig(ctx.config);
  const translated = lang.review ? await reviewedTranslations(ctx, spec, lang, translate, deps) : undefined;
  const mediaPaths = translated ? await approvedMedia(ctx, translated, uploadPaths) : uploadPaths;
  const progress = new LanguageProgress(lang.languages, (snapshot) => (ctx.onProgress ? ctx.onProgress(snapshot) : undefined));
  const renderOne = deps.renderer(mediaPaths);
  const { voice, ...rest } = options;
  await deps.renderLanguages(spec, {
    ...rest,
    ...(voice ? { voice } : {}),
    outputDir: ctx.outputDir,
    config: ctx.config,
    signal: ctx.signal,
    languages: lang.languages,
    ...(lang.languageVoices ? { voices: lang.languageVoices } : {}),
    ...(lang.glossary ? { glossary: lang.glossary } : {}),
    translate,
    ...(translated ? { translated } : {}),
    // Warnings reach the job's events as they are; progress is folded per language (the worker's own folding would
    // see every language restart at 0 and hold the bar at the first language's end).
    onEvent: (event) => {
      // The job's events keep only a warning's message: it names its language itself.
      if (event.type === 'warning' && event.language && !event.message.startsWith(`${event.language}: `)) ctx.onEvent({ ...event, message: `${event.language}: ${event.message}` });
      else if (event.type === 'warning' || !ctx.onProgress) ctx.onEvent(event);
    },
    renderOne: (one, opts) => {
      progress.next(one.language);
      return renderOne(one, {
        ...opts,
        onEvent: (event) => {
          // Warnings go the way renderLanguages routes them (it may name the language), ending in the job's events.
          if (event.type === 'warning') (opts.onEvent ?? ctx.onEvent)(event);
          else if (ctx.onProgress) progress.event(event);
          else ctx.onEvent(event);
        },
      });
    },
  });
}

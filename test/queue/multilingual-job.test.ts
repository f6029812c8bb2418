import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { RenderEvent } from '../../src/pipeline/events.ts';
import type { LanguageIndex, RenderLanguagesOptions } from '../../src/pipeline/render-languages.ts';
import { isJobDeferral, type JobDeferral } from '../../src/queue/deferral.ts';
import { languageOptionsOf } from '../../src/queue/language-options.ts';
import { LanguageProgress, REVIEW_WAIT_MS, renderMultilingualJob, type MultilingualDeps } from '../../src/queue/multilingual-job.ts';
import type { ProgressSnapshot } from '../../src/queue/progress.ts';
import { jobOptionsOf, type JobContext } from '../../src/queue/run-job.ts';
import { assertValidSpec, type VideoSpec } from '../../src/spec/index.ts';
import { openStore, type Job, type Store } from '../../src/store/index.ts';

const SPEC = assertValidSpec({ id: 'tiny', title: 'Hello', scenes: [{ kind: 'title', title: 'Hello', narration: 'Hello there.' }] });
const translatedTo = (language: string, title: string): VideoSpec => ({ ...SPEC, language, title, scenes: [{ ...SPEC.scenes[0]!, title } as VideoSpec['scenes'][number]] });

describe('multilingual job options', () => {
  it('are validated again from the stored job, naming the field (USAGE, never retried)', () => {
    expect(jobOptionsOf({ preset: 'draft' }).multilingual).toBeUndefined();
    expect(jobOptionsOf({ preset: 'draft', languages: ['en', 'es'], languageVoices: { es: 'female' }, review: true })).toMatchObject({ preset: 'draft', multilingual: { languages: ['en', 'es'], languageVoices: { es: 'female' }, review: true } });
    const usage = (options: Record<string, unknown>) => {
      try {
        languageOptionsOf(options);
      } catch (error) {
        return { code: (error as { code: string }).code, path: (error as { details: { path: string } }).details.path };
      }
      return undefined;
    };
    expect(usage({ languages: ['en', 'xx'] })).toEqual({ code: 'USAGE', path: 'options.languages.1' });
    expect(usage({ languages: 'en' })).toEqual({ code: 'USAGE', path: 'options.languages' });
    expect(usage({ languages: ['es', 'ES'] })).toEqual({ code: 'USAGE', path: 'options.languages' });
    expect(usage({ languages: ['en', 'en-GB'] })).toEqual({ code: 'USAGE', path: 'options.languages' });
    expect(usage({ languages: ['no', 'nb'] })).toEqual({ code: 'USAGE', path: 'options.languages' });
    // A voice keyed in another case reaches the language it names.
    expect(languageOptionsOf({ languages: ['pt-BR'], languageVoices: { 'pt-br': 'female' } })?.languageVoices).toEqual({ 'pt-BR': 'female' });
    expect(usage({ languages: Array.from({ length: 11 }, () => 'en') })).toEqual({ code: 'USAGE', path: 'options.languages' });
    expect(usage({ languages: ['es'], languageVoices: { de: 'female' } })).toEqual({ code: 'USAGE', path: 'options.languageVoices.de' });
    expect(usage({ review: true })).toEqual({ code: 'USAGE', path: 'options.review' });
    expect(usage({ languages: ['es'], glossary: { keep: ['JavaScript'] } })).toBeUndefined();
  });
});

describe('progress over several languages', () => {
  it('maps each language into its share of one bar that never goes back, naming the language', () => {
    const seen: ProgressSnapshot[] = [];
    const progress = new LanguageProgress(['en', 'es'], (s) => seen.push(s));
    const run = (lang: string) => {
      progress.next(lang);
      const events: RenderEvent[] = [
        { type: 'stage', stage: 'voice', status: 'start' },
        { type: 'progress', stage: 'render', done: 5, total: 10 },
        { type: 'stage', stage: 'outputs', status: 'end' },
      ];
      for (const e of events) progress.event(e);
    };
    run('en');
    run('es');
    expect(seen.map((s) => s.language)).toEqual(['en', 'en', 'en', 'es', 'es', 'es']);
    const values = seen.map((s) => s.progress);
    expect(values.every((v, i) => i === 0 || v >= values[i - 1]!)).toBe(true);
    expect(values[2]).toBeCloseTo(0.5, 6);
    expect(values[5]).toBeCloseTo(1, 6);
  });
});

describe('review: translate, wait, render the approved specs', () => {
  let store: Store;
  let home: string;
  let job: Job;
  beforeAll(async () => {
    store = await openStore({ inMemory: true });
    home = await mkdtemp(join(tmpdir(), 'videogen-ml-job-'));
    const owner = await store.users.create({ email: 'r@example.com', passwordHash: 'h', role: 'editor' });
    job = await store.jobs.create({ ownerId: owner.id, kind: 'render', input: { spec: SPEC }, options: { preset: 'draft', languages: ['en', 'es', 'de'], review: true } });
  });
  afterAll(async () => {
    await store?.close();
    await rm(home, { recursive: true, force: true });
  });

  function harness() {
    const calls = { translate: 0, render: [] as RenderLanguagesOptions[] };
    const warnings: string[] = [];
    const deps: Partial<MultilingualDeps> = {
      translateForLanguages: async (_spec, opts) => {
        calls.translate++;
        return opts.languages.map((language) =>
          language === 'en' ? { language, spec: SPEC, translatedBy: 'source', warnings: [] } : { language, spec: translatedTo(language, `${language} title`), translatedBy: `Fake ${language}`, warnings: [`made up by a fake`] },
        );
      },
      renderLanguages: async (_spec, opts) => {
        calls.render.push(opts);
        return { id: 'tiny', sourceLanguage: 'en', languages: [], warnings: [] } satisfies LanguageIndex;
      },
    };
    const ctx: JobContext = {
      job,
      outputDir: join(home, 'out'),
      signal: new AbortController().signal,
      config: loadConfig({ home }, { PATH: process.env.PATH }),
      store,
      onEvent: (e) => {
        if (e.type === 'warning') warnings.push(e.message);
      },
      onProgress: () => undefined,
    };
    const run = () => renderMultilingualJob(ctx, SPEC, {}, jobOptionsOf(job.options), jobOptionsOf(job.options).multilingual!, deps);
    return { calls, warnings, run };
  }

  it('stores every translated language as pending and waits (a deferral, not a failure), once', async () => {
    const h = harness();
    const before = Date.now();
    const error = (await h.run().catch((e: unknown) => e)) as JobDeferral;
    expect(isJobDeferral(error)).toBe(true);
    expect(error.details).toEqual({ waitingFor: 'review', languages: ['de', 'es'] });
    expect(error.until.getTime()).toBeGreaterThanOrEqual(before + REVIEW_WAIT_MS);
    expect(h.warnings).toEqual(['es: made up by a fake', 'de: made up by a fake']);
    expect((await store.translations.list(job.id)).map((t) => [t.language, t.state, t.translatedBy])).toEqual([
      ['de', 'pending', 'Fake de'],
      ['es', 'pending', 'Fake es'],
    ]);
    // Woken before anyone approved: it waits again without translating again.
    const again = harness();
    expect(isJobDeferral(await again.run().catch((e: unknown) => e))).toBe(true);
    expect(again.calls.translate).toBe(0);
    expect(again.calls.render).toEqual([]);
  });

  it('renders the approved (and edited) specs through renderLanguages once every language is approved', async () => {
    await store.translations.updatePending(job.id, 'es', { spec: translatedTo('es', 'Título revisado'), translatedBy: 'Fake es (edited)' });
    await store.translations.approveAll(job.id);
    const h = harness();
    await h.run();
    expect(h.calls.translate).toBe(0);
    expect(h.calls.render).toHaveLength(1);
    const opts = h.calls.render[0]!;
    expect(opts.languages).toEqual(['en', 'es', 'de']);
    expect(opts.preset).toBe('draft');
    expect(Object.keys(opts.translated ?? {}).sort()).toEqual(['de', 'es']);
    expect(opts.translated?.es?.title).toBe('Título revisado');
    expect(opts.outputDir).toBe(join(home, 'out'));
  });

  it('with only the source language there is nothing to review: it renders at once', async () => {
    const own = await store.jobs.create({ ownerId: job.ownerId, kind: 'render', input: { spec: SPEC }, options: { languages: ['en'], review: true } });
    const rendered: RenderLanguagesOptions[] = [];
    await renderMultilingualJob(
      { job: own, outputDir: join(home, 'o3'), signal: new AbortController().signal, config: loadConfig({ home }, {}), store, onEvent: () => undefined },
      SPEC,
      {},
      jobOptionsOf(own.options),
      jobOptionsOf(own.options).multilingual!,
      {
        translateForLanguages: async () => [{ language: 'en', spec: SPEC, translatedBy: 'source', warnings: [] }],
        renderLanguages: async (_s, opts) => {
          rendered.push(opts);
          return { id: 'tiny', sourceLanguage: 'en', languages: [], warnings: [] };
        },
      },
    );
    expect(rendered).toHaveLength(1);
    expect(rendered[0]!.translated).toEqual({});
    expect(await store.translations.list(own.id)).toEqual([]);
  });

  it('refuses an approved translation that no longer validates, naming the language', async () => {
    const other = await store.jobs.create({ ownerId: job.ownerId, kind: 'render', input: { spec: SPEC }, options: { languages: ['es'], review: true } });
    await store.translations.addPending(other.id, [{ language: 'es', spec: { id: 'x', scenes: [] }, translatedBy: 'old' }]);
    await store.translations.approveAll(other.id);
    const h = harness();
    const ctxJob = { ...other };
    const error = await renderMultilingualJob(
      { job: ctxJob, outputDir: join(home, 'o2'), signal: new AbortController().signal, config: loadConfig({ home }, {}), store, onEvent: () => undefined },
      SPEC,
      {},
      jobOptionsOf(other.options),
      jobOptionsOf(other.options).multilingual!,
      { translateForLanguages: async () => [], renderLanguages: async () => ({ id: 'x', sourceLanguage: 'en', languages: [], warnings: [] }) },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SPEC_INVALID', details: { language: 'es' } });
    expect(h.calls.render).toEqual([]);
  });
});

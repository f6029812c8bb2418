import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VideogenError } from '../../errors.ts';
import type { Aspect } from '../../spec/index.ts';
import type { SourceOptions, SourceResult } from '../../sources/types.ts';
import { NICHES, isNiche } from '../../sources/short/niches.ts';
import { addOptionFlags, cliOptionValues } from '../../options/cli.ts';
import { pipelineOptions } from '../../options/pipeline.ts';
import type { LanguageFlags } from '../multilingual.ts';

/** The flags only `create` has; the render options come from the option table (src/options/table.ts). */
interface CreateFlags extends LanguageFlags {
  topic?: string;
  duration?: string;
  videos?: string;
  specOnly?: boolean;
  ai?: boolean;
  format?: string;
  niche?: string;
  seed?: string;
}

const FORMATS = ['long', 'short'] as const;

/** `--topic` scripts are short by default; documents get DOCUMENT_BUDGET_SECONDS per video. */
const TOPIC_SECONDS = 60;
/** Sources that go through the editorial pass (sources/document/build.ts) and so are planned to the budget. */
const DOCUMENT_ADAPTERS = new Set(['markdown', 'pdf', 'docx', 'html', 'url']);

function parseVideos(value: string | undefined): SourceOptions['videos'] {
  if (value === undefined) return undefined;
  if (value === 'auto') return 'auto';
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new VideogenError('USAGE', '--videos must be a whole number of videos or "auto"');
  return n;
}

export function registerCreate(program: Command): void {
  const command = program
    .command('create [source]')
    .description('Make video(s) from a document (md, txt, rst, pdf, docx, html), a URL, a YouTube URL or id, subtitles (.srt/.vtt), a spec or set (.yaml/.json), or --topic.')
    .option('--topic <text>', 'write a whole script about a topic (needs a language model: ANTHROPIC_API_KEY or OPENAI_API_KEY/OPENAI_BASE_URL; with --format short it works offline too)')
    .option('--spec-only', 'write the spec YAML for editing instead of rendering')
    .option('--ai', 'rewrite narration with the configured language model to fit --duration')
    .option('--format <long|short>', 'short: a 9:16 YouTube Short of 30–60 s with word-by-word captions (with --topic, written offline from a niche template when no language model is configured)')
    .option('--niche <name>', `niche of a --topic Short (${NICHES.join(', ')}); detected from the topic's words by default`)
    .option('--seed <n>', 'varies the offline Short template (same topic and seed, same script)');
  addOptionFlags(command, 'create').action(async (source: string | undefined, flags: CreateFlags & Record<string, unknown>) => {
    const values = cliOptionValues(flags, 'create');
    if (flags.format && !FORMATS.includes(flags.format as (typeof FORMATS)[number])) throw new VideogenError('USAGE', `--format must be one of ${FORMATS.join(', ')}`);
    if (flags.niche && !isNiche(flags.niche)) throw new VideogenError('USAGE', `--niche must be one of ${NICHES.join(', ')}`);
    if (flags.niche && !(flags.topic && flags.format === 'short')) throw new VideogenError('USAGE', '--niche is for --topic "…" --format short');
    const seed = flags.seed === undefined ? undefined : Number(flags.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new VideogenError('USAGE', '--seed must be a whole number');
    const short = flags.format === 'short';
    if (short && values.aspect && values.aspect !== '9:16') throw new VideogenError('USAGE', `--format short is 9:16; drop --aspect ${values.aspect}`);
    const asked = flags.duration === undefined ? undefined : Number(flags.duration);
    if (asked !== undefined && !Number.isFinite(asked)) throw new VideogenError('USAGE', '--duration must be a number of seconds');
    const { DOCUMENT_BUDGET_SECONDS, MIN_VIDEO_SECONDS } = await import('../../sources/document/build.ts');
    // A title, one scene and an outro do not fit in less; the editorial pass would otherwise keep nothing.
    if (asked !== undefined && asked < MIN_VIDEO_SECONDS) throw new VideogenError('USAGE', `--duration ${flags.duration} is too short: a video needs at least ${MIN_VIDEO_SECONDS} seconds`);
    const videos = parseVideos(flags.videos);
    const { multilingualFlags, renderMultilingual } = await import('../multilingual.ts');
    // Checked before any source is read or model called: a typo in --languages fails fast.
    const multilingual = await multilingualFlags(flags);
    const [{ loadConfig }, { safeToShow }, { llmFromConfig, NO_LLM_MESSAGE, requireLlm }, { asShort, shortFromTopic, SHORT_SECONDS }] = await Promise.all([
      import('../../config.ts'),
      import('../../spec/index.ts'),
      import('../../writing/llm/registry.ts'),
      import('../../sources/short/index.ts'),
    ]);
    const config = loadConfig();
    const aspect: Aspect | undefined = values.aspect;
    const lang = values.language;
    let result: SourceResult;
    let documentSource = false;
    if (flags.topic && short) {
      const made = await shortFromTopic(flags.topic, llmFromConfig(config.llm), {
        ...(flags.niche && isNiche(flags.niche) ? { niche: flags.niche } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(asked !== undefined ? { durationSeconds: asked } : {}),
        ...(lang ? { language: lang } : {}),
        ...(values.broll ? { broll: true } : {}),
      });
      process.stderr.write(`short: ${made.niche} niche, script by ${made.writer === 'llm' ? 'the language model' : 'the built-in template'}\n`);
      result = { kind: 'video', spec: made.spec, warnings: made.warnings };
    } else if (flags.topic) {
      const llm = llmFromConfig(config.llm);
      // A long video about a topic needs facts only a model has; a Short can be written from a template.
      if (!llm) throw new VideogenError('USAGE', `${NO_LLM_MESSAGE}; or add --format short for a 30–60 s Short written offline from a built-in template`);
      const { scriptFromTopic } = await import('../../sources/topic.ts');
      const spec = await scriptFromTopic(flags.topic, llm, { durationSeconds: asked ?? TOPIC_SECONDS, ...(aspect ? { aspect } : {}), ...(lang ? { language: lang } : {}) });
      result = { kind: 'video', spec, warnings: [] };
    } else {
      if (!source) throw new VideogenError('USAGE', 'give a source (file, URL or YouTube id) or --topic "…"');
      const { detectSource } = await import('../../sources/detect.ts');
      const adapter = await detectSource(source);
      documentSource = DOCUMENT_ADAPTERS.has(adapter.id);
      const llm = llmFromConfig(config.llm);
      result = await adapter.load(source, {
        ...(videos !== undefined ? { videos } : {}),
        // A Short is planned to at most 60 s whatever --duration says.
        ...(short ? { targetSeconds: Math.min(asked ?? SHORT_SECONDS.max, SHORT_SECONDS.max) } : asked !== undefined ? { targetSeconds: asked } : {}),
        ...(short ? { aspect: '9:16' as Aspect } : aspect ? { aspect } : {}),
        ...(lang ? { language: lang } : {}),
        ...(values.voice ? { voice: values.voice } : {}),
        ...(flags.ai && llm ? { llm } : {}),
      });
    }
    for (const warning of result.warnings) process.stderr.write(`warning: ${safeToShow(warning, 400)}\n`);
    let specs = result.kind === 'video' ? [result.spec] : result.specs;
    if (short && !flags.topic) {
      specs = specs.map((spec) => {
        const made = asShort(spec);
        for (const warning of made.warnings) process.stderr.write(`warning: ${safeToShow(warning, 400)}\n`);
        return made.spec;
      });
    }
    const budget = short ? Math.min(asked ?? SHORT_SECONDS.max, SHORT_SECONDS.max) : flags.topic ? (asked ?? TOPIC_SECONDS) : (asked ?? DOCUMENT_BUDGET_SECONDS);
    const { formatPlan, planSummary } = await import('../../sources/plan-summary.ts');
    if (flags.ai) {
      const llm = requireLlm(config.llm);
      const { rewriteNarration } = await import('../../writing/rewrite.ts');
      // Each video is rewritten to its own planned length, never beyond the per-video budget: a short document is
      // not padded to three minutes, a long one is not squeezed into a share of one.
      const planned = planSummary(specs).videos;
      specs = await Promise.all(specs.map((spec, i) => rewriteNarration(spec, llm, { targetSeconds: Math.min(budget, planned[i]!.seconds) })));
    }
    // The target is shown for what was made to it: documents (the editorial pass), topics, and any source given
    // --duration; a spec file is rendered as written.
    const plan = planSummary(specs, flags.topic || documentSource || asked !== undefined ? budget : undefined);
    if (values.json) process.stdout.write(`${JSON.stringify({ type: 'plan', ...plan, videos: plan.videos.map(({ perScene: _p, ...v }) => v) })}\n`);
    else process.stdout.write(`${formatPlan(plan)}\n`);
    const { checkSpecContent, contentCheckLines } = await import('../../writing/content-check.ts');
    // Before anything is rendered or written: what the script says that should not be published as is.
    for (const spec of specs) {
      if (values.json) process.stdout.write(`${JSON.stringify({ type: 'content-check', id: spec.id, issues: checkSpecContent(spec) })}\n`);
      else for (const line of contentCheckLines(spec, specs.length > 1)) process.stderr.write(`${line}\n`);
    }
    const outDir = resolve(values.outputDir ?? 'out');
    const { writeFileAtomic } = await import('../../util/files.ts');
    if (flags.specOnly) {
      const [{ specYaml }, { writeTranslatedSpecs }] = await Promise.all([import('../../spec/spec-yaml.ts'), import('./translate.ts')]);
      for (const spec of specs) {
        const file = join(outDir, `${spec.id}.yaml`);
        await writeFileAtomic(file, specYaml(spec, ['Written by `videogen create`; edit it, then `videogen render` it.']));
        process.stdout.write(`wrote ${file}\n`);
        if (multilingual) await writeTranslatedSpecs(spec, { ...multilingual, outDir, config });
      }
      const planFile = join(outDir, 'plan.json');
      await writeFileAtomic(planFile, `${JSON.stringify(plan, null, 2)}\n`);
      process.stdout.write(`wrote ${planFile}\n`);
      return;
    }
    const [{ renderVideo }, { progressPrinter }, { scopeOf }] = await Promise.all([import('../../pipeline/render-video.ts'), import('../progress.ts'), import('../../sources/confine.ts')]);
    const printer = progressPrinter({ json: Boolean(values.json) });
    // Relative media paths in a spec or document resolve against its own folder; a topic has none of its own.
    const sourceFile = source && existsSync(source) ? resolve(source) : join(outDir, 'topic.yaml');
    const mediaScope = scopeOf(sourceFile, { kind: 'folder', root: sourceFile });
    for (const spec of specs) {
      const options = {
        ...pipelineOptions(values),
        outputDir: specs.length > 1 ? join(outDir, spec.id) : outDir,
        config,
        onEvent: printer,
        mediaScope,
        ...(values.mediaDir ? { mediaDir: resolve(values.mediaDir) } : {}),
      };
      if (multilingual) await renderMultilingual(spec, multilingual, options);
      else await renderVideo(spec, options);
    }
  });
}

import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { specYaml } from '../../spec/spec-yaml.ts';
import { VideogenError } from '../../errors.ts';
import { ASPECTS, safeToShow, type Aspect } from '../../spec/index.ts';
import { PRESETS, type PresetName } from '../../media/index.ts';
import { loadConfig } from '../../config.ts';
import { detectSource } from '../../sources/detect.ts';
import type { SourceOptions, SourceResult } from '../../sources/types.ts';
import { scriptFromTopic } from '../../sources/topic.ts';
import { NICHES, asShort, isNiche, shortFromTopic, SHORT_SECONDS } from '../../sources/short/index.ts';
import { scopeOf } from '../../sources/confine.ts';
import { checkSpecContent, contentCheckLines } from '../../writing/content-check.ts';
import { DOCUMENT_BUDGET_SECONDS, MIN_VIDEO_SECONDS } from '../../sources/document/build.ts';
import { formatPlan, planSummary } from '../../sources/plan-summary.ts';
import { NO_LLM_MESSAGE, llmFromConfig, requireLlm } from '../../writing/llm/registry.ts';
import { rewriteNarration } from '../../writing/rewrite.ts';
import { renderVideo } from '../../pipeline/render-video.ts';
import { writeFileAtomic } from '../../util/files.ts';
import { progressPrinter } from '../progress.ts';
import { GLOSSARY_HELP, LANGUAGES_HELP, LANGUAGE_VOICE_HELP, collect, multilingualFlags, renderMultilingual, type LanguageFlags } from '../multilingual.ts';
import { writeTranslatedSpecs } from './translate.ts';

interface CreateFlags extends LanguageFlags {
  output: string;
  topic?: string;
  duration?: string;
  videos?: string;
  specOnly?: boolean;
  ai?: boolean;
  aspect?: string;
  voice?: string;
  lang?: string;
  preset: string;
  json?: boolean;
  format?: string;
  niche?: string;
  seed?: string;
  broll?: boolean;
  media?: string;
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
  program
    .command('create [source]')
    .description('Make video(s) from a document (md, txt, rst, pdf, docx, html), a URL, a YouTube URL or id, subtitles (.srt/.vtt), a spec or set (.yaml/.json), or --topic.')
    .option('-o, --output <dir>', 'output directory', 'out')
    .option('--topic <text>', 'write a whole script about a topic (needs a language model: ANTHROPIC_API_KEY or OPENAI_API_KEY/OPENAI_BASE_URL; with --format short it works offline too)')
    .option('--duration <seconds>', `target length of each video: a document is condensed to fit it (default ${DOCUMENT_BUDGET_SECONDS}), --topic writes to it (default ${TOPIC_SECONDS}), --ai rewrites to it`)
    .option('--videos <n|auto>', 'split a long document into n balanced videos (a set); "auto" makes as many as it needs at --duration each')
    .option('--spec-only', 'write the spec YAML for editing instead of rendering')
    .option('--ai', 'rewrite narration with the configured language model to fit --duration')
    .option('--aspect <ratio>', `frame shape (${ASPECTS.join(', ')})`)
    .option('--voice <voice>', 'voice for every scene')
    .option('--lang <code>', 'language of narration and captions')
    .option('--preset <name>', `encoding preset: ${Object.keys(PRESETS).join(', ')}`, 'standard')
    .option('--format <long|short>', 'short: a 9:16 YouTube Short of 30–60 s with word-by-word captions (with --topic, written offline from a niche template when no language model is configured)')
    .option('--niche <name>', `niche of a --topic Short (${NICHES.join(', ')}); detected from the topic's words by default`)
    .option('--seed <n>', 'varies the offline Short template (same topic and seed, same script)')
    .option('--broll', 'footage for every narrated scene, chosen for its own sentences (stock providers, then --media, then a drawn gradient)')
    .option('--media <dir>', 'local media library for b-roll and music (wins over VIDEOGEN_MEDIA_DIR)')
    .option('--languages <codes>', `${LANGUAGES_HELP}; with --spec-only, writes <id>.<lang>.yaml for review`)
    .option('--glossary <file>', GLOSSARY_HELP)
    .option('--language-voice <lang=voice>', LANGUAGE_VOICE_HELP, collect)
    .option('--json', 'print progress as JSON lines')
    .action(async (source: string | undefined, flags: CreateFlags) => {
      if (flags.format && !FORMATS.includes(flags.format as (typeof FORMATS)[number])) throw new VideogenError('USAGE', `--format must be one of ${FORMATS.join(', ')}`);
      if (flags.niche && !isNiche(flags.niche)) throw new VideogenError('USAGE', `--niche must be one of ${NICHES.join(', ')}`);
      if (flags.niche && !(flags.topic && flags.format === 'short')) throw new VideogenError('USAGE', '--niche is for --topic "…" --format short');
      const seed = flags.seed === undefined ? undefined : Number(flags.seed);
      if (seed !== undefined && !Number.isInteger(seed)) throw new VideogenError('USAGE', '--seed must be a whole number');
      const short = flags.format === 'short';
      if (short && flags.aspect && flags.aspect !== '9:16') throw new VideogenError('USAGE', `--format short is 9:16; drop --aspect ${flags.aspect}`);
      if (flags.aspect && !ASPECTS.includes(flags.aspect as Aspect)) throw new VideogenError('USAGE', `--aspect must be one of ${ASPECTS.join(', ')}`);
      if (!(flags.preset in PRESETS)) throw new VideogenError('USAGE', `--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
      const asked = flags.duration === undefined ? undefined : Number(flags.duration);
      if (asked !== undefined && !Number.isFinite(asked)) throw new VideogenError('USAGE', '--duration must be a number of seconds');
      // A title, one scene and an outro do not fit in less; the editorial pass would otherwise keep nothing.
      if (asked !== undefined && asked < MIN_VIDEO_SECONDS) throw new VideogenError('USAGE', `--duration ${flags.duration} is too short: a video needs at least ${MIN_VIDEO_SECONDS} seconds`);
      const videos = parseVideos(flags.videos);
      // Checked before any source is read or model called: a typo in --languages fails fast.
      const multilingual = await multilingualFlags(flags);
      const config = loadConfig();
      const aspect = flags.aspect as Aspect | undefined;
      let result: SourceResult;
      let documentSource = false;
      if (flags.topic && short) {
        const made = await shortFromTopic(flags.topic, llmFromConfig(config.llm), {
          ...(flags.niche && isNiche(flags.niche) ? { niche: flags.niche } : {}),
          ...(seed !== undefined ? { seed } : {}),
          ...(asked !== undefined ? { durationSeconds: asked } : {}),
          ...(flags.lang ? { language: flags.lang } : {}),
          ...(flags.broll ? { broll: true } : {}),
        });
        process.stderr.write(`short: ${made.niche} niche, script by ${made.writer === 'llm' ? 'the language model' : 'the built-in template'}\n`);
        result = { kind: 'video', spec: made.spec, warnings: made.warnings };
      } else if (flags.topic) {
        const llm = llmFromConfig(config.llm);
        // A long video about a topic needs facts only a model has; a Short can be written from a template.
        if (!llm) throw new VideogenError('USAGE', `${NO_LLM_MESSAGE}; or add --format short for a 30–60 s Short written offline from a built-in template`);
        const spec = await scriptFromTopic(flags.topic, llm, { durationSeconds: asked ?? TOPIC_SECONDS, ...(aspect ? { aspect } : {}), ...(flags.lang ? { language: flags.lang } : {}) });
        result = { kind: 'video', spec, warnings: [] };
      } else {
        if (!source) throw new VideogenError('USAGE', 'give a source (file, URL or YouTube id) or --topic "…"');
        const adapter = await detectSource(source);
        documentSource = DOCUMENT_ADAPTERS.has(adapter.id);
        const llm = llmFromConfig(config.llm);
        result = await adapter.load(source, {
          ...(videos !== undefined ? { videos } : {}),
          // A Short is planned to at most 60 s whatever --duration says.
          ...(short ? { targetSeconds: Math.min(asked ?? SHORT_SECONDS.max, SHORT_SECONDS.max) } : asked !== undefined ? { targetSeconds: asked } : {}),
          ...(short ? { aspect: '9:16' as Aspect } : aspect ? { aspect } : {}),
          ...(flags.lang ? { language: flags.lang } : {}),
          ...(flags.voice ? { voice: flags.voice } : {}),
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
      if (flags.ai) {
        const llm = requireLlm(config.llm);
        // Each video is rewritten to its own planned length, never beyond the per-video budget: a short document is
        // not padded to three minutes, a long one is not squeezed into a share of one.
        const planned = planSummary(specs).videos;
        specs = await Promise.all(specs.map((spec, i) => rewriteNarration(spec, llm, { targetSeconds: Math.min(budget, planned[i]!.seconds) })));
      }
      // The target is shown for what was made to it: documents (the editorial pass), topics, and any source given
      // --duration; a spec file is rendered as written.
      const plan = planSummary(specs, flags.topic || documentSource || asked !== undefined ? budget : undefined);
      if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'plan', ...plan, videos: plan.videos.map(({ perScene: _p, ...v }) => v) })}\n`);
      else process.stdout.write(`${formatPlan(plan)}\n`);
      // Before anything is rendered or written: what the script says that should not be published as is.
      for (const spec of specs) {
        if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'content-check', id: spec.id, issues: checkSpecContent(spec) })}\n`);
        else for (const line of contentCheckLines(spec, specs.length > 1)) process.stderr.write(`${line}\n`);
      }
      const outDir = resolve(flags.output);
      if (flags.specOnly) {
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
      const printer = progressPrinter({ json: Boolean(flags.json) });
      // Relative media paths in a spec or document resolve against its own folder; a topic has none of its own.
      const sourceFile = source && existsSync(source) ? resolve(source) : join(outDir, 'topic.yaml');
      const mediaScope = scopeOf(sourceFile, { kind: 'folder', root: sourceFile });
      for (const spec of specs) {
        const options = {
          outputDir: specs.length > 1 ? join(outDir, spec.id) : outDir,
          preset: flags.preset as PresetName,
          config,
          onEvent: printer,
          mediaScope,
          ...(flags.media ? { mediaDir: resolve(flags.media) } : {}),
          ...(flags.broll ? { broll: 'auto' as const } : {}),
          ...(flags.voice ? { voice: flags.voice } : {}),
        };
        if (multilingual) await renderMultilingual(spec, multilingual, options);
        else await renderVideo(spec, options);
      }
    });
}

import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { VideogenError } from '../../errors.ts';
import { ASPECTS, safeToShow, type Aspect, type VideoSpec } from '../../spec/index.ts';
import { PRESETS, type PresetName } from '../../media/index.ts';
import { loadConfig } from '../../config.ts';
import { detectSource } from '../../sources/detect.ts';
import type { SourceOptions, SourceResult } from '../../sources/types.ts';
import { scriptFromTopic } from '../../sources/topic.ts';
import { DOCUMENT_BUDGET_SECONDS, MIN_VIDEO_SECONDS } from '../../sources/document/build.ts';
import { formatPlan, planSummary } from '../../sources/plan-summary.ts';
import { llmFromConfig, requireLlm } from '../../writing/llm/registry.ts';
import { rewriteNarration } from '../../writing/rewrite.ts';
import { renderVideo } from '../../pipeline/render-video.ts';
import { writeFileAtomic } from '../../util/files.ts';
import { progressPrinter } from '../progress.ts';

interface CreateFlags {
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
}

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

function specYaml(spec: VideoSpec): string {
  return `# yaml-language-server: $schema=https://videogen.dev/schema/videogen.schema.json\n# Written by \`videogen create\`; edit it, then \`videogen render\` it.\n${stringify(spec, { lineWidth: 0 })}`;
}

export function registerCreate(program: Command): void {
  program
    .command('create [source]')
    .description('Make video(s) from a document (md, txt, rst, pdf, docx, html), a URL, a YouTube URL or id, subtitles (.srt/.vtt), a spec or set (.yaml/.json), or --topic.')
    .option('-o, --output <dir>', 'output directory', 'out')
    .option('--topic <text>', 'write a whole script about a topic (needs a language model: ANTHROPIC_API_KEY or OPENAI_API_KEY/OPENAI_BASE_URL)')
    .option('--duration <seconds>', `target length of each video: a document is condensed to fit it (default ${DOCUMENT_BUDGET_SECONDS}), --topic writes to it (default ${TOPIC_SECONDS}), --ai rewrites to it`)
    .option('--videos <n|auto>', 'split a long document into n balanced videos (a set); "auto" makes as many as it needs at --duration each')
    .option('--spec-only', 'write the spec YAML for editing instead of rendering')
    .option('--ai', 'rewrite narration with the configured language model to fit --duration')
    .option('--aspect <ratio>', `frame shape (${ASPECTS.join(', ')})`)
    .option('--voice <voice>', 'voice for every scene')
    .option('--lang <code>', 'language of narration and captions')
    .option('--preset <name>', `encoding preset: ${Object.keys(PRESETS).join(', ')}`, 'standard')
    .option('--json', 'print progress as JSON lines')
    .action(async (source: string | undefined, flags: CreateFlags) => {
      if (flags.aspect && !ASPECTS.includes(flags.aspect as Aspect)) throw new VideogenError('USAGE', `--aspect must be one of ${ASPECTS.join(', ')}`);
      if (!(flags.preset in PRESETS)) throw new VideogenError('USAGE', `--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
      const asked = flags.duration === undefined ? undefined : Number(flags.duration);
      if (asked !== undefined && !Number.isFinite(asked)) throw new VideogenError('USAGE', '--duration must be a number of seconds');
      // A title, one scene and an outro do not fit in less; the editorial pass would otherwise keep nothing.
      if (asked !== undefined && asked < MIN_VIDEO_SECONDS) throw new VideogenError('USAGE', `--duration ${flags.duration} is too short: a video needs at least ${MIN_VIDEO_SECONDS} seconds`);
      const videos = parseVideos(flags.videos);
      const config = loadConfig();
      const aspect = flags.aspect as Aspect | undefined;
      let result: SourceResult;
      let documentSource = false;
      if (flags.topic) {
        const spec = await scriptFromTopic(flags.topic, requireLlm(config.llm), { durationSeconds: asked ?? TOPIC_SECONDS, ...(aspect ? { aspect } : {}), ...(flags.lang ? { language: flags.lang } : {}) });
        result = { kind: 'video', spec, warnings: [] };
      } else {
        if (!source) throw new VideogenError('USAGE', 'give a source (file, URL or YouTube id) or --topic "…"');
        const adapter = await detectSource(source);
        documentSource = DOCUMENT_ADAPTERS.has(adapter.id);
        const llm = llmFromConfig(config.llm);
        result = await adapter.load(source, {
          ...(videos !== undefined ? { videos } : {}),
          ...(asked !== undefined ? { targetSeconds: asked } : {}),
          ...(aspect ? { aspect } : {}),
          ...(flags.lang ? { language: flags.lang } : {}),
          ...(flags.voice ? { voice: flags.voice } : {}),
          ...(flags.ai && llm ? { llm } : {}),
        });
      }
      for (const warning of result.warnings) process.stderr.write(`warning: ${safeToShow(warning, 400)}\n`);
      let specs = result.kind === 'video' ? [result.spec] : result.specs;
      const budget = flags.topic ? (asked ?? TOPIC_SECONDS) : (asked ?? DOCUMENT_BUDGET_SECONDS);
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
      const outDir = resolve(flags.output);
      if (flags.specOnly) {
        for (const spec of specs) {
          const file = join(outDir, `${spec.id}.yaml`);
          await writeFileAtomic(file, specYaml(spec));
          process.stdout.write(`wrote ${file}\n`);
        }
        const planFile = join(outDir, 'plan.json');
        await writeFileAtomic(planFile, `${JSON.stringify(plan, null, 2)}\n`);
        process.stdout.write(`wrote ${planFile}\n`);
        return;
      }
      const printer = progressPrinter({ json: Boolean(flags.json) });
      for (const spec of specs) {
        await renderVideo(spec, {
          outputDir: specs.length > 1 ? join(outDir, spec.id) : outDir,
          preset: flags.preset as PresetName,
          config,
          onEvent: printer,
          ...(flags.voice ? { voice: flags.voice } : {}),
        });
      }
    });
}

import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { VideogenError } from '../../errors.ts';
import { ASPECTS, safeToShow, type Aspect, type VideoSpec } from '../../spec/index.ts';
import { PRESETS, type PresetName } from '../../media/index.ts';
import { loadConfig } from '../../config.ts';
import { detectSource } from '../../sources/detect.ts';
import type { SourceResult } from '../../sources/types.ts';
import { scriptFromTopic } from '../../sources/topic.ts';
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

function specYaml(spec: VideoSpec): string {
  return `# yaml-language-server: $schema=https://videogen.dev/schema/videogen.schema.json\n# Written by \`videogen create\`; edit it, then \`videogen render\` it.\n${stringify(spec, { lineWidth: 0 })}`;
}

export function registerCreate(program: Command): void {
  program
    .command('create [source]')
    .description('Make video(s) from a document (md, txt, rst, pdf, docx, html), a URL, a YouTube URL or id, subtitles (.srt/.vtt), a spec or set (.yaml/.json), or --topic.')
    .option('-o, --output <dir>', 'output directory', 'out')
    .option('--topic <text>', 'write a whole script about a topic (needs a language model: ANTHROPIC_API_KEY or OPENAI_API_KEY/OPENAI_BASE_URL)')
    .option('--duration <seconds>', 'target length for --topic and --ai', '60')
    .option('--videos <n>', 'split a long document into n videos (a set)')
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
      const duration = Number(flags.duration);
      if (!(duration > 0)) throw new VideogenError('USAGE', '--duration must be a number of seconds');
      const config = loadConfig();
      const aspect = flags.aspect as Aspect | undefined;
      let result: SourceResult;
      if (flags.topic) {
        const spec = await scriptFromTopic(flags.topic, requireLlm(config.llm), { durationSeconds: duration, ...(aspect ? { aspect } : {}), ...(flags.lang ? { language: flags.lang } : {}) });
        result = { kind: 'video', spec, warnings: [] };
      } else {
        if (!source) throw new VideogenError('USAGE', 'give a source (file, URL or YouTube id) or --topic "…"');
        const adapter = await detectSource(source);
        const llm = llmFromConfig(config.llm);
        result = await adapter.load(source, {
          ...(flags.videos ? { videos: Number(flags.videos) } : {}),
          ...(aspect ? { aspect } : {}),
          ...(flags.lang ? { language: flags.lang } : {}),
          ...(flags.voice ? { voice: flags.voice } : {}),
          ...(flags.ai && llm ? { llm, targetSeconds: duration } : {}),
        });
      }
      for (const warning of result.warnings) process.stderr.write(`warning: ${safeToShow(warning, 400)}\n`);
      let specs = result.kind === 'video' ? [result.spec] : result.specs;
      if (flags.ai) {
        const llm = requireLlm(config.llm);
        specs = await Promise.all(specs.map((spec) => rewriteNarration(spec, llm, { targetSeconds: duration / specs.length })));
      }
      const outDir = resolve(flags.output);
      if (flags.specOnly) {
        for (const spec of specs) {
          const file = join(outDir, `${spec.id}.yaml`);
          await writeFileAtomic(file, specYaml(spec));
          process.stdout.write(`wrote ${file}\n`);
        }
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

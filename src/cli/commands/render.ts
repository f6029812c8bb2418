import type { Command } from 'commander';
import { resolve } from 'node:path';
import { VideogenError } from '../../errors.ts';
import { loadVideoSpec } from '../../sources/spec-file.ts';
import { renderVideo } from '../../pipeline/render-video.ts';
import { loadConfig } from '../../config.ts';
import { ASPECTS, type Aspect } from '../../spec/index.ts';
import { PRESETS, type PresetName } from '../../media/index.ts';
import { progressPrinter } from '../progress.ts';
import { scopeOf } from '../../sources/confine.ts';
import { checkSpecContent, contentCheckLines } from '../../writing/content-check.ts';
import { GLOSSARY_HELP, LANGUAGES_HELP, LANGUAGE_VOICE_HELP, collect, multilingualFlags, renderMultilingual, type LanguageFlags } from '../multilingual.ts';

interface RenderFlags extends LanguageFlags {
  output: string;
  preset: string;
  voice?: string;
  burnCaptions?: boolean;
  aspect?: string;
  json?: boolean;
  broll?: boolean;
  media?: string;
}

export function registerRender(program: Command): void {
  program
    .command('render <spec>')
    .description('Render a spec to video.mp4 with narration, captions, thumbnail, chapters and a manifest.')
    .option('-o, --output <dir>', 'output directory', 'out')
    .option('--preset <name>', `encoding preset: ${Object.keys(PRESETS).join(', ')}`, 'standard')
    .option('--voice <voice>', 'voice for every scene (male, female, edge:en-US-AriaNeural, espeak:de…)')
    .option('--burn-captions', 'draw captions into the picture too')
    .option('--aspect <ratio>', `override the spec's aspect (${ASPECTS.join(', ')})`)
    .option('--broll', 'footage for every narrated scene, chosen for its own sentences (stock providers, then --media, then a drawn gradient)')
    .option('--media <dir>', 'local media library for b-roll and music (wins over VIDEOGEN_MEDIA_DIR)')
    .option('--languages <codes>', LANGUAGES_HELP)
    .option('--glossary <file>', GLOSSARY_HELP)
    .option('--language-voice <lang=voice>', LANGUAGE_VOICE_HELP, collect)
    .option('--json', 'print progress as JSON lines')
    .action(async (file: string, flags: RenderFlags) => {
      if (!(flags.preset in PRESETS)) throw new VideogenError('USAGE', `--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
      if (flags.aspect && !ASPECTS.includes(flags.aspect as Aspect)) throw new VideogenError('USAGE', `--aspect must be one of ${ASPECTS.join(', ')}`);
      const multilingual = await multilingualFlags(flags);
      const spec = await loadVideoSpec(file);
      if (flags.json) process.stdout.write(`${JSON.stringify({ type: 'content-check', id: spec.id, issues: checkSpecContent(spec) })}\n`);
      else for (const line of contentCheckLines(spec)) process.stderr.write(`${line}\n`);
      const controller = new AbortController();
      const onSignal = () => controller.abort();
      process.once('SIGINT', onSignal);
      try {
        const options = {
          outputDir: resolve(flags.output),
          preset: flags.preset as PresetName,
          config: loadConfig(),
          // Relative media paths in the spec resolve against its own folder and may not leave it.
          mediaScope: scopeOf(file, { kind: 'folder', root: file }),
          ...(flags.media ? { mediaDir: resolve(flags.media) } : {}),
          ...(flags.broll ? { broll: 'auto' as const } : {}),
          signal: controller.signal,
          onEvent: progressPrinter({ json: Boolean(flags.json) }),
          ...(flags.voice ? { voice: flags.voice } : {}),
          ...(flags.burnCaptions ? { burnCaptions: true } : {}),
          ...(flags.aspect ? { aspect: flags.aspect as Aspect } : {}),
        };
        if (multilingual) await renderMultilingual(spec, multilingual, options);
        else await renderVideo(spec, options);
      } finally {
        process.off('SIGINT', onSignal);
      }
    });
}

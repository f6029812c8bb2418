import type { Command } from 'commander';
import { VideogenError } from '../../errors.ts';
import { loadVideoSpec } from '../../sources/spec-file.ts';
import { dirname, resolve } from 'node:path';
import { preparePreviewMedia, previewFrame, previewSheet } from '../../pipeline/preview.ts';
import { scopeOf } from '../../sources/confine.ts';
import { loadConfig } from '../../config.ts';
import { ASPECTS, type Aspect } from '../../spec/index.ts';
import { writeFileAtomic } from '../../util/files.ts';

interface PreviewOptions {
  scene?: string;
  at?: string;
  sheet?: boolean;
  output: string;
  aspect?: string;
  media?: string;
}

export function registerPreview(program: Command): void {
  program
    .command('preview <spec>')
    .description('Draw one frame of a scene, or a contact sheet of every scene, to a PNG.')
    .option('--scene <id|n>', 'scene id or 1-based number')
    .option('--at <seconds>', 'time within the scene (default: when it has settled)')
    .option('--sheet', 'contact sheet of every scene in its settled state')
    .option('--aspect <ratio>', `override the spec's aspect (${ASPECTS.join(', ')})`)
    .option('--media <dir>', 'local media library for stock backgrounds and b-roll (wins over VIDEOGEN_MEDIA_DIR)')
    .requiredOption('-o, --output <file>', 'PNG file to write')
    .action(async (file: string, opts: PreviewOptions) => {
      let spec = await loadVideoSpec(file);
      if (opts.aspect) {
        if (!ASPECTS.includes(opts.aspect as Aspect)) throw new VideogenError('USAGE', `--aspect must be one of ${ASPECTS.join(', ')}`);
        spec = { ...spec, aspect: opts.aspect as Aspect };
      }
      if (!opts.sheet && !opts.scene) throw new VideogenError('USAGE', 'give --scene <id|n> (with optional --at <seconds>) or --sheet');
      const at = opts.at === undefined ? undefined : Number(opts.at);
      if (at !== undefined && !(at >= 0)) throw new VideogenError('USAGE', '--at must be a number of seconds ≥ 0');
      // Pictures and footage are resolved as the render resolves them (relative to the spec's folder, same cache).
      const media = await preparePreviewMedia(spec, { config: loadConfig(), scope: scopeOf(file, { kind: 'folder', root: dirname(file) }), ...(opts.media ? { mediaDir: resolve(opts.media) } : {}), onWarning: (m) => process.stderr.write(`warning: ${m}\n`) });
      const result = opts.sheet ? await previewSheet(spec, undefined, media) : await previewFrame(spec, opts.scene!, at, undefined, media);
      await writeFileAtomic(opts.output, result.png);
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      process.stdout.write(`wrote ${opts.output}\n`);
    });
}

import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { progressPrinter } from '../progress.ts';

/** `videogen wizard [--resume]`: interactive spec writer (src/wizard/run.ts). */
export function registerWizard(program: Command): void {
  program
    .command('wizard')
    .description('Answer a few questions to write a spec (and render it). Ctrl-C saves a draft.')
    .option('--resume', 'continue the draft saved when the wizard was stopped')
    .action(async (flags: { resume?: boolean }) => {
      // The prompts and the renderer load when the wizard starts, not on every CLI start.
      const [{ runWizard }, { renderVideo }] = await Promise.all([import('../../wizard/run.ts'), import('../../pipeline/render-video.ts')]);
      const config = loadConfig();
      await runWizard({
        resume: Boolean(flags.resume),
        // The draft lives in the data directory (VIDEOGEN_HOME, default ~/.videogen), wherever the wizard was started.
        draftDir: config.home,
        log: (line) => process.stdout.write(`${line}\n`),
        render: async (spec, outputDir) => {
          const result = await renderVideo(spec, { outputDir, preset: 'standard', config, onEvent: progressPrinter({ json: false }) });
          process.stdout.write(`rendered ${result.files.video}\n`);
        },
      });
    });
}

import type { Command } from 'commander';
import { resolve } from 'node:path';
import { addOptionFlags, cliOptionValues } from '../../options/cli.ts';
import { pipelineOptions } from '../../options/pipeline.ts';
import type { LanguageFlags } from '../multilingual.ts';

// Only commander and the option table load with the command list: `videogen --help` must not pay for the pipeline,
// so the action imports what it runs.
export function registerRender(program: Command): void {
  const command = program
    .command('render <spec>')
    .description('Render a spec to video.mp4 with narration, captions, thumbnail, chapters and a manifest.');
  addOptionFlags(command, 'render').action(async (file: string, flags: Record<string, unknown>) => {
    const values = cliOptionValues(flags, 'render');
    const [{ loadVideoSpec }, { renderVideo }, { loadConfig }, { progressPrinter }, { scopeOf }, { checkSpecContent, contentCheckLines }, { multilingualFlags, renderMultilingual }] = await Promise.all([
      import('../../sources/spec-file.ts'),
      import('../../pipeline/render-video.ts'),
      import('../../config.ts'),
      import('../progress.ts'),
      import('../../sources/confine.ts'),
      import('../../writing/content-check.ts'),
      import('../multilingual.ts'),
    ]);
    const multilingual = await multilingualFlags(flags as LanguageFlags);
    const spec = await loadVideoSpec(file);
    if (values.json) process.stdout.write(`${JSON.stringify({ type: 'content-check', id: spec.id, issues: checkSpecContent(spec) })}\n`);
    else for (const line of contentCheckLines(spec)) process.stderr.write(`${line}\n`);
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once('SIGINT', onSignal);
    try {
      const options = {
        ...pipelineOptions(values),
        outputDir: resolve(values.outputDir ?? 'out'),
        config: loadConfig(),
        // Relative media paths in the spec resolve against its own folder and may not leave it.
        mediaScope: scopeOf(file, { kind: 'folder', root: file }),
        ...(values.mediaDir ? { mediaDir: resolve(values.mediaDir) } : {}),
        signal: controller.signal,
        onEvent: progressPrinter({ json: Boolean(values.json) }),
      };
      if (multilingual) await renderMultilingual(spec, multilingual, options);
      else await renderVideo(spec, options);
    } finally {
      process.off('SIGINT', onSignal);
    }
  });
}

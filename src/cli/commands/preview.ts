import type { Command } from 'commander';
import { dirname, resolve } from 'node:path';
import { VideogenError } from '../../errors.ts';
import { addOptionFlags, cliOptionValues } from '../../options/cli.ts';
import { renderFrame } from '../../options/frame-size.ts';

/** The flags only `preview` has; `--preset`, `--resolution`, `--aspect` and `--media` come from the option table. */
interface PreviewFlags {
  scene?: string;
  at?: string;
  sheet?: boolean;
  output: string;
}

export function registerPreview(program: Command): void {
  const command = program
    .command('preview <spec>')
    .description('Draw one frame of a scene, or a contact sheet of every scene, to a PNG.')
    .option('--scene <id|n>', 'scene id or 1-based number')
    .option('--at <seconds>', 'time within the scene (default: when it has settled)')
    .option('--sheet', 'contact sheet of every scene in its settled state')
    .requiredOption('-o, --output <file>', 'PNG file to write');
  addOptionFlags(command, 'preview').action(async (file: string, flags: PreviewFlags & Record<string, unknown>) => {
    const values = cliOptionValues(flags, 'preview');
    if (!flags.sheet && !flags.scene) throw new VideogenError('USAGE', 'give --scene <id|n> (with optional --at <seconds>) or --sheet');
    const at = flags.at === undefined ? undefined : Number(flags.at);
    if (at !== undefined && !(at >= 0)) throw new VideogenError('USAGE', '--at must be a number of seconds ≥ 0');
    // Loaded here, not with the command list: `videogen --help` must not pay for the canvas and the renderer.
    const [{ loadVideoSpec }, { preparePreviewMedia, previewFrame, previewSheet }, { scopeOf }, { loadConfig }, { writeFileAtomic }] = await Promise.all([
      import('../../sources/spec-file.ts'),
      import('../../pipeline/preview.ts'),
      import('../../sources/confine.ts'),
      import('../../config.ts'),
      import('../../util/files.ts'),
    ]);
    const loaded = await loadVideoSpec(file);
    const spec = values.aspect ? { ...loaded, aspect: values.aspect } : loaded;
    // The size a render of this spec with these options would have: the same rule as `render` (frame-size.ts).
    const frame = renderFrame(spec, { preset: values.preset, resolution: values.resolution });
    // Pictures and footage are resolved as the render resolves them (relative to the spec's folder, same cache).
    const media = await preparePreviewMedia(spec, { config: loadConfig(), frame, scope: scopeOf(file, { kind: 'folder', root: dirname(file) }), ...(values.mediaDir ? { mediaDir: resolve(values.mediaDir) } : {}), onWarning: (m) => process.stderr.write(`warning: ${m}\n`) });
    const result = flags.sheet ? await previewSheet(spec, frame, media) : await previewFrame(spec, flags.scene!, at, frame, media);
    await writeFileAtomic(flags.output, result.png);
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(`wrote ${flags.output}\n`);
  });
}

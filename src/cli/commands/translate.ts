import type { Command } from 'commander';
import type { VideogenConfig } from '../../config.ts';
import type { VideoSpec } from '../../spec/index.ts';
import type { Glossary } from '../../writing/translate/types.ts';
import { GLOSSARY_HELP } from '../multilingual.ts';

export interface WrittenTranslation {
  language: string;
  file: string;
  translatedBy: string;
  warnings: string[];
}

export interface TranslateFlags {
  to: string;
  output?: string;
  glossary?: string;
  json?: boolean;
}

/**
 * `<outDir>/<id>.<lang>.yaml` for each language (atomic writes), with what translated it; prints one line each.
 * The translators load on the first call (translate-run.ts), so the commands that import this stay light.
 */
export async function writeTranslatedSpecs(
  spec: VideoSpec,
  opts: { languages: readonly string[]; outDir: string; config: VideogenConfig; glossary?: Glossary | undefined; json?: boolean },
): Promise<WrittenTranslation[]> {
  return (await import('./translate-run.ts')).writeTranslatedSpecsNow(spec, opts);
}

export function registerTranslate(program: Command): void {
  program
    .command('translate <spec>')
    .description('Write the spec in other languages (<id>.<lang>.yaml) for a person to review before rendering.')
    .requiredOption('--to <codes>', 'languages to translate into, e.g. de,es,ar')
    .option('-o, --output <dir>', "where to write the translated specs (default: the spec's own folder, so its media paths keep working)")
    .option('--glossary <file>', GLOSSARY_HELP)
    .option('--json', 'print what was written as JSON')
    .action(async (file: string, flags: TranslateFlags) => (await import('./translate-run.ts')).runTranslate(file, flags));
}

import type { Command } from 'commander';
import { VideogenError, isVideogenError } from '../../errors.ts';
import { formatProblems, safeToShow, type SpecProblem } from '../../spec/index.ts';
import { loadYamlSource } from '../../sources/yaml.ts';

/**
 * `videogen validate` loads the file exactly as `create` and `render` do (sources/yaml.ts: canonical specs and sets,
 * template instances, video_gen files; paths confined to the file's folder; size, nesting and alias limits), so what
 * validates also creates, and what `create` refuses is refused here with the same code.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate <file>')
    .description('Check a spec, set or template instance (.yaml/.yml/.json); prints every problem with its path and line, exits 1 if any.')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const shown = safeToShow(file, 200);
      if (!/\.(ya?ml|json)$/i.test(file)) throw new VideogenError('USAGE', `validate checks .yaml, .yml or .json specs; ${shown} is not one (to check a document, use \`videogen create ${shown} --spec-only\`)`);
      try {
        const result = await loadYamlSource(file);
        const count = result.kind === 'video' ? `${result.spec.scenes.length} scenes` : `${result.specs.length} videos`;
        if (opts.json) process.stdout.write(`${JSON.stringify({ ok: true, kind: result.kind, format: result.format, warnings: result.warnings.map((w) => safeToShow(w, 400)) }, null, 2)}\n`);
        else {
          for (const warning of result.warnings) process.stderr.write(`warning: ${safeToShow(warning, 400)}\n`);
          process.stdout.write(`✓ ${shown} is a valid ${result.kind === 'video' ? 'video spec' : 'video set'} (${count})\n`);
        }
      } catch (error) {
        if (!isVideogenError(error)) throw error;
        const problems = (error.details?.problems ?? []) as SpecProblem[];
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message, ...(problems.length ? { problems } : {}) }, null, 2)}\n`);
          process.exitCode = 1;
          return;
        }
        if (!problems.length) throw error;
        process.stderr.write(`${formatProblems(problems, file)}\n`);
        process.exitCode = 1;
      }
    });
}

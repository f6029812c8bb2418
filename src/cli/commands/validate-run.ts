import { VideogenError, isVideogenError } from '../../errors.ts';
import { formatProblems, type SpecProblem } from '../../spec/problems.ts';
import { safeToShow } from '../../spec/safe-text.ts';
import { loadYamlSource } from '../../sources/yaml.ts';

/** The `validate` command (registered in validate.ts). */
export async function runValidate(file: string, opts: { json?: boolean }): Promise<void> {
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
}

import type { Command } from 'commander';
import { formatProblems } from '../../spec/index.ts';
import { loadSpecFile } from '../../sources/spec-file.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate <file>')
    .description('Check a spec or set file; prints every problem with its path and line, exits 1 if any.')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const result = await loadSpecFile(file);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(result.ok ? { ok: true, kind: result.kind } : { ok: false, problems: result.problems }, null, 2)}\n`);
      } else if (result.ok) {
        const count = result.kind === 'video' ? `${result.spec.scenes.length} scenes` : `${result.set.videos.length} videos`;
        process.stdout.write(`✓ ${file} is a valid ${result.kind === 'video' ? 'video spec' : 'video set'} (${count})\n`);
      } else {
        process.stderr.write(`${formatProblems(result.problems, file)}\n`);
      }
      if (!result.ok) process.exitCode = 1;
    });
}

import type { Command } from 'commander';

/**
 * `videogen validate` loads the file exactly as `create` and `render` do (sources/yaml.ts: canonical specs and sets,
 * template instances, video_gen files; paths confined to the file's folder; size, nesting and alias limits), so what
 * validates also creates, and what `create` refuses is refused here with the same code. The loader is imported when
 * the command runs, so `videogen --help` does not pay for it.
 */
export function registerValidate(program: Command): void {
  program
    .command('validate <file>')
    .description('Check a spec, set or template instance (.yaml/.yml/.json); prints every problem with its path and line, exits 1 if any.')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, opts: { json?: boolean }) => (await import('./validate-run.ts')).runValidate(file, opts));
}

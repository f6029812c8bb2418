import type { Command } from 'commander';
import { videogenJsonSchema } from '../../spec/index.ts';
import { writeFileAtomic } from '../../util/files.ts';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of spec and set files (for editor autocompletion).')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (opts: { output?: string }) => {
      const text = `${JSON.stringify(videogenJsonSchema(), null, 2)}\n`;
      if (opts.output) await writeFileAtomic(opts.output, text);
      else process.stdout.write(text);
    });
}

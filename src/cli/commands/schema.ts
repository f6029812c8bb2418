import type { Command } from 'commander';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of spec and set files (for editor autocompletion).')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .action(async (opts: { output?: string }) => {
      // Imported here: the schemas (zod) are the whole cost of this command and no other command's help needs them.
      const [{ videogenJsonSchema }, { writeFileAtomic }] = await Promise.all([import('../../spec/json-schema.ts'), import('../../util/files.ts')]);
      const text = `${JSON.stringify(videogenJsonSchema(), null, 2)}\n`;
      if (opts.output) await writeFileAtomic(opts.output, text);
      else process.stdout.write(text);
    });
}

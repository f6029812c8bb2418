import { Command, CommanderError } from 'commander';
import { isVideogenError } from '../errors.ts';
import type { SpecProblem } from '../spec/problems.ts';
import { registerValidate } from './commands/validate.ts';
import { registerSchema } from './commands/schema.ts';
import { registerPreview } from './commands/preview.ts';
import { registerRender } from './commands/render.ts';
import { registerVoices } from './commands/voices.ts';
import { registerCreate } from './commands/create.ts';
import { registerWizard } from './commands/wizard.ts';
import { registerServe } from './commands/serve.ts';
import { registerWorker } from './commands/worker.ts';
import { registerAdmin } from './commands/admin.ts';
import { registerCaptions } from './commands/captions.ts';
import { registerChannels } from './commands/channels.ts';
import { registerPublish } from './commands/publish.ts';
import { registerSchedule } from './commands/schedule.ts';
import { registerCalendar } from './commands/calendar.ts';
import { registerQuota } from './commands/quota.ts';
import { registerTranslate } from './commands/translate.ts';

/**
 * Every command. Registration is cheap by rule: a command module imports only commander, types and small constants at
 * its top, and its action imports the implementation (`await import()`), so `videogen --help`, `validate` or `schema`
 * never load the renderer, the server, the database or the parsers they do not use.
 */
export function buildProgram(): Command {
  const program = new Command('videogen').description('Turn documents, specs and topics into narrated explainer videos.').version('0.1.0');
  program.exitOverride();
  registerValidate(program);
  registerSchema(program);
  registerPreview(program);
  registerRender(program);
  registerVoices(program);
  registerCreate(program);
  registerWizard(program);
  registerServe(program);
  registerWorker(program);
  registerAdmin(program);
  registerCaptions(program);
  registerChannels(program);
  registerPublish(program);
  registerSchedule(program);
  registerCalendar(program);
  registerQuota(program);
  registerTranslate(program);
  return program;
}

/** Entry point: one-line reason and a non-zero exit code on failure. */
export async function main(argv: string[]): Promise<void> {
  // `videogen voices | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    if (isVideogenError(error)) {
      const problems = (error.details?.problems ?? []) as SpecProblem[];
      const { formatProblems } = await import('../spec/problems.ts');
      process.stderr.write(problems.length ? `${formatProblems(problems, String(error.message.split(' has ')[0]))}\n` : `error ${error.code}: ${error.message}\n  see ${error.docsPath}\n`);
      process.exitCode = error.code === 'USAGE' ? 2 : 1;
      return;
    }
    process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}

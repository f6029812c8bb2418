import type { Command } from 'commander';

/** `voices` and `languages`; their implementations (voices-run.ts) are imported when one of them runs. */
export function registerVoices(program: Command): void {
  program
    .command('voices')
    .description('List the voices of every available TTS provider (espeak-ng works offline; cloud providers need keys).')
    .option('--lang <code>', 'only voices for this language, e.g. en, es, pt-BR')
    .option('--provider <id>', 'only this provider (espeak, edge, openai, elevenlabs)')
    .option('--json', 'print JSON')
    .option('--refresh', 'ask espeak-ng and Edge again instead of using the lists remembered for a day (in <cache>/voices)')
    .action(async (opts: { lang?: string; provider?: string; json?: boolean; refresh?: boolean }) => (await import('./voices-run.ts')).runVoices(opts));

  program
    .command('languages')
    .description('List the languages videogen narrates and captions; --pairs: which translation provider can do which pair here.')
    .option('--pairs', 'translation providers and the language pairs each can translate on this machine')
    .option('--json', 'print JSON')
    .action(async (opts: { pairs?: boolean; json?: boolean }) => (await import('./voices-run.ts')).runLanguages(opts));
}

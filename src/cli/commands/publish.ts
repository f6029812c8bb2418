import type { Command } from 'commander';
import type { Privacy } from '../../store/types.ts';
import { USER_OPTION, type AccountFlags } from '../account.ts';

/** Exit status when the upload is stored and queued but must wait for the next quota day (sysexits EX_TEMPFAIL). */
export const EXIT_WAITING = 75;

export const PRIVACIES: Privacy[] = ['private', 'unlisted', 'public'];

export interface PublishFlags extends AccountFlags {
  channel: string;
  privacy?: string;
  publishAt?: string;
  playlist?: string;
  title?: string;
  json?: boolean;
  wait?: boolean;
  again?: boolean;
  languages?: string;
  perLanguage?: boolean;
}

/** `videogen publish`; the upload machinery (publish-run.ts) loads when it runs. */
export function registerPublish(program: Command): void {
  program
    .command('publish <outputDirOrJobId>')
    .description('Upload a rendered video to a connected channel (resumable: run it again after an interruption and it continues).')
    .requiredOption('--channel <name>', 'the channel, as named by `videogen channels list`')
    .option('--privacy <privacy>', `${PRIVACIES.join(' | ')}`, undefined)
    .option('--publish-at <time>', 'scheduled release, ISO 8601 (uploaded private; YouTube makes it public then)')
    .option('--playlist <id>', 'also add it to this playlist')
    .option('--title <title>', "the video's title (default: metadata.json's)")
    .option('--wait', 'when the day\'s quota is spent, wait here for the next day instead of exiting (status 75)')
    .option('--again', 'publish another copy even though this video was already published to the channel')
    .option('--languages <codes>', 'a multilingual render: publish only these languages (comma-separated, e.g. de,es)')
    .option('--per-language', 'a multilingual render: one video per language (its own title, captions, thumbnail) instead of one video with every language\'s captions and titles')
    .option('--json', 'print the result as JSON')
    .option(...USER_OPTION)
    .action(async (target: string, flags: PublishFlags) => (await import('./publish-run.ts')).runPublish(target, flags));
}

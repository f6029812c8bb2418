import type { Command } from 'commander';
import type { QuotaStatus } from '../../publish/quota.ts';
import { formatWhen } from '../when.ts';
import { USER_OPTION, withAccount, type AccountFlags } from '../account.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const n = (v: number) => v.toLocaleString('en-US');

/** The reset instant in Pacific time (where YouTube counts) and in the reader's own zone. */
function resetText(at: Date): string {
  const pacific = formatWhen(at, 'America/Los_Angeles');
  const here = formatWhen(at);
  return `${here} (midnight Pacific: ${pacific})`;
}

export function registerQuota(program: Command): void {
  program
    .command('quota')
    .description("YouTube API units left today per Google Cloud project (the channels' OAuth client), and when the day resets.")
    .option('--json', 'print JSON')
    .option(...USER_OPTION)
    .action(async (flags: AccountFlags & { json?: boolean }) => {
      const [{ costOf, quotaLedger }, { publishUnits }] = await Promise.all([import('../../publish/quota.ts'), import('../../publish/publish-cost.ts')]);
      await withAccount(flags, async ({ store, user, config }) => {
        // The projects this account's channels spend, and the configured client (what a new channel would spend).
        const projects = new Set((await store.channels.list(user.id)).map((c) => c.project));
        if (config.publish.youtube.clientId) projects.add(config.publish.youtube.clientId);
        const statuses: QuotaStatus[] = [];
        for (const project of [...projects].sort()) statuses.push(await quotaLedger(store, config, project).status());
        if (flags.json) return out(JSON.stringify(statuses.map((s) => ({ ...s, resetsAt: s.resetsAt.toISOString() })), null, 2));
        if (!statuses.length) return out('no project yet: set YOUTUBE_CLIENT_ID (docs/publishing.md) and connect a channel');
        for (const s of statuses) {
          out(`${s.project}`);
          out(`  ${n(s.remaining)} of ${n(s.limit)} units left on ${s.day} (Pacific day); ${n(s.used)} used`);
          const calls = Object.entries(s.calls).filter(([, units]) => units > 0);
          if (calls.length) out(`  spent on ${calls.map(([method, units]) => `${method} ${n(units)}`).join(', ')}`);
          out(`  resets ${resetText(s.resetsAt)}`);
          out(`  an upload with captions and a thumbnail costs about ${n(publishUnits(config, { captions: 1, thumbnail: true, playlist: false }))} units, +${n(costOf(config, 'captions.insert'))} for each further caption language`);
        }
      }, 'read');
    });
}


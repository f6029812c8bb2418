import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { VideogenError } from '../../errors.ts';
import { addOptionFlags, cliOptionValues } from '../../options/cli.ts';
import { OPTIONS, type OptionDecl, type OptionName } from '../../options/table.ts';
import { nextSlot, parseRule } from '../../publish/schedule-rule.ts';
import { NICHES, isNiche } from '../../sources/short/niches.ts';
import type { CatchUp, Channel, Privacy, Schedule, ScheduleInput, Store, User } from '../../store/types.ts';
import { USER_OPTION, withAccount, type AccountFlags } from '../account.ts';
import { channelNamed } from './channels.ts';
import { formatWhen } from '../when.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const PRIVACIES: Privacy[] = ['private', 'unlisted', 'public'];
const CATCH_UPS: CatchUp[] = ['once', 'skip'];
const FORMATS = { short: 'short', long: 'video' } as const;

interface AddFlags extends AccountFlags {
  rule: string;
  channel?: string;
  topics?: string;
  topicsFile?: string;
  niche?: string;
  format?: string;
  privacy?: string;
  playlist?: string;
  releaseAfter?: string;
  catchUp: string;
  timezone?: string;
  duration?: string;
}

export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
const when = (d: Date | null) => formatWhen(d);

function checkZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    throw new VideogenError('USAGE', `--timezone "${zone}" is not an IANA time zone; e.g. Europe/Berlin, America/New_York, UTC`);
  }
}

async function topicsOf(flags: AddFlags): Promise<string[] | undefined> {
  if (flags.topics && flags.topicsFile) throw new VideogenError('USAGE', 'give topics with --topics or --topics-file, not both');
  let topics: string[] | undefined;
  if (flags.topics !== undefined) topics = flags.topics.split(',');
  else if (flags.topicsFile) {
    const text = await readFile(flags.topicsFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new VideogenError('USAGE', `cannot read --topics-file ${flags.topicsFile}: ${error.code ?? error.message}`);
    });
    // One topic a line; blank lines and # comments are for the person editing the file.
    topics = text.split(/\r?\n/).filter((l) => !l.trim().startsWith('#'));
  }
  topics = topics?.map((t) => t.trim()).filter(Boolean);
  if (topics && !topics.length) throw new VideogenError('USAGE', 'the topic list is empty');
  return topics;
}

/** The channel a schedule publishes to: the named one, else the only one; none means it only makes videos. */
async function scheduleChannel(store: Store, user: User, name: string | undefined): Promise<Channel | undefined> {
  if (name) return channelNamed(store, user.id, name);
  const channels = (await store.channels.list(user.id)).filter((c) => !c.revokedAt);
  if (channels.length <= 1) return channels[0];
  throw new VideogenError('USAGE', `you have ${channels.length} channels (${channels.map((c) => c.name).join(', ')}): choose one with --channel <name>`);
}

async function scheduleNamed(store: Store, user: User, name: string): Promise<Schedule> {
  const all = await store.schedules.list(user.id);
  const found = all.find((s) => s.name === name);
  if (found) return found;
  throw new VideogenError('NOT_FOUND', `no schedule named "${name}"; ${all.length ? `yours: ${all.map((s) => s.name).join(', ')}` : '`videogen schedule add` makes one'}`);
}

const stateOf = (s: Schedule) => (!s.enabled ? 'paused' : s.nextRunAt ? 'active' : 'ended');

function describe(s: Schedule): string {
  try {
    return parseRule(s.rule, s.timezone).description;
  } catch {
    return s.rule;
  }
}

/**
 * The schedule's options in the form POST /api/schedules stores them (API field names), checked with the table's
 * types. --duration is a number of seconds the topic's script is written to.
 */
function scheduleOptionsOf(flags: AddFlags): Record<string, unknown> {
  const values: Record<string, unknown> = cliOptionValues(flags as unknown as Record<string, unknown>, 'schedule');
  if (flags.duration !== undefined) {
    const { type } = OPTIONS.targetSeconds;
    const parsed = type.safeParse(Number(flags.duration));
    if (!parsed.success) throw new VideogenError('USAGE', `--duration is whole seconds from ${type.minValue} to ${type.maxValue} (got "${flags.duration}")`);
    values.targetSeconds = parsed.data;
  }
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [(OPTIONS[name as OptionName] as OptionDecl).api ?? name, value]));
}

export function registerSchedule(program: Command): void {
  const schedule = program.command('schedule').description('Recurring content plans: a topic → a video → an upload, at every slot of a rule. They fire while `videogen serve` runs.');

  const add = schedule
    .command('add <name>')
    .description('Add a schedule, e.g. --rule "every weekday at 09:00 Europe/Berlin" (cron accepted too: "0 9 * * 1-5").')
    .requiredOption('--rule <rule>', 'when: "every monday and thursday at 18:30", "every day at 7am America/New_York", "every 2 hours", cron, or an ISO time (once)')
    .option('--channel <name>', 'where the videos go (default: your only channel; without any channel they are only made)')
    .option('--topics <list>', 'comma-separated topics, one per slot, in order')
    .option('--topics-file <file>', 'topics, one per line')
    .option('--niche <niche>', `generate topics from a Short niche's templates (${NICHES.join(', ')}); after a topic list, when it runs out`)
    .option('--format <format>', 'short (9:16 Short) or long (16:9 video)', 'short')
    .option('--privacy <privacy>', PRIVACIES.join(' | '), 'private')
    .option('--playlist <id>', 'add each video to this playlist')
    .option('--release-after <minutes>', 'upload private and let YouTube make it public this many minutes after the slot')
    .option('--catch-up <policy>', 'after downtime: once (make the latest missed slot, once) or skip (record missed slots as skipped)', 'once')
    .option('--timezone <zone>', 'for a rule without a zone (default: this machine\'s)')
    .option(...USER_OPTION);
  // What every slot's video is made with (--voice, --preset, --lang, --duration …): the option table's schedule flags.
  addOptionFlags(add, 'schedule');
  add.action(async (name: string, flags: AddFlags) => {
    const zone = checkZone(flags.timezone ?? localZone());
    const rule = parseRule(flags.rule, zone);
    if (!CATCH_UPS.includes(flags.catchUp as CatchUp)) throw new VideogenError('USAGE', `--catch-up must be once or skip`);
    const format = FORMATS[(flags.format ?? 'short') as keyof typeof FORMATS];
    if (!format) throw new VideogenError('USAGE', '--format must be short or long');
    if (!PRIVACIES.includes((flags.privacy ?? 'private') as Privacy)) throw new VideogenError('USAGE', `--privacy must be one of ${PRIVACIES.join(', ')}`);
    if (flags.niche && !isNiche(flags.niche)) throw new VideogenError('USAGE', `--niche must be one of ${NICHES.join(', ')}`);
    // publications.ts brings the multilingual metadata schemas (zod): loaded only when a schedule is added.
    const { PLAYLIST_ID, PLAYLIST_ID_HINT } = await import('../../publish/publications.ts');
    if (flags.playlist !== undefined && !PLAYLIST_ID.test(flags.playlist)) throw new VideogenError('USAGE', `--playlist: ${PLAYLIST_ID_HINT(flags.playlist)}`);
    let releaseAfterMinutes: number | undefined;
    if (flags.releaseAfter !== undefined) {
      releaseAfterMinutes = Number(flags.releaseAfter);
      if (!Number.isInteger(releaseAfterMinutes) || releaseAfterMinutes < 0) throw new VideogenError('USAGE', '--release-after is whole minutes (0 or more)');
    }
    const options = scheduleOptionsOf(flags);
    const topics = await topicsOf(flags);
    if (!topics && !flags.niche) throw new VideogenError('USAGE', 'say what each slot is about: --topics "a,b,c", --topics-file topics.txt, or --niche <niche> to generate topics');
    const privacy = (releaseAfterMinutes !== undefined ? 'private' : (flags.privacy ?? 'private')) as Privacy;
    if (releaseAfterMinutes !== undefined && flags.privacy && flags.privacy !== 'private') throw new VideogenError('USAGE', '--release-after uploads the video private until its release time; leave out --privacy (or say private)');
    const nextRunAt = nextSlot(rule, new Date());
    if (!nextRunAt) throw new VideogenError('USAGE', `"${flags.rule}" has no time left in the future; a one-off time must be ahead of now`);

    await withAccount(flags, async ({ store, user }) => {
      if (await store.schedules.list(user.id).then((all) => all.some((s) => s.name === name))) throw new VideogenError('CONFLICT', `you have a schedule named "${name}" already`);
      const channel = await scheduleChannel(store, user, flags.channel);
      if (channel?.revokedAt) throw new VideogenError('CHANNEL_REAUTH', `channel ${channel.name} was disconnected; connect it again with \`videogen channels add --name ${channel.name} --replace\``);
      const input: ScheduleInput = {
        ...(topics ? { topics } : {}),
        ...(flags.niche ? { generator: { niche: flags.niche } } : {}),
        format,
        options,
        ...(channel ? { publish: { privacy, ...(flags.playlist ? { playlistId: flags.playlist } : {}), ...(releaseAfterMinutes !== undefined ? { releaseAfterMinutes } : {}) } } : {}),
      };
      const created = await store.schedules.create({ ownerId: user.id, name, rule: rule.rule, cron: rule.cron, timezone: rule.timezone, channelId: channel?.id ?? null, input, catchUp: flags.catchUp as CatchUp, nextRunAt });
      await store.audit.record({ actorId: user.id, action: 'schedule.create', target: created.id, details: { name, rule: rule.rule, channel: channel?.name ?? null, via: 'cli' }, ip: null });
      out(`added ${name}: ${rule.description}; first run ${when(nextRunAt)}${channel ? `, published to ${channel.name} (${privacy})` : ', made only (no channel)'}`);
      if (!channel) out('  connect a channel (`videogen channels add`) and add the schedule with --channel to publish');
      out('  schedules fire while `videogen serve` runs');
    });
  });

  schedule
    .command('list')
    .description('Schedules: name, state, rule, next run, channel, topics left.')
    .option('--json', 'print JSON')
    .option(...USER_OPTION)
    .action(async (flags: AccountFlags & { json?: boolean }) => {
      await withAccount(flags, async ({ store, user }) => {
        const [all, channels] = await Promise.all([store.schedules.list(user.id), store.channels.list(user.id)]);
        const channelName = (id: string | null) => (id ? (channels.find((c) => c.id === id)?.name ?? '?') : null);
        const rows = all.map((s) => ({
          name: s.name,
          state: stateOf(s),
          rule: s.rule,
          description: describe(s),
          timezone: s.timezone,
          nextRunAt: s.enabled ? (s.nextRunAt?.toISOString() ?? null) : null,
          lastRunAt: s.lastRunAt?.toISOString() ?? null,
          channel: channelName(s.channelId),
          catchUp: s.catchUp,
          topicsLeft: s.input.topics ? Math.max(0, s.input.topics.length - s.topicIndex) : null,
          generator: s.input.generator?.niche ?? null,
          options: s.input.options ?? {},
        }));
        if (flags.json) return out(JSON.stringify(rows, null, 2));
        if (!rows.length) return out('no schedules yet: `videogen schedule add <name> --rule "every weekday at 09:00" --topics "…"`');
        for (const [i, r] of rows.entries()) {
          const s = all[i]!;
          const topics = r.topicsLeft !== null ? `${r.topicsLeft} topic(s) left${r.generator ? `, then ${r.generator} ideas` : ''}` : `${r.generator} ideas`;
          out(`${r.name}  ${r.state}  ${r.description}  next ${r.state === 'active' ? when(s.nextRunAt) : '–'}  → ${r.channel ?? '(made only)'}  ${topics}  catch-up ${r.catchUp}`);
        }
      }, 'read');
    });

  const toggle = (verb: 'pause' | 'resume') =>
    schedule
      .command(`${verb} <name>`)
      .description(verb === 'pause' ? 'Stop firing until resumed.' : 'Fire again from the next slot after now (slots missed while paused are not made).')
      .option(...USER_OPTION)
      .action(async (name: string, flags: AccountFlags) => {
        await withAccount(flags, async ({ store, user }) => {
          const s = await scheduleNamed(store, user, name);
          // Resuming starts from now: a pause is deliberate, so the missed-run policy (catch-up) is not applied to it.
          const patch = verb === 'pause' ? { enabled: false } : { enabled: true, nextRunAt: nextSlot(parseRule(s.rule, s.timezone), new Date()) };
          const updated = (await store.schedules.update(s.id, patch))!;
          await store.audit.record({ actorId: user.id, action: `schedule.${verb}`, target: s.id, details: { name, via: 'cli' }, ip: null });
          out(verb === 'pause' ? `paused ${name}` : `resumed ${name}: next run ${when(updated.nextRunAt)}`);
        });
      });
  toggle('pause');
  toggle('resume');

  schedule
    .command('remove <name>')
    .description('Delete the schedule and its run history (videos it made and their publications stay).')
    .option(...USER_OPTION)
    .action(async (name: string, flags: AccountFlags) => {
      await withAccount(flags, async ({ store, user }) => {
        const s = await scheduleNamed(store, user, name);
        await store.schedules.delete(s.id);
        await store.audit.record({ actorId: user.id, action: 'schedule.delete', target: s.id, details: { name, via: 'cli' }, ip: null });
        out(`removed ${name}`);
      });
    });
}

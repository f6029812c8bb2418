import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ERROR_CODES, VideogenError, type ErrorCode } from '../../errors.ts';
import { createPublication } from '../../publish/publications.ts';
import { retryPublication } from '../../publish/publish-job.ts';
import { isRealDateTime } from '../../util/real-date.ts';
import type { Job, Privacy, Publication, PublicationState, Store, User } from '../../store/types.ts';
import type { VideogenConfig } from '../../config.ts';
import { USER_OPTION, withAccount, type AccountFlags } from '../account.ts';
import { runJobsHere } from '../run-here.ts';
import { formatWhen } from '../when.ts';
import { channelNamed } from './channels.ts';

/** Exit status when the upload is stored and queued but must wait for the next quota day (sysexits EX_TEMPFAIL). */
export const EXIT_WAITING = 75;

const PRIVACIES: Privacy[] = ['private', 'unlisted', 'public'];
const UNFINISHED: PublicationState[] = ['pending', 'waiting', 'uploading', 'finishing'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface PublishFlags extends AccountFlags {
  channel: string;
  privacy?: string;
  publishAt?: string;
  playlist?: string;
  title?: string;
  json?: boolean;
  wait?: boolean;
  again?: boolean;
}

type Source = { sourceDir: string } | { sourceJobId: string };

async function sourceOf(store: Store, user: User, target: string): Promise<Source> {
  const dir = resolve(target);
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    if (!existsSync(join(dir, 'video.mp4'))) throw new VideogenError('USAGE', `${dir} has no video.mp4: publish the output directory of a render (e.g. out/), or a job id`);
    return { sourceDir: dir };
  }
  if (UUID.test(target)) {
    const job = await store.jobs.get(target.toLowerCase());
    // Another account's job is not found, exactly like one that does not exist.
    if (!job || job.ownerId !== user.id) throw new VideogenError('NOT_FOUND', `no job ${target} of ${user.email}`);
    if (job.kind === 'publish') throw new VideogenError('USAGE', `job ${target} is itself a publish job; give the render's job id or its output directory`);
    if (job.state === 'failed' || job.state === 'cancelled') throw new VideogenError('USAGE', `job ${target} ${job.state}: there is no video to publish`);
    return { sourceJobId: job.id };
  }
  throw new VideogenError('USAGE', `"${target}" is neither an output directory nor a job id`);
}

function privacyOf(flags: PublishFlags): Privacy {
  const privacy = (flags.privacy ?? 'private') as Privacy;
  if (!PRIVACIES.includes(privacy)) throw new VideogenError('USAGE', `--privacy must be one of ${PRIVACIES.join(', ')}`);
  return privacy;
}

function publishAtOf(flags: PublishFlags): Date | undefined {
  if (!flags.publishAt) return undefined;
  const at = new Date(flags.publishAt);
  if (Number.isNaN(at.getTime()) || !isRealDateTime(flags.publishAt)) throw new VideogenError('USAGE', `--publish-at "${flags.publishAt}" is not a time; use ISO 8601, e.g. 2026-12-24T18:00:00+01:00`);
  return at;
}

const sameSource = (p: Publication, source: Source) => ('sourceDir' in source ? p.sourceDir === source.sourceDir : p.sourceJobId === source.sourceJobId);

const local = (d: Date) => formatWhen(d);
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/** The publication's stored outcome as the command's result: the URL, or the platform's reason. */
function failureOf(pub: Publication, job: Job): VideogenError {
  const code = (pub.errorCode ?? job.errorCode ?? 'PUBLISH_FAILED') as string;
  const known = (code in ERROR_CODES ? code : 'PUBLISH_FAILED') as ErrorCode;
  return new VideogenError(known, pub.errorMessage ?? job.errorMessage ?? `the publication ${pub.state}`, { publicationId: pub.id, jobId: job.id });
}

async function runPublication(ctx: { store: Store; config: VideogenConfig }, pub: Publication, flags: PublishFlags): Promise<void> {
  const { store, config } = ctx;
  const say = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${line}\n`);
  const progress = process.stderr;
  let drawn = false;
  let lastLine = '';
  const draw = (line: string) => {
    if (line === lastLine) return;
    lastLine = line;
    if (progress.isTTY) {
      progress.write(`\r\x1b[2K${line}`);
      drawn = true;
    } else progress.write(`${line}\n`);
  };
  const endLine = () => {
    if (drawn) progress.write('\n');
    drawn = false;
  };

  const abort = new AbortController();
  const onSigint = () => {
    endLine();
    progress.write('stopping: the upload is handed back, and `videogen publish` with the same arguments resumes it\n');
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);
  // A render still to do for this publication runs here too; a `create` job needs the server's source adapters.
  const source = pub.sourceJobId ? await store.jobs.get(pub.sourceJobId) : undefined;
  const helperIds = source && source.kind === 'render' && source.state === 'queued' ? [source.id] : [];
  /** Waits not worth sitting out here: the quota day, or a render nothing in this process will run. */
  const isLongDeferral = async () => {
    const fresh = await store.publications.get(pub.id);
    if (fresh?.state !== 'waiting') return false;
    if (fresh.steps.waitingFor === 'quota') return true;
    if (fresh.steps.waitingFor !== 'render' || !fresh.sourceJobId || helperIds.length) return false;
    const render = await store.jobs.get(fresh.sourceJobId);
    return render?.state === 'queued';
  };
  let outcome;
  try {
    outcome = await runJobsHere({
      store,
      config,
      targetId: pub.jobId!,
      helperIds,
      signal: abort.signal,
      waitThroughDeferral: Boolean(flags.wait),
      isLongDeferral,
      onEvent: ({ job, type, data }) => {
        if (job.id !== pub.jobId) {
          if (type === 'progress') draw(`rendering ${String(data.stage ?? '')} ${Math.round(Number(data.progress ?? 0) * 100)}%`);
          return;
        }
        if (type === 'progress' && typeof data.bytesTotal === 'number') {
          const sent = Number(data.bytesSent ?? 0);
          const pct = data.bytesTotal ? Math.floor((sent / data.bytesTotal) * 100) : 100;
          draw(data.stage === 'upload' || data.stage === undefined ? `uploading ${mib(sent)} of ${mib(data.bytesTotal)} (${pct}%)` : `${String(data.stage)}…`);
        } else if (type === 'progress') draw(`${String(data.stage ?? 'working')}…`);
        else if (type === 'warning') {
          endLine();
          progress.write(`warning: ${String(data.message)}\n`);
        } else if (type === 'state' && data.retry) {
          endLine();
          progress.write(`retrying in ${Math.round(Number(data.delayMs) / 1000)} s: ${String(data.errorMessage ?? '')}\n`);
        }
      },
      onWait: (job, why) => {
        if (why === 'lease') draw(`another process (${job.leaseOwner ?? 'unknown'}) is running this upload; waiting (it is taken over if that process is gone)`);
        else if (why === 'deferral') draw(`waiting for quota until ${local(job.runAfter)}`);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    endLine();
  }
  const final = (await store.publications.get(pub.id))!;
  const job = outcome.job;
  if (outcome.kind === 'stopped') {
    say(`stopped with ${mib(final.uploadOffset)} confirmed; run the same command again to resume`);
    process.exitCode = 130;
    return;
  }
  if (outcome.kind === 'deferred') {
    if (flags.json) process.stdout.write(`${JSON.stringify(summary(final), null, 2)}\n`);
    process.exitCode = EXIT_WAITING;
    if (final.steps.waitingFor === 'render') {
      say(`waiting for job ${final.sourceJobId} (${source?.kind ?? 'its render'}) to finish: it runs in \`videogen serve\`, which then publishes this too; or run \`videogen publish\` again once it is done`);
      return;
    }
    const until = final.steps.until ? new Date(final.steps.until) : job.runAfter;
    say(`waiting for quota until ${local(until)} (YouTube's day resets at midnight Pacific time): run \`videogen publish\` again then, add --wait to wait here, or keep \`videogen serve\` running and it continues by itself`);
    return;
  }
  if (final.state !== 'succeeded') throw failureOf(final, job);
  if (flags.json) process.stdout.write(`${JSON.stringify(summary(final), null, 2)}\n`);
  else {
    say(`published ${final.videoUrl ?? final.videoId}`);
    if (final.publishAt) say(`  ${final.privacy} until ${local(final.publishAt)}, when YouTube makes it public`);
  }
}

const summary = (p: Publication) => ({
  publicationId: p.id,
  jobId: p.jobId,
  state: p.state,
  privacy: p.privacy,
  publishAt: p.publishAt?.toISOString() ?? null,
  videoId: p.videoId,
  videoUrl: p.videoUrl,
  uploadedBytes: p.uploadOffset,
  fileBytes: p.fileBytes,
  ...(p.state === 'waiting' ? { waitingFor: p.steps.waitingFor ?? null, until: p.steps.until ?? null } : {}),
});

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
    .option('--json', 'print the result as JSON')
    .option(...USER_OPTION)
    .action(async (target: string, flags: PublishFlags) => {
      await withAccount(flags, async ({ store, user, config }) => {
        const channel = await channelNamed(store, user.id, flags.channel);
        if (channel.revokedAt) throw new VideogenError('CHANNEL_REAUTH', `channel ${channel.name} was disconnected; connect it again with \`videogen channels add --name ${channel.name} --replace\``);
        const source = await sourceOf(store, user, target);
        const privacy = privacyOf(flags);
        const publishAt = publishAtOf(flags);
        const say = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${line}\n`);

        const previous = (await store.publications.list({ ownerId: user.id, channelId: channel.id })).filter((p) => sameSource(p, source));
        let pub = previous.find((p) => UNFINISHED.includes(p.state) && p.jobId);
        const done = previous.find((p) => p.state === 'succeeded');
        // A publication that failed after its video was uploaded is finished by running it again, never by a new upload.
        const uploaded = pub || done || flags.again ? undefined : previous.find((p) => (p.state === 'failed' || p.state === 'cancelled') && p.videoId && p.jobId);
        if (uploaded) {
          say(`the video of publication ${uploaded.id} is already uploaded (${uploaded.videoUrl ?? uploaded.videoId}); finishing its remaining steps`);
          await retryPublication(store, uploaded);
          pub = (await store.publications.get(uploaded.id)) ?? uploaded;
        } else if (pub) {
          say(`resuming the unfinished publication ${pub.id} (${pub.state}${pub.uploadOffset ? `, ${mib(pub.uploadOffset)} confirmed` : ''}); its settings stay as first given`);
          // Asked to go on now: a waiting job looks again at once (the ledger answers locally if the day is still spent).
          const job = await store.jobs.get(pub.jobId!);
          if (job?.state === 'queued' && job.runAfter > new Date()) await store.jobs.update(job.id, { runAfter: new Date() });
        }
        else if (done && !flags.again) throw new VideogenError('CONFLICT', `this video is already on ${channel.name}: ${done.videoUrl ?? done.videoId}; add --again to upload another copy`);
        else {
          const created = await createPublication(store, {
            ownerId: user.id,
            channelId: channel.id,
            ...source,
            privacy: publishAt && !flags.privacy ? 'private' : privacy,
            ...(publishAt ? { publishAt } : {}),
            ...(flags.playlist ? { playlistId: flags.playlist } : {}),
            ...(flags.title ? { metadata: { title: flags.title } } : {}),
          });
          pub = created.publication;
          // The job's history starts like every job's (submitJob), with its queued state.
          await store.events.append({ jobId: created.job.id, ownerId: user.id, type: 'state', data: { state: 'queued' } });
          await store.audit.record({ actorId: user.id, action: 'publication.create', target: pub.id, details: { channel: channel.name, ...('sourceDir' in source ? { sourceDir: source.sourceDir } : { sourceJobId: source.sourceJobId }), privacy: pub.privacy, publishAt: pub.publishAt?.toISOString() ?? null, via: 'cli' }, ip: null });
          say(`publishing to ${channel.name} (${channel.title ?? channel.externalId ?? ''}) as ${pub.privacy}`);
        }
        await runPublication({ store, config }, pub, flags);
      });
    });
}

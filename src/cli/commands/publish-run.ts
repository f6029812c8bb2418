import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_CODES, isVideogenError, VideogenError, type ErrorCode } from '../../errors.ts';
import { captionFiles, captionOf } from '../../publish/item-from-output.ts';
import { checkLanguageFolders, chooseLanguages, languagesOf, languagesOfJob, readLanguageIndex } from '../../publish/multilingual-output.ts';
import { publishUnits, publishUnitsText, type PublishCalls } from '../../publish/publish-cost.ts';
import { createPublication } from '../../publish/publications.ts';
import { retryPublication } from '../../publish/publish-job.ts';
import { quotaLedger } from '../../publish/quota.ts';
import { isRealDateTime } from '../../util/real-date.ts';
import type { Job, Privacy, Publication, PublicationState, Store, User } from '../../store/types.ts';
import type { VideogenConfig } from '../../config.ts';
import { withAccount } from '../account.ts';
import { runJobsHere } from '../run-here.ts';
import { formatWhen } from '../when.ts';
import { channelNamed } from './channels.ts';
import { EXIT_WAITING, PRIVACIES, type PublishFlags } from './publish.ts';

const UNFINISHED: PublicationState[] = ['pending', 'waiting', 'uploading', 'finishing'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Source = { sourceDir: string } | { sourceJobId: string };

async function sourceOf(store: Store, user: User, target: string): Promise<Source> {
  const dir = resolve(target);
  if (existsSync(dir) && statSync(dir).isDirectory()) {
    // A multilingual render keeps its videos in a folder per language, listed by index.json.
    if (!existsSync(join(dir, 'video.mp4')) && !existsSync(join(dir, 'index.json'))) throw new VideogenError('USAGE', `${dir} has no video.mp4 (nor index.json of a multilingual render): publish the output directory of a render (e.g. out/), or a job id`);
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

/** The same files and the same languages: a publication of exactly this is resumed (or refused as done), never made twice. */
const sameSource = (p: Publication, source: Source, languages: string[] | undefined) =>
  ('sourceDir' in source ? p.sourceDir === source.sourceDir : p.sourceJobId === source.sourceJobId) && languageKey(languagesOf(p.metadata)) === languageKey(languages);
const languageKey = (languages: string[] | undefined) => (languages ? languages.map((l) => l.toLowerCase()).sort().join(',') : '*');

/** `--languages de,es` as a list (undefined without it). */
function requestedLanguages(flags: PublishFlags): string[] | undefined {
  if (flags.languages === undefined) return undefined;
  const list = flags.languages.split(',').map((l) => l.trim()).filter(Boolean);
  if (!list.length) throw new VideogenError('USAGE', '--languages needs language codes, e.g. --languages de,es');
  return list;
}

/**
 * What to publish of the source: one publication (all languages, or those of --languages), or with --per-language one
 * per language. Each entry is a publication's languages (undefined: a single-language render, or all of them). The
 * calls each will make, for the quota estimate, when the files are here to count.
 */
async function plansOf(store: Store, source: Source, flags: PublishFlags): Promise<{ languages: string[] | undefined; calls?: PublishCalls }[]> {
  const requested = requestedLanguages(flags);
  const wantsLanguages = Boolean(requested || flags.perLanguage);
  if (flags.perLanguage && flags.title) throw new VideogenError('USAGE', '--title with --per-language would give every language the same title; each language takes the title of its own metadata.json (edit that, or publish the languages one by one with --languages de --title …)');
  const playlist = Boolean(flags.playlist);
  if ('sourceDir' in source) {
    const index = await readLanguageIndex(source.sourceDir);
    if (!index) {
      if (wantsLanguages) throw new VideogenError('USAGE', `${source.sourceDir} is not a multilingual render (no index.json): --languages and --per-language choose among the languages of \`videogen render … --languages\``);
      return [{ languages: undefined, calls: { captions: (await captionFiles(source.sourceDir)).length, thumbnail: existsSync(join(source.sourceDir, 'thumbnail.png')), playlist } }];
    }
    const chosen = chooseLanguages(index, requested);
    await checkLanguageFolders(index, chosen);
    const callsOf = async (langs: typeof chosen): Promise<PublishCalls> => ({
      captions: (await Promise.all(langs.map(captionOf))).filter(Boolean).length,
      thumbnail: langs.some((l) => existsSync(join(l.dir, 'thumbnail.png'))),
      playlist,
    });
    if (flags.perLanguage) return Promise.all(chosen.map(async (l) => ({ languages: [l.language], calls: await callsOf([l]) })));
    return [{ languages: requested ? chosen.map((l) => l.language) : undefined, calls: await callsOf(chosen) }];
  }
  if (!wantsLanguages) return [{ languages: undefined }];
  const job = (await store.jobs.get(source.sourceJobId))!;
  const known = await languagesOfJob(job);
  if (!known) throw new VideogenError('USAGE', `job ${job.id} renders one language: --languages and --per-language are for a job rendered with --languages`);
  const unknown = (requested ?? []).filter((r) => !known.some((k) => k.toLowerCase() === r.toLowerCase()));
  if (unknown.length) throw new VideogenError('USAGE', `job ${job.id} has no ${unknown.join(', ')}: its languages are ${known.join(', ')}`);
  const chosen = requested ? known.filter((k) => requested.some((r) => r.toLowerCase() === k.toLowerCase())) : known;
  return flags.perLanguage ? chosen.map((l) => ({ languages: [l] })) : [{ languages: requested ? chosen : undefined }];
}

const local = (d: Date) => formatWhen(d);
const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;

/** The publication's stored outcome as the command's result: the URL, or the platform's reason. */
function failureOf(pub: Publication, job: Job): VideogenError {
  const code = (pub.errorCode ?? job.errorCode ?? 'PUBLISH_FAILED') as string;
  const known = (code in ERROR_CODES ? code : 'PUBLISH_FAILED') as ErrorCode;
  return new VideogenError(known, pub.errorMessage ?? job.errorMessage ?? `the publication ${pub.state}`, { publicationId: pub.id, jobId: job.id });
}

type RunResult = 'succeeded' | 'deferred' | 'stopped';

/**
 * Runs one publication here. `label` prefixes its lines (the language, when several are published); `report` takes
 * its JSON summary instead of printing it (the caller prints them all as one array).
 */
async function runPublication(ctx: { store: Store; config: VideogenConfig }, pub: Publication, flags: PublishFlags, label = '', report?: (line: PublicationSummary) => void): Promise<RunResult> {
  const { store, config } = ctx;
  const say = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${label}${line}\n`);
  const printJson = (p: Publication) => (report ? report(summary(p)) : process.stdout.write(`${JSON.stringify(summary(p), null, 2)}\n`));
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
    return 'stopped';
  }
  if (outcome.kind === 'deferred') {
    if (flags.json) printJson(final);
    process.exitCode = EXIT_WAITING;
    if (final.steps.waitingFor === 'render') {
      say(`waiting for job ${final.sourceJobId} (${source?.kind ?? 'its render'}) to finish: it runs in \`videogen serve\`, which then publishes this too; or run \`videogen publish\` again once it is done`);
      return 'deferred';
    }
    const until = final.steps.until ? new Date(final.steps.until) : job.runAfter;
    say(`waiting for quota until ${local(until)} (YouTube's day resets at midnight Pacific time): run \`videogen publish\` again then, add --wait to wait here, or keep \`videogen serve\` running and it continues by itself`);
    return 'deferred';
  }
  if (final.state !== 'succeeded') throw failureOf(final, job);
  if (flags.json) printJson(final);
  else {
    say(`published ${final.videoUrl ?? final.videoId}`);
    if (final.publishAt) say(`  ${final.privacy} until ${local(final.publishAt)}, when YouTube makes it public`);
  }
  return 'succeeded';
}

/** The quota the publications will spend (every caption track is a captions.insert), against what is left today. */
async function sayEstimate(say: (line: string) => void, store: Store, config: VideogenConfig, project: string, plans: { calls?: PublishCalls }[]): Promise<void> {
  const counted = plans.map((p) => p.calls).filter((c): c is PublishCalls => c !== undefined);
  if (!counted.length || counted.length !== plans.length) return;
  const units = counted.reduce((n, c) => n + publishUnits(config, c), 0);
  const how = counted.length === 1 ? publishUnitsText(config, counted[0]!) : `${counted.length} videos, each ${publishUnitsText(config, counted[0]!)}`;
  const status = await quotaLedger(store, config, project).status();
  const fits = units <= status.remaining ? '' : `; more than that: what does not fit waits for the next Pacific day`;
  say(`this spends about ${units.toLocaleString('en-US')} quota units (${how}); ${status.remaining.toLocaleString('en-US')} of ${status.limit.toLocaleString('en-US')} left today${fits}`);
}

/** One publication as `--json` prints it. */
type PublicationSummary = Record<string, unknown>;

const summary = (p: Publication): PublicationSummary => ({
  publicationId: p.id,
  jobId: p.jobId,
  state: p.state,
  privacy: p.privacy,
  publishAt: p.publishAt?.toISOString() ?? null,
  videoId: p.videoId,
  videoUrl: p.videoUrl,
  uploadedBytes: p.uploadOffset,
  fileBytes: p.fileBytes,
  ...(languagesOf(p.metadata) ? { languages: languagesOf(p.metadata) } : {}),
  ...(p.state === 'waiting' ? { waitingFor: p.steps.waitingFor ?? null, until: p.steps.until ?? null } : {}),
});

/** `videogen publish` (registered in publish.ts). */
export async function runPublish(target: string, flags: PublishFlags): Promise<void> {
  await withAccount(flags, async ({ store, user, config }) => {
    const channel = await channelNamed(store, user.id, flags.channel);
    if (channel.revokedAt) throw new VideogenError('CHANNEL_REAUTH', `channel ${channel.name} was disconnected; connect it again with \`videogen channels add --name ${channel.name} --replace\``);
    const source = await sourceOf(store, user, target);
    const privacy = privacyOf(flags);
    const publishAt = publishAtOf(flags);
    const say = (line: string) => (flags.json ? process.stderr : process.stdout).write(`${line}\n`);

    const plans = await plansOf(store, source, flags);
    const several = Boolean(flags.perLanguage);
    await sayEstimate(say, store, config, channel.project, plans);

    const summaries: PublicationSummary[] = [];
    const failures: { label: string; error: unknown }[] = [];
    let alreadyDone = 0;
    for (const plan of plans) {
      const label = several && plan.languages ? `${plan.languages.join(',')}: ` : '';
      const previous = (await store.publications.list({ ownerId: user.id, channelId: channel.id })).filter((p) => sameSource(p, source, plan.languages));
      let pub = previous.find((p) => UNFINISHED.includes(p.state) && p.jobId);
      const done = previous.find((p) => p.state === 'succeeded');
      // A publication that failed after its video was uploaded is finished by running it again, never by a new upload.
      const uploaded = pub || done || flags.again ? undefined : previous.find((p) => (p.state === 'failed' || p.state === 'cancelled') && p.videoId && p.jobId);
      if (uploaded) {
        say(`${label}the video of publication ${uploaded.id} is already uploaded (${uploaded.videoUrl ?? uploaded.videoId}); finishing its remaining steps`);
        await retryPublication(store, uploaded);
        pub = (await store.publications.get(uploaded.id)) ?? uploaded;
      } else if (pub) {
        say(`${label}resuming the unfinished publication ${pub.id} (${pub.state}${pub.uploadOffset ? `, ${mib(pub.uploadOffset)} confirmed` : ''}); its settings stay as first given`);
        // Asked to go on now: a waiting job looks again at once (the ledger answers locally if the day is still spent).
        const job = await store.jobs.get(pub.jobId!);
        if (job?.state === 'queued' && job.runAfter > new Date()) await store.jobs.update(job.id, { runAfter: new Date() });
      } else if (done && !flags.again) {
        if (!several) throw new VideogenError('CONFLICT', `this video is already on ${channel.name}: ${done.videoUrl ?? done.videoId}; add --again to upload another copy`);
        // One language of several already published: the others still go up.
        say(`${label}already on ${channel.name}: ${done.videoUrl ?? done.videoId} (add --again to upload another copy)`);
        summaries.push(summary(done));
        alreadyDone++;
        continue;
      } else {
        const created = await createPublication(store, {
          ownerId: user.id,
          channelId: channel.id,
          ...source,
          privacy: publishAt && !flags.privacy ? 'private' : privacy,
          ...(publishAt ? { publishAt } : {}),
          ...(flags.playlist ? { playlistId: flags.playlist } : {}),
          ...(flags.title ? { metadata: { title: flags.title } } : {}),
          ...(plan.languages ? { languages: plan.languages } : {}),
        });
        pub = created.publication;
        // The job's history starts like every job's (submitJob), with its queued state.
        await store.events.append({ jobId: created.job.id, ownerId: user.id, type: 'state', data: { state: 'queued' } });
        await store.audit.record({ actorId: user.id, action: 'publication.create', target: pub.id, details: { channel: channel.name, ...('sourceDir' in source ? { sourceDir: source.sourceDir } : { sourceJobId: source.sourceJobId }), privacy: pub.privacy, publishAt: pub.publishAt?.toISOString() ?? null, ...(plan.languages ? { languages: plan.languages } : {}), via: 'cli' }, ip: null });
        say(`${label}publishing to ${channel.name} (${channel.title ?? channel.externalId ?? ''}) as ${pub.privacy}`);
      }
      if (!several) {
        await runPublication({ store, config }, pub, flags);
        return;
      }
      try {
        const result = await runPublication({ store, config }, pub, flags, label, (s) => summaries.push(s));
        if (result === 'stopped') break;
      } catch (error) {
        // One language failing does not keep the others from going up; the command still fails at the end.
        failures.push({ label, error });
        say(`${label}failed: ${error instanceof Error ? error.message : String(error)}`);
        const fresh = await store.publications.get(pub.id);
        if (fresh) summaries.push(summary(fresh));
      }
    }
    if (flags.json) process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
    if (alreadyDone === plans.length) throw new VideogenError('CONFLICT', `every language is already on ${channel.name}; add --again to upload other copies`);
    const first = failures[0];
    if (first) {
      const code = isVideogenError(first.error) ? first.error.code : 'PUBLISH_FAILED';
      throw new VideogenError(code, `${failures.length} of ${plans.length} languages failed (${failures.map((f) => f.label.replace(/: $/, '')).join(', ')}); run the same command again to retry them: ${first.label}${first.error instanceof Error ? first.error.message : String(first.error)}`);
    }
  });
}

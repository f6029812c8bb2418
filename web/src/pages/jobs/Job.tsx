import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { Banner, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { formatDate, formatRelative } from '../../ui/format.ts';
import { JobActions } from './JobActions.tsx';
import { LanguageProgress } from './LanguageProgress.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { StageList } from './StageList.tsx';
import { StateBadge, STATE_LABEL } from './StateBadge.tsx';
import { useJobEvents, type LiveJob } from './live.ts';
import { useJob } from './queries.ts';
import { etaText, stageLabel } from './stages.ts';
import type { Job } from './types.ts';
import './jobs.css';

/** A queued job that a multilingual render parked until its translations are reviewed (src/queue/multilingual-job.ts). */
const waitingForReview = (job: Job, live: LiveJob) => job.state === 'queued' && live.lastState?.state === 'queued' && live.lastState.waiting === true && live.lastState.waitingFor === 'review';

/** One sentence for screen readers, changed only when the state or stage changes (not on every percent). */
function statusText(job: Job, waiting: boolean): string {
  if (waiting) return 'Waiting for the review of its translations';
  if (job.state === 'running') return job.cancelRequested ? 'Cancelling' : `Running: ${stageLabel(job.stage)}`;
  if (job.state === 'queued') return job.attempts > 0 && job.errorCode ? 'Queued to try again' : 'Queued';
  return STATE_LABEL[job.state];
}

function ProgressDetails({ job, live }: { job: Job; live: LiveJob }) {
  const snapshot = job.state === 'running' ? live.snapshot : undefined;
  const parts = [
    `${Math.round(job.progress * 100)}%`,
    snapshot?.done !== undefined && snapshot.total ? `${snapshot.done} of ${snapshot.total}` : undefined,
    snapshot?.fps !== undefined ? `${snapshot.fps} fps` : undefined,
    etaText(snapshot?.etaSeconds),
    snapshot?.language ? `language ${snapshot.language}` : undefined,
  ].filter(Boolean);
  return <p className="jobs-progress-details">{parts.join(' · ')}</p>;
}

function Outcome({ job }: { job: Job }) {
  if (job.state === 'succeeded')
    return (
      <Banner tone="ok">
        <div className="row jobs-outcome">
          <span>The video is ready.</span>
          <Link className="btn btn-primary" to={`/library/${job.id}`}>
            Watch in library
          </Link>
        </div>
      </Banner>
    );
  if (!job.errorCode) return null;
  if (job.state === 'failed')
    return (
      <Banner tone="error">
        <strong>Failed</strong> with <code>{job.errorCode}</code>: {job.errorMessage}
      </Banner>
    );
  if (job.state === 'queued')
    return (
      <Banner tone="warn">
        Attempt {job.attempts} of {job.maxAttempts} failed with <code>{job.errorCode}</code>: {job.errorMessage}. It will be tried again.
      </Banner>
    );
  return null;
}

function JobView({ job, live, onRetried }: { job: Job; live: LiveJob; onRetried(): void }) {
  const waiting = waitingForReview(job, live);
  const languages = Array.isArray(job.options.languages) ? (job.options.languages as string[]) : [];
  return (
    <Page
      title={job.title ?? 'Untitled job'}
      description={
        <>
          {job.kind === 'render' ? 'Render' : job.kind === 'create' ? 'Create' : 'Publish'} job, created <time dateTime={job.createdAt} title={formatDate(job.createdAt)}>{formatRelative(job.createdAt)}</time>
        </>
      }
      actions={<JobActions job={job} onRetried={onRetried} />}
    >
      <div className="jobs-detail">
        <section className="card stack" aria-labelledby="jobs-status">
          <h2 id="jobs-status" className="visually-hidden">
            Status
          </h2>
          <div className="row jobs-status-line">
            <StateBadge state={job.state} waiting={waiting} />
            <p role="status" className="jobs-status-text">
              {statusText(job, waiting)}
            </p>
          </div>
          <ProgressBar value={job.progress} label="Job progress" />
          <ProgressDetails job={job} live={live} />
          {waiting ? (
            <Banner tone="warn">
              Its translations wait for your review{live.lastState?.languages?.length ? ` (${live.lastState.languages.join(', ')})` : ''}. <Link to="/multilingual">Review them in Multilingual</Link>; the render goes on once they are approved.
            </Banner>
          ) : null}
          <Outcome job={job} />
        </section>
        {job.kind === 'render' ? (
          <section className="card stack" aria-labelledby="jobs-stages-heading">
            <h2 id="jobs-stages-heading">Stages</h2>
            <StageList stage={job.stage} state={job.state} />
          </section>
        ) : null}
        {languages.length > 1 ? (
          <div className="card">
            <LanguageProgress languages={languages} seen={live.languages} overall={job.progress} succeeded={job.state === 'succeeded'} />
          </div>
        ) : null}
        <section className="card stack" aria-labelledby="jobs-warnings">
          <h2 id="jobs-warnings">Warnings</h2>
          {live.warnings.length ? (
            <ul className="jobs-warnings">
              {live.warnings.map((warning, index) => (
                <li key={index}>{warning}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">None so far.</p>
          )}
        </section>
        <section className="card" aria-labelledby="jobs-facts">
          <h2 id="jobs-facts">Details</h2>
          <dl className="jobs-facts">
            <dt>Attempts</dt>
            <dd>
              {job.attempts} of {job.maxAttempts}
            </dd>
            {typeof job.options.preset === 'string' ? (
              <>
                <dt>Quality</dt>
                <dd>{job.options.preset}</dd>
              </>
            ) : null}
            <dt>Started</dt>
            <dd>{job.startedAt ? formatDate(job.startedAt) : '—'}</dd>
            <dt>Finished</dt>
            <dd>{job.finishedAt ? formatDate(job.finishedAt) : '—'}</dd>
            <dt>Job id</dt>
            <dd>
              <code>{job.id}</code>
            </dd>
          </dl>
        </section>
      </div>
    </Page>
  );
}

/** A job as it runs: live progress over SSE, its stages, warnings, errors and what can be done with it. */
export function JobPage() {
  const { id = '' } = useParams();
  // Bumped after a retry: the event stream closed at the earlier terminal state and must open again.
  const [epoch, setEpoch] = useState(0);
  const job = useJob(id);
  const live = useJobEvents(job.isSuccess ? id : undefined, epoch);
  if (job.isPending) return <Spinner label="Loading the job" />;
  if (job.isError)
    return (
      <Page title="Job">
        <div className="stack">
          <ErrorBanner error={job.error} />
          <p>
            <Link to="/jobs">All jobs</Link>
          </p>
        </div>
      </Page>
    );
  return <JobView job={job.data} live={live} onRetried={() => setEpoch((n) => n + 1)} />;
}

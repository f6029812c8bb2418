import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasRole, useUser } from '../../auth.tsx';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatDate, formatRelative } from '../../ui/format.ts';
import { ProgressBar } from './ProgressBar.tsx';
import { StateBadge, STATE_LABEL } from './StateBadge.tsx';
import { useAllJobEvents } from './live.ts';
import { useJobList } from './queries.ts';
import { stageLabel } from './stages.ts';
import { JOB_STATES, type Job, type JobState } from './types.ts';
import './jobs.css';
import { LoadMore } from '../../ui/LoadMore.tsx';

const KIND_LABEL: Record<Job['kind'], string> = { render: 'Render', create: 'Create', publish: 'Publish' };

function JobRow({ job }: { job: Job }) {
  const title = job.title ?? 'Untitled';
  const active = job.state === 'running' || job.state === 'queued';
  return (
    <li className="card jobs-row">
      <div className="jobs-row-main">
        <Link to={`/jobs/${job.id}`} className="jobs-row-title">
          {title}
        </Link>
        <span className="muted small">
          {KIND_LABEL[job.kind]} · <time dateTime={job.createdAt} title={formatDate(job.createdAt)}>{formatRelative(job.createdAt)}</time>
        </span>
      </div>
      <div className="jobs-row-state">
        <StateBadge state={job.state} />
        <span className="small muted">{job.state === 'running' ? stageLabel(job.stage) : job.state === 'failed' && job.errorCode ? job.errorCode : null}</span>
      </div>
      <div className="jobs-row-progress">
        <ProgressBar value={job.progress} label={`Progress of ${title}`} small />
        <span className="small muted jobs-percent">{active || job.state === 'succeeded' ? `${Math.round(job.progress * 100)}%` : STATE_LABEL[job.state]}</span>
      </div>
    </li>
  );
}

/** The state filter lives in the URL (?state=running), so a filtered list can be linked and survives a reload. */
function useStateFilter(): [JobState | '', (state: JobState | '') => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('state') ?? '';
  const state = (JOB_STATES as readonly string[]).includes(raw) ? (raw as JobState) : '';
  return [state, (next) => setParams(next ? { state: next } : {}, { replace: true })];
}

export function JobsPage() {
  const user = useUser();
  const [state, setState] = useStateFilter();
  const [everyone, setEveryone] = useState(false);
  const list = useJobList({ states: state ? [state] : [], all: everyone });
  useAllJobEvents();
  const jobs = list.data?.pages.flatMap((page) => page.jobs) ?? [];

  return (
    <Page
      title="Jobs"
      description="Renders and publishing jobs, newest first. Progress updates live."
      actions={hasRole(user, 'editor') ? <Link className="btn btn-primary" to="/create">New video</Link> : null}
    >
      <div className="stack">
        <div className="row jobs-filters">
          <Field label="State">
            <select value={state} onChange={(event) => setState(event.target.value as JobState | '')}>
              <option value="">All states</option>
              {JOB_STATES.map((s) => (
                <option key={s} value={s}>
                  {STATE_LABEL[s]}
                </option>
              ))}
            </select>
          </Field>
          {user.role === 'admin' ? (
            <label className="row small jobs-everyone">
              <input type="checkbox" checked={everyone} onChange={(event) => setEveryone(event.target.checked)} />
              <span>Everyone&apos;s jobs</span>
            </label>
          ) : null}
        </div>
        <ErrorBanner error={list.error} />
        {list.isPending ? <Spinner label="Loading jobs" /> : null}
        {list.isSuccess && jobs.length === 0 ? (
          <Empty>{state ? `No ${STATE_LABEL[state].toLowerCase()} jobs.` : 'No jobs yet. Make a video and its render shows up here.'}</Empty>
        ) : null}
        {jobs.length ? (
          <ul className="jobs-list" aria-label="Jobs">
            {jobs.map((job) => (
              <JobRow key={job.id} job={job} />
            ))}
          </ul>
        ) : null}
        <LoadMore list={list} />
      </div>
    </Page>
  );
}

import { Link } from 'react-router';
import { formatDate, formatRelative } from '../../ui/format.ts';
import { JobStateBadge } from './JobStateBadge.tsx';
import type { Job } from './types.ts';

const KIND: Record<Job['kind'], string> = { render: 'Render', create: 'Create', publish: 'Publish' };

/** The newest jobs with state, stage and progress; each links to its live page. */
export function RecentJobs({ jobs }: { jobs: readonly Job[] }) {
  return (
    <ul className="home-jobs">
      {jobs.map((job) => {
        const active = job.state === 'running' || job.state === 'queued';
        const percent = Math.round(job.progress * 100);
        return (
          <li key={job.id} className="home-job">
            <Link to={`/jobs/${job.id}`}>{job.title ?? `${KIND[job.kind]} job`}</Link>
            <span className="home-job-meta small">
              <JobStateBadge state={job.state} />
              {active && job.stage ? <span className="muted">{job.stage}</span> : null}
              {active ? <span className="muted">{percent} %</span> : null}
              <span className="muted" title={formatDate(job.createdAt)}>
                {formatRelative(job.createdAt)}
              </span>
            </span>
            {job.state === 'failed' && job.errorMessage ? <span className="small muted">{job.errorMessage}</span> : null}
            {active ? (
              <div className="progress" role="progressbar" aria-label={`Progress of ${job.title ?? 'the job'}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
                <span style={{ width: `${percent}%` }} />
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

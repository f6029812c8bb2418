import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { get } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Page } from '../../ui/Page.tsx';
import { RecentJobs } from './RecentJobs.tsx';
import { VideoCard } from './RecentVideos.tsx';
import type { Job } from './types.ts';
import './create.css';

type JobList = { jobs: Job[]; nextBefore: string | null };

/** While something runs the lists refresh every few seconds; the job page has the live (SSE) view. */
const ACTIVE_REFRESH_MS = 3_000;

export function HomePage() {
  const user = useUser();
  const canCreate = hasRole(user, 'editor');
  const jobs = useQuery({
    queryKey: ['jobs', 'recent'],
    queryFn: ({ signal }) => get<JobList>('/api/jobs?limit=8', signal),
    refetchInterval: (query) => (query.state.data?.jobs.some((j) => j.state === 'queued' || j.state === 'running') ? ACTIVE_REFRESH_MS : false),
  });
  const videos = useQuery({ queryKey: ['jobs', 'videos'], queryFn: ({ signal }) => get<JobList>('/api/jobs?state=succeeded&kind=render&limit=6', signal) });
  // A job that just finished shows up among the videos without a reload.
  const finished = jobs.data?.jobs.filter((j) => j.state === 'succeeded').length ?? 0;
  const refetchVideos = videos.refetch;
  useEffect(() => {
    if (finished > 0) void refetchVideos();
  }, [finished, refetchVideos]);

  return (
    <Page title="Home">
      <section className="card home-hero" aria-label="Start">
        <div>
          <h2>Make a video</h2>
          <p className="muted">Drop a document, paste text or a link, or type a topic: you see the plan before anything renders.</p>
        </div>
        {canCreate ? (
          <Link to="/create" className="btn btn-primary btn-large">
            New video
          </Link>
        ) : (
          <p className="muted small">Viewers can watch videos; making them needs the editor role.</p>
        )}
      </section>

      <section className="home-section" aria-labelledby="home-videos-heading">
        <div className="home-section-head">
          <h2 id="home-videos-heading">Recent videos</h2>
          <Link to="/library" className="small">
            Library
          </Link>
        </div>
        <ErrorBanner error={videos.error} />
        {videos.isPending ? <Spinner /> : null}
        {videos.data && !videos.data.jobs.length ? (
          <div className="card">
            <Empty>
              No videos yet. {canCreate ? <>Choose <Link to="/create">New video</Link> to make your first one; finished videos appear here with their thumbnail.</> : 'Finished videos appear here.'}
            </Empty>
          </div>
        ) : null}
        {videos.data?.jobs.length ? (
          <ul className="home-videos">
            {videos.data.jobs.map((job) => (
              <VideoCard key={job.id} job={job} />
            ))}
          </ul>
        ) : null}
      </section>

      <section className="home-section" aria-labelledby="home-jobs-heading">
        <div className="home-section-head">
          <h2 id="home-jobs-heading">Recent jobs</h2>
          <Link to="/jobs" className="small">
            All jobs
          </Link>
        </div>
        <ErrorBanner error={jobs.error} />
        {jobs.isPending ? <Spinner /> : null}
        {jobs.data ? (
          <div className="card">
            {jobs.data.jobs.length ? <RecentJobs jobs={jobs.data.jobs} /> : <Empty>No jobs yet. Rendering a video starts a job; its progress shows here and on the Jobs page.</Empty>}
          </div>
        ) : null}
      </section>
    </Page>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { get } from '../../api/client.ts';
import { formatDate, formatRelative } from '../../ui/format.ts';
import type { Job } from './types.ts';

/** The thumbnail of a finished render: thumbnail.png, or the first language's (<lang>/thumbnail.png) for a multilingual job. */
function thumbnailOf(files: readonly string[] | undefined): string | undefined {
  return files?.find((f) => f === 'thumbnail.png') ?? files?.find((f) => f.endsWith('/thumbnail.png'));
}

/** One finished video: its detail (for the file list) is fetched per card, so the list itself stays one request. */
export function VideoCard({ job }: { job: Job }) {
  const detail = useQuery({ queryKey: ['job', job.id], queryFn: ({ signal }) => get<Job>(`/api/jobs/${job.id}`, signal), staleTime: 60_000 });
  const thumbnail = thumbnailOf(detail.data?.files);
  const title = job.title ?? 'Untitled video';
  return (
    <li>
      <Link to={`/library/${job.id}`} className="card home-video">
        {thumbnail ? <img className="home-thumb" src={`/api/jobs/${job.id}/files/${thumbnail}`} alt="" loading="lazy" width={320} height={180} /> : <span className="home-thumb small" aria-hidden="true">No thumbnail</span>}
        <span className="home-video-body">
          <span className="home-video-title">{title}</span>
          {job.finishedAt ? (
            <span className="muted small" title={formatDate(job.finishedAt)}>
              Finished {formatRelative(job.finishedAt)}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

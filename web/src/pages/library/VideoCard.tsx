import { Link } from 'react-router';
import { formatDate, formatDuration } from '../../ui/format.ts';
import type { Job } from '../jobs/types.ts';
import { useVideoInfo } from './video-info.ts';

/** One finished video: its thumbnail, title, length, languages and date; the whole picture and title open it. */
export function VideoCard({ job }: { job: Job }) {
  const info = useVideoInfo(job.id);
  const first = info.data?.variants[0];
  const thumbnail = first?.names.includes('thumbnail.png') ? `${first.base}thumbnail.png` : undefined;
  const title = job.title ?? 'Untitled';
  const when = job.finishedAt ?? job.updatedAt;
  return (
    <li className="card library-card">
      <Link to={`/library/${job.id}`} className="library-card-link">
        <span className="library-thumb">
          {thumbnail ? <img src={thumbnail} alt="" loading="lazy" decoding="async" /> : <span className="library-thumb-empty" aria-hidden="true" />}
          {info.data?.seconds !== undefined ? (
            <span className="library-duration">
              <span className="visually-hidden">Duration </span>
              {formatDuration(info.data.seconds)}
            </span>
          ) : null}
        </span>
        <span className="library-card-title">{title}</span>
      </Link>
      <span className="small muted library-card-meta">
        {info.data?.languages.length ? <span>{info.data.languages.join(', ')}</span> : null}
        <time dateTime={when}>{formatDate(when)}</time>
      </span>
      {info.isError ? <span className="small library-card-error">Could not load its details.</span> : null}
    </li>
  );
}

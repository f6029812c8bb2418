import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { hasRole, useUser } from '../../auth.tsx';
import { Page } from '../../ui/Page.tsx';
import { Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';
import { useJobList } from '../jobs/queries.ts';
import { VideoCard } from './VideoCard.tsx';
import './library.css';
import { LoadMore } from '../../ui/LoadMore.tsx';

/** Finished videos as cards, searchable by title; a page at a time, newest first. */
export function LibraryPage() {
  const user = useUser();
  const [search, setSearch] = useState('');
  const query = useDeferredValue(search.trim().toLowerCase());
  const list = useJobList({ states: ['succeeded'], limit: 24 });
  // Publishing jobs succeed too, but they upload a video rather than make one.
  const videos = (list.data?.pages.flatMap((page) => page.jobs) ?? []).filter((job) => job.kind !== 'publish');
  const shown = query ? videos.filter((job) => (job.title ?? '').toLowerCase().includes(query)) : videos;

  return (
    <Page title="Library" description="Every finished video: play it with its captions and chapters, and download its files." actions={hasRole(user, 'editor') ? <Link className="btn btn-primary" to="/create">New video</Link> : null}>
      <div className="stack">
        <div role="search" className="library-search">
          <Field label="Search by title" hint={list.hasNextPage ? 'Searches the videos loaded so far; load more to search further back.' : undefined}>
            <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} autoComplete="off" />
          </Field>
        </div>
        <ErrorBanner error={list.error} />
        {list.isPending ? <Spinner label="Loading videos" /> : null}
        {list.isSuccess && videos.length === 0 ? <Empty>No finished videos yet. Once a render succeeds, it appears here.</Empty> : null}
        {videos.length > 0 && shown.length === 0 ? <Empty>No video title contains “{search.trim()}”.</Empty> : null}
        {query && shown.length > 0 ? (
          <p role="status" className="muted small">
            {shown.length} of {videos.length} videos match.
          </p>
        ) : null}
        {shown.length ? (
          <ul className="library-grid" aria-label="Videos">
            {shown.map((job) => (
              <VideoCard key={job.id} job={job} />
            ))}
          </ul>
        ) : null}
        <LoadMore list={list} />
      </div>
    </Page>
  );
}

import { useQuery } from '@tanstack/react-query';
import type { RefObject } from 'react';
import { get } from '../../api/client.ts';
import { ErrorBanner } from '../../ui/Banner.tsx';
import { formatDuration } from '../../ui/format.ts';
import { parseChapters } from './chapters.ts';
import type { Variant } from './video-info.ts';

/** chapters.txt as buttons that seek the player (and start it, as a chapter list on a video site does). */
export function Chapters({ variant, videoRef }: { variant: Variant; videoRef: RefObject<HTMLVideoElement | null> }) {
  const has = variant.names.includes('chapters.txt');
  const chapters = useQuery({ queryKey: ['library', 'chapters', variant.base], queryFn: ({ signal }) => get<string>(`${variant.base}chapters.txt`, signal), enabled: has, staleTime: Infinity });
  if (!has) return null;
  const list = chapters.data ? parseChapters(chapters.data) : [];
  const seek = (seconds: number) => {
    const video = videoRef.current;
    if (!video) return;
    video.currentTime = seconds;
    void video.play().catch(() => undefined);
  };
  return (
    <section className="card stack" aria-labelledby="library-chapters">
      <h2 id="library-chapters">Chapters</h2>
      <ErrorBanner error={chapters.error} />
      {list.length ? (
        <ol className="library-chapters">
          {list.map((chapter) => (
            <li key={`${chapter.start}-${chapter.title}`}>
              <button type="button" className="library-chapter" onClick={() => seek(chapter.start)}>
                <span className="library-chapter-time">{formatDuration(chapter.start)}</span>{' '}
                <span>{chapter.title}</span>
                <span className="visually-hidden"> (play from here)</span>
              </button>
            </li>
          ))}
        </ol>
      ) : chapters.isSuccess ? (
        <p className="muted">No chapters.</p>
      ) : null}
    </section>
  );
}

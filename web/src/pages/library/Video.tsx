import { useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Page } from '../../ui/Page.tsx';
import { ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatDate } from '../../ui/format.ts';
import { Chapters } from './Chapters.tsx';
import { Details } from './Details.tsx';
import { Downloads } from './Downloads.tsx';
import { Player } from './Player.tsx';
import { useVideoInfo, type Variant } from './video-info.ts';
import './library.css';

/** The language a multilingual video plays in lives in the URL (?lang=de), so it can be linked. */
function useVariant(variants: Variant[]): [Variant | undefined, (folder: string) => void] {
  const [params, setParams] = useSearchParams();
  const wanted = params.get('lang');
  const variant = variants.find((v) => v.folder === wanted) ?? variants[0];
  return [variant, (folder) => setParams({ lang: folder }, { replace: true })];
}

/** One finished video: the player with its captions, chapters that seek, the details and every file to download. */
export function VideoPage() {
  const { id = '' } = useParams();
  const info = useVideoInfo(id);
  const [variant, choose] = useVariant(info.data?.variants ?? []);
  const videoRef = useRef<HTMLVideoElement>(null);

  if (info.isPending) return <Spinner label="Loading the video" />;
  if (info.isError || !variant)
    return (
      <Page title="Video">
        <div className="stack">
          <ErrorBanner error={info.error ?? new Error('This job has no video.')} />
          <p>
            <Link to="/library">Back to the library</Link>
          </p>
        </div>
      </Page>
    );
  const { job, variants } = info.data;
  const when = job.finishedAt ?? job.updatedAt;
  return (
    <Page
      title={variant.title}
      description={
        <>
          Made <time dateTime={when}>{formatDate(when)}</time> · <Link to={`/jobs/${job.id}`}>Job details</Link>
        </>
      }
    >
      <div className="library-video">
        <div className="stack library-main">
          {variants.length > 1 ? (
            <Field label="Language" className="library-language">
              <select value={variant.folder} onChange={(event) => choose(event.target.value)}>
                {variants.map((v) => (
                  <option key={v.folder} value={v.folder}>
                    {v.label}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {/* Keyed by the variant: a new language is a new media element with its own tracks. */}
          <div dir={variant.rtl ? 'rtl' : undefined} key={variant.base}>
            <Player variant={variant} videoRef={videoRef} />
          </div>
          <Chapters variant={variant} videoRef={videoRef} />
        </div>
        <div className="stack library-side">
          <Details variant={variant} />
          <Downloads jobId={job.id} />
        </div>
      </div>
    </Page>
  );
}

import { useMutation } from '@tanstack/react-query';
import { post } from '../../api/client.ts';
import { ErrorBanner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';

interface YoutubePreview {
  title: string | null;
  channel: string | null;
  thumbnailUrl: string;
  durationFormatted: string;
  hasTranscript: boolean;
  estimate: { sceneCount: number };
}

/** A YouTube link or id; "Check video" reads its title and transcript (POST /api/youtube/preview) before planning. */
export function YoutubeSource({ link, onChange }: { link: string; onChange: (link: string) => void }) {
  const check = useMutation({ mutationFn: (url: string) => post<YoutubePreview>('/api/youtube/preview', { url }) });
  const info = check.data;
  return (
    <div className="stack">
      <Field label="YouTube link or video id" hint="Any link form (watch?v=, youtu.be/, /shorts/) or the 11-character id. The video needs captions: its transcript becomes the script.">
        <input
          type="text"
          value={link}
          placeholder="https://www.youtube.com/watch?v=…"
          onChange={(event) => {
            check.reset();
            onChange(event.target.value);
          }}
        />
      </Field>
      <div className="row">
        <button type="button" className="btn" disabled={!link.trim() || check.isPending} onClick={() => check.mutate(link.trim())}>
          {check.isPending ? 'Checking…' : 'Check video'}
        </button>
      </div>
      <ErrorBanner error={check.error} />
      {info ? (
        <div className="create-youtube card" role="status">
          <img src={info.thumbnailUrl} alt="" width={160} height={90} />
          <div>
            <strong>{info.title ?? 'Untitled video'}</strong>
            <div className="muted small">
              {info.channel ? `${info.channel} · ` : ''}
              {info.durationFormatted} · {info.hasTranscript ? `about ${info.estimate.sceneCount} scenes` : 'no transcript'}
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { ApiError, get } from '../../api/client.ts';
import { ErrorBanner } from '../../ui/Banner.tsx';
import { formatDuration } from '../../ui/format.ts';
import type { Manifest, Metadata } from './types.ts';
import type { Variant } from './video-info.ts';

function useOptionalJson<T>(variant: Variant, name: string) {
  return useQuery({
    queryKey: ['library', 'json', variant.base, name],
    queryFn: async ({ signal }) => {
      try {
        return await get<T>(`${variant.base}${name}`, signal);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: variant.names.includes(name),
    staleTime: Infinity,
  });
}

/** "male (espeak en-us+m3)": the voices the scenes were narrated with, each once. */
function voicesOf(manifest: Manifest): string[] {
  const seen = new Set<string>();
  for (const scene of manifest.scenes ?? []) {
    const v = scene.voice;
    if (!v?.provider) continue;
    seen.add(v.ref && v.ref !== `${v.provider}:${v.id}` ? `${v.ref} (${v.provider} ${v.id})` : `${v.provider} ${v.id}`);
  }
  return [...seen];
}

/** What was made (manifest.json) and what an uploader would publish (metadata.json). */
export function Details({ variant }: { variant: Variant }) {
  const manifest = useOptionalJson<Manifest>(variant, 'manifest.json');
  const metadata = useOptionalJson<Metadata>(variant, 'metadata.json');
  const m = manifest.data ?? undefined;
  const meta = metadata.data ?? undefined;
  const kinds = (m?.scenes ?? []).reduce<Record<string, number>>((counts, s) => ({ ...counts, [s.kind]: (counts[s.kind] ?? 0) + 1 }), {});
  const voices = m ? voicesOf(m) : [];
  return (
    <section className="card stack" aria-labelledby="library-details">
      <h2 id="library-details">Details</h2>
      <ErrorBanner error={manifest.error ?? metadata.error} />
      <dl className="library-facts">
        {m?.video ? (
          <>
            <dt>Duration</dt>
            <dd>{formatDuration(m.video.seconds)}</dd>
            <dt>Picture</dt>
            <dd>
              {m.video.width}×{m.video.height}, {m.video.fps} fps{m.video.aspect ? `, ${m.video.aspect}` : ''}
              {m.video.preset ? ` (${m.video.preset})` : ''}
            </dd>
          </>
        ) : null}
        {m?.scenes ? (
          <>
            <dt>Scenes</dt>
            <dd>
              {m.scenes.length}
              {m.scenes.length ? `: ${Object.entries(kinds).map(([kind, n]) => (n > 1 ? `${n} ${kind}` : kind)).join(', ')}` : ''}
            </dd>
          </>
        ) : null}
        {voices.length ? (
          <>
            <dt>{voices.length > 1 ? 'Voices' : 'Voice'}</dt>
            <dd>{voices.join('; ')}</dd>
          </>
        ) : null}
        {m?.captions ? (
          <>
            <dt>Captions</dt>
            <dd>{m.captions.cues} cues</dd>
          </>
        ) : null}
        {meta?.language ? (
          <>
            <dt>Language</dt>
            <dd>{meta.language}</dd>
          </>
        ) : null}
        {meta?.tags?.length ? (
          <>
            <dt>Tags</dt>
            <dd>{meta.tags.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {meta?.description ? (
        <div>
          <h3>Description</h3>
          <p className="library-description">{meta.description}</p>
        </div>
      ) : null}
      <div>
        <h3>Warnings</h3>
        {m?.warnings?.length ? (
          <ul className="library-warnings">
            {m.warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">None.</p>
        )}
      </div>
    </section>
  );
}

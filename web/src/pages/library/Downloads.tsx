import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import { ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { formatBytes } from '../../ui/format.ts';
import type { OutputFile } from './types.ts';

/** Every output file of the job (GET /api/jobs/:id/files) as a download link ("Download video.mp4"). */
export function Downloads({ jobId }: { jobId: string }) {
  const files = useQuery({ queryKey: ['library', 'files', jobId], queryFn: ({ signal }) => get<{ files: OutputFile[] }>(`/api/jobs/${encodeURIComponent(jobId)}/files`, signal), staleTime: 60_000 });
  return (
    <section className="card stack" aria-labelledby="library-downloads">
      <h2 id="library-downloads">Downloads</h2>
      <ErrorBanner error={files.error} />
      {files.isPending ? <Spinner label="Loading the files" /> : null}
      {files.data ? (
        <ul className="library-downloads">
          {files.data.files.map((file) => (
            <li key={file.name}>
              {/* ?download=1 makes the server send it as an attachment named after the video. */}
              <a href={`${file.url}?download=1`} download>
                Download {file.name}
              </a>
              <span className="muted small">{formatBytes(file.bytes)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

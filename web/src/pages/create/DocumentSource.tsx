import { useMutation } from '@tanstack/react-query';
import { useId, useState, type DragEvent } from 'react';
import { api } from '../../api/client.ts';
import { ErrorBanner } from '../../ui/Banner.tsx';
import { formatBytes } from '../../ui/format.ts';
import type { Upload } from './types.ts';

/** The document types the server's adapters read (src/server/default-sources.ts). */
const ACCEPT = '.md,.markdown,.txt,.rst,.pdf,.docx,.html,.htm,.srt,.vtt';

interface DocumentSourceProps {
  upload: Upload | undefined;
  onUpload: (upload: Upload | undefined) => void;
}

/** A drop zone and a file input; the file is uploaded at once (POST /api/documents/upload) and planned by its id. */
export function DocumentSource({ upload, onUpload }: DocumentSourceProps) {
  const inputId = useId();
  const [dragging, setDragging] = useState(false);
  const send = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<Upload>('POST', '/api/documents/upload', { body: form });
    },
    onSuccess: onUpload,
  });
  const take = (file: File | undefined) => {
    if (!file) return;
    onUpload(undefined);
    send.mutate(file);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files[0]);
  };

  return (
    <div className="stack">
      <div
        className="create-drop"
        data-dragging={dragging}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="create-drop-title">Drop a document here</p>
        <p className="muted small">Markdown, text, PDF, Word (.docx), HTML, or subtitles (.srt, .vtt). Each section becomes a scene.</p>
        {/* The real input stays in the tab order; its label is the visible button and shows its focus ring (CSS). */}
        <input id={inputId} className="visually-hidden create-file" type="file" accept={ACCEPT} onChange={(event) => take(event.target.files?.[0])} />
        <label htmlFor={inputId} className="btn">
          Choose a document…
        </label>
      </div>
      {send.isPending ? <p className="muted" role="status">Uploading…</p> : null}
      <ErrorBanner error={send.error} />
      {upload ? (
        <p className="create-chosen" role="status">
          <span className="badge badge-ok">Uploaded</span> <strong>{upload.filename}</strong> <span className="muted">({formatBytes(upload.bytes)})</span>
        </p>
      ) : null}
    </div>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { get, post } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Page } from '../../ui/Page.tsx';
import { formatDate } from '../../ui/format.ts';
import { CapabilityGate } from './CapabilityGate.tsx';
import { PublishForm } from './PublishForm.tsx';
import { channelName, useChannels } from './queries.ts';
import { FINISHED, type Publication, type PublicationState } from './types.ts';
import './publish.css';

const STATE_LABEL: Record<PublicationState, string> = {
  pending: 'Queued',
  waiting: 'Waiting',
  uploading: 'Uploading',
  finishing: 'Finishing',
  succeeded: 'Published',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
const STATE_BADGE: Partial<Record<PublicationState, string>> = { succeeded: 'badge-ok', failed: 'badge-error', cancelled: 'badge', uploading: 'badge-accent', finishing: 'badge-accent', waiting: 'badge-warn' };

/** 0–100: the bytes YouTube confirmed; a finished publication is whole. */
function percent(p: Publication): number {
  if (p.state === 'succeeded') return 100;
  if (!p.fileBytes) return 0;
  return Math.min(100, Math.round((p.uploadedBytes / p.fileBytes) * 100));
}

/** Why a waiting publication waits (its steps say it: the render, or the quota day). */
function waitReason(p: Publication): string | undefined {
  const why = p.steps.waitingFor ?? p.steps.waiting;
  return typeof why === 'string' ? why : undefined;
}

function PublicationRow({ p, channel, canEdit }: { p: Publication; channel: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => post(`/api/publications/${p.id}/cancel`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['publications'] }),
  });
  const title = typeof p.metadata.title === 'string' ? p.metadata.title : 'Video';
  const value = percent(p);
  const why = waitReason(p);
  return (
    <tr>
      <td data-label="Video">
        {p.sourceJobId ? <Link to={`/library/${p.sourceJobId}`}>{title}</Link> : title}
        {p.scheduleId ? <span className="muted small"> · from a schedule</span> : null}
      </td>
      <td data-label="Channel">{channel}</td>
      <td data-label="State">
        <div className="stack publish-progress-cell">
          <span className={`badge ${STATE_BADGE[p.state] ?? ''}`}>{STATE_LABEL[p.state]}</span>
          {!FINISHED.has(p.state) ? (
            <div className="progress" role="progressbar" aria-label={`Upload of ${title}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value}>
              <span style={{ width: `${value}%` }} />
            </div>
          ) : null}
          {why ? <span className="small muted">Waiting for {why}</span> : null}
          {p.errorMessage ? <span className="small publish-error">{p.errorMessage}{p.errorCode ? ` (${p.errorCode})` : ''}</span> : null}
        </div>
      </td>
      <td data-label="Release">{p.publishAt ? formatDate(p.publishAt) : p.state === 'succeeded' && p.finishedAt ? formatDate(p.finishedAt) : 'When uploaded'}<span className="muted small"> · {p.privacy}</span></td>
      <td data-label="Actions">
        <div className="row">
          {p.videoUrl ? (
            <a href={p.videoUrl} target="_blank" rel="noreferrer">
              Watch on YouTube<span className="visually-hidden"> ({title})</span>
            </a>
          ) : null}
          {canEdit && !FINISHED.has(p.state) ? (
            <button type="button" className="btn btn-small" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              Cancel<span className="visually-hidden"> publication of {title}</span>
            </button>
          ) : null}
        </div>
        <ErrorBanner error={cancel.error} />
      </td>
    </tr>
  );
}

function PublicationList() {
  const canEdit = hasRole(useUser(), 'editor');
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(params.has('job'));
  const channels = useChannels();
  const publications = useQuery({
    queryKey: ['publications'],
    queryFn: ({ signal }) => get<{ publications: Publication[] }>('/api/publications?limit=100', signal),
    // Uploads move on the server: follow them while any is unfinished.
    refetchInterval: (query) => (query.state.data?.publications.some((p) => !FINISHED.has(p.state)) ? 1500 : false),
  });
  const close = () => {
    setOpen(false);
    if (params.has('job')) setParams({}, { replace: true });
  };
  return (
    <div className="stack">
      {canEdit && !open ? (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
            Publish a video
          </button>
        </div>
      ) : null}
      {open ? <PublishForm initialJobId={params.get('job') ?? undefined} onDone={close} /> : null}
      <ErrorBanner error={publications.error} />
      {publications.isPending ? <Spinner /> : null}
      {publications.data && publications.data.publications.length === 0 ? <Empty>Nothing published yet.</Empty> : null}
      {publications.data?.publications.length ? (
        <div className="table-wrap">
          <table className="table publish-table">
            <caption className="visually-hidden">Publications, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Video</th>
                <th scope="col">Channel</th>
                <th scope="col">State</th>
                <th scope="col">Release</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {publications.data.publications.map((p) => (
                <PublicationRow key={p.id} p={p} channel={channelName(channels.data?.channels, p.channelId)} canEdit={canEdit} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

export function PublicationsPage() {
  return (
    <Page title="Publications" description="Uploads to your channels: progress, scheduled releases and published videos.">
      <CapabilityGate need="publishing" what="Publishing">
        <PublicationList />
      </CapabilityGate>
    </Page>
  );
}

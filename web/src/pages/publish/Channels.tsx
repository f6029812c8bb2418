import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { del, post } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { Banner, Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Page } from '../../ui/Page.tsx';
import { formatRelative } from '../../ui/format.ts';
import { CapabilityGate } from './CapabilityGate.tsx';
import { useChannels } from './queries.ts';
import type { Channel } from './types.ts';
import './publish.css';

const count = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** What Google's callback said, from the query it redirected here with. */
function CallbackOutcome() {
  const [params] = useSearchParams();
  const error = params.get('channelError');
  if (error) {
    return <Banner tone="error">{error === 'access_denied' ? 'Access was declined on Google’s consent page, so no channel was connected. Connect again and allow access.' : `Google answered “${error}”; no channel was connected.`}</Banner>;
  }
  if (params.get('channel')) return <Banner tone="ok">Channel connected.</Banner>;
  return null;
}

function ChannelCard({ channel, canEdit }: { channel: Channel; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => del(`/api/channels/${channel.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['channels'] }),
  });
  const { subscribers, views, videos } = channel.stats;
  return (
    <li className="card stack publish-channel">
      <div className="row publish-spread">
        <h2 className="publish-card-title">{channel.name}</h2>
        {channel.revoked ? <span className="badge badge-error">Needs reconnecting</span> : <span className="badge badge-ok">Connected</span>}
      </div>
      {channel.title && channel.title !== channel.name ? <p className="muted small">YouTube: {channel.title}</p> : null}
      <dl className="publish-stats">
        <div>
          <dt>Subscribers</dt>
          <dd>{subscribers !== undefined ? count.format(subscribers) : '—'}</dd>
        </div>
        <div>
          <dt>Views</dt>
          <dd>{views !== undefined ? count.format(views) : '—'}</dd>
        </div>
        <div>
          <dt>Videos</dt>
          <dd>{videos !== undefined ? count.format(videos) : '—'}</dd>
        </div>
      </dl>
      <p className="muted small">
        {channel.statsAt ? `Statistics from ${formatRelative(channel.statsAt)}` : 'No statistics yet'} · quota project {channel.project}
      </p>
      {channel.externalId ? (
        <a className="small" href={`https://www.youtube.com/channel/${channel.externalId}`} target="_blank" rel="noreferrer">
          Open {channel.name} on YouTube
        </a>
      ) : null}
      <ErrorBanner error={remove.error} />
      {canEdit ? (
        <div className="row">
          {confirming ? (
            <>
              <span className="small">Revoke access and delete its publications and schedules? Videos stay on YouTube.</span>
              <button type="button" className="btn btn-danger btn-small" disabled={remove.isPending} onClick={() => remove.mutate()}>
                Disconnect {channel.name}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
              Disconnect…
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}

function ChannelList() {
  const canEdit = hasRole(useUser(), 'editor');
  const channels = useChannels();
  // The consent page is Google's: the browser leaves the studio and comes back to /channels?channel=<id>.
  const connect = useMutation({
    mutationFn: () => post<{ url: string }>('/api/channels/oauth/start', { returnTo: '/channels' }),
    onSuccess: ({ url }) => window.location.assign(url),
  });
  return (
    <div className="stack">
      <CallbackOutcome />
      {canEdit ? (
        <div className="row">
          <button type="button" className="btn btn-primary" disabled={connect.isPending || connect.isSuccess} onClick={() => connect.mutate()}>
            Connect a channel
          </button>
          <span className="muted small">You sign in with Google and allow uploads; videogen stores the token encrypted.</span>
        </div>
      ) : null}
      <ErrorBanner error={connect.error} />
      <ErrorBanner error={channels.error} />
      {channels.isPending ? <Spinner /> : null}
      {channels.data && channels.data.channels.length === 0 ? <Empty>No channel is connected yet.</Empty> : null}
      {channels.data?.channels.length ? (
        <ul className="publish-cards" aria-label="Connected channels">
          {channels.data.channels.map((c) => (
            <ChannelCard key={c.id} channel={c} canEdit={canEdit} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function ChannelsPage() {
  return (
    <Page title="Channels" description="YouTube channels your videos are published to.">
      <CapabilityGate need="publishing" what="Publishing">
        <ChannelList />
      </CapabilityGate>
    </Page>
  );
}

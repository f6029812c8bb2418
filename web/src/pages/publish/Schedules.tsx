import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { del, get, patch } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Page } from '../../ui/Page.tsx';
import { formatDate } from '../../ui/format.ts';
import { CapabilityGate } from './CapabilityGate.tsx';
import { ScheduleForm } from './ScheduleForm.tsx';
import { channelName, useChannels } from './queries.ts';
import type { Schedule, ScheduleDetail } from './types.ts';
import './publish.css';

function ScheduleCard({ schedule, channel, canEdit, onEdit }: { schedule: Schedule; channel: string; canEdit: boolean; onEdit: () => void }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  // The detail says what the rule means and which topic each coming slot takes.
  const detail = useQuery({ queryKey: ['schedules', schedule.id, schedule.nextRunAt, schedule.enabled], queryFn: ({ signal }) => get<ScheduleDetail>(`/api/schedules/${schedule.id}`, signal) });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['schedules'] });
    await queryClient.invalidateQueries({ queryKey: ['calendar'] });
  };
  const toggle = useMutation({ mutationFn: () => patch(`/api/schedules/${schedule.id}`, { enabled: !schedule.enabled }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => del(`/api/schedules/${schedule.id}`), onSuccess: refresh });
  const upcoming = detail.data?.upcoming.slice(0, 3) ?? [];
  return (
    <li className="card stack">
      <div className="row publish-spread">
        <h2 className="publish-card-title">{schedule.name}</h2>
        {schedule.enabled ? (schedule.nextRunAt ? <span className="badge badge-ok">Active</span> : <span className="badge">Finished</span>) : <span className="badge badge-warn">Paused</span>}
      </div>
      <p className="small">
        <code>{schedule.rule}</code>
        {detail.data ? <span className="muted"> — {detail.data.description}</span> : null}
      </p>
      <p className="small muted">
        {schedule.format === 'video' ? 'Video (16:9)' : 'Short'} · {channel}
        {schedule.publish?.privacy ? ` · ${schedule.publish.privacy}` : ''} · missed slots: {schedule.catchUp === 'once' ? 'make the latest once' : 'skip'}
        {schedule.generator ? ` · niche ${schedule.generator.niche}` : ''}
        {schedule.topics ? ` · ${schedule.topicIndex} of ${schedule.topics.length} topics used` : ''}
      </p>
      <ErrorBanner error={detail.error} />
      {upcoming.length ? (
        <div>
          <h3 className="small">Next</h3>
          <ul className="publish-upcoming">
            {upcoming.map((u) => (
              <li key={u.at} className="small">
                <time dateTime={u.at}>{formatDate(u.at)}</time> — {u.topic ?? 'no topic left'}
              </li>
            ))}
          </ul>
        </div>
      ) : detail.data && !schedule.enabled ? null : detail.data ? (
        <p className="small muted">Nothing left to make.</p>
      ) : null}
      <ErrorBanner error={toggle.error ?? remove.error} />
      {canEdit ? (
        <div className="row">
          <button type="button" className="btn btn-small" onClick={onEdit}>
            Edit<span className="visually-hidden"> {schedule.name}</span>
          </button>
          <button type="button" className="btn btn-small" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
            {schedule.enabled ? 'Pause' : 'Resume'}
            <span className="visually-hidden"> {schedule.name}</span>
          </button>
          {confirming ? (
            <>
              <button type="button" className="btn btn-small btn-danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
                Delete {schedule.name}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
              Delete…<span className="visually-hidden"> {schedule.name}</span>
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}

function ScheduleList() {
  const canEdit = hasRole(useUser(), 'editor');
  const [editing, setEditing] = useState<Schedule | 'new' | undefined>(undefined);
  const channels = useChannels();
  const schedules = useQuery({ queryKey: ['schedules'], queryFn: ({ signal }) => get<{ schedules: Schedule[] }>('/api/schedules', signal) });
  return (
    <div className="stack">
      {canEdit && editing === undefined ? (
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            New schedule
          </button>
        </div>
      ) : null}
      {editing !== undefined ? <ScheduleForm key={editing === 'new' ? 'new' : editing.id} {...(editing === 'new' ? {} : { schedule: editing })} onDone={() => setEditing(undefined)} /> : null}
      <ErrorBanner error={schedules.error} />
      {schedules.isPending ? <Spinner /> : null}
      {schedules.data && schedules.data.schedules.length === 0 ? <Empty>No schedule yet. A schedule makes a video from the next topic at every slot and publishes it.</Empty> : null}
      {schedules.data?.schedules.length ? (
        <ul className="publish-cards" aria-label="Schedules">
          {schedules.data.schedules.map((s) => (
            <ScheduleCard key={s.id} schedule={s} channel={channelName(channels.data?.channels, s.channelId)} canEdit={canEdit} onEdit={() => setEditing(s)} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SchedulesPage() {
  return (
    <Page title="Schedules" description="Recurring plans: a topic per slot, made into a video and published.">
      <CapabilityGate need="schedules" what="Scheduling">
        <ScheduleList />
      </CapabilityGate>
    </Page>
  );
}

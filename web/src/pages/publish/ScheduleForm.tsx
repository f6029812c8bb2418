import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useMemo, useState, type FormEvent } from 'react';
import { patch, post } from '../../api/client.ts';
import { ErrorBanner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatDate } from '../../ui/format.ts';
import { useChannels } from './queries.ts';
import { localZone, previewRule } from './rule-preview.ts';
import type { CatchUp, Privacy, Schedule } from './types.ts';

/** The niches of src/sources/short/niches.ts (a generated topic per slot). */
const NICHES = ['meditation', 'motivation', 'facts', 'stories', 'education', 'tech', 'finance', 'health', 'philosophy', 'history'] as const;

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** Create a schedule, or edit one (what PATCH can change: name, rule, zone, topics, catch-up). */
export function ScheduleForm({ schedule, onDone }: { schedule?: Schedule; onDone: () => void }) {
  const queryClient = useQueryClient();
  const channels = useChannels();
  const editing = schedule !== undefined;
  const [name, setName] = useState(schedule?.name ?? '');
  const [rule, setRule] = useState(schedule?.rule ?? 'every weekday at 09:00');
  const [timezone, setTimezone] = useState(schedule?.timezone ?? localZone());
  const [channel, setChannel] = useState(schedule?.channelId ?? '');
  const [topics, setTopics] = useState((schedule?.topics ?? []).join('\n'));
  const [niche, setNiche] = useState(schedule?.generator?.niche ?? '');
  const [format, setFormat] = useState<'short' | 'video'>(schedule?.format ?? 'short');
  const [privacy, setPrivacy] = useState<Privacy>(schedule?.publish?.privacy ?? 'private');
  const [catchUp, setCatchUp] = useState<CatchUp>(schedule?.catchUp ?? 'once');
  const deferredRule = useDeferredValue(rule);
  const preview = useMemo(() => previewRule(deferredRule, timezone), [deferredRule, timezone]);
  const usable = channels.data?.channels.filter((c) => !c.revoked) ?? [];
  const topicList = lines(topics);
  const needsTopics = !editing && topicList.length === 0 && !niche;

  const save = useMutation({
    mutationFn: () => {
      if (editing) {
        return patch(`/api/schedules/${schedule.id}`, {
          ...(name.trim() !== schedule.name ? { name: name.trim() } : {}),
          ...(rule.trim() !== schedule.rule ? { rule: rule.trim() } : {}),
          ...(timezone !== schedule.timezone ? { timezone } : {}),
          ...(topicList.length && topicList.join('\n') !== (schedule.topics ?? []).join('\n') ? { topics: topicList } : {}),
          ...(catchUp !== schedule.catchUp ? { catchUp } : {}),
        });
      }
      return post('/api/schedules', {
        name: name.trim(),
        rule: rule.trim(),
        timezone,
        ...(channel ? { channel, publish: { privacy } } : {}),
        ...(topicList.length ? { topics: topicList } : {}),
        ...(niche ? { generator: { niche } } : {}),
        format,
        catchUp,
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['schedules'] });
      await queryClient.invalidateQueries({ queryKey: ['calendar'] });
      onDone();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form className="card stack" onSubmit={submit} aria-label={editing ? `Edit ${schedule.name}` : 'New schedule'}>
      <h2>{editing ? `Edit ${schedule.name}` : 'New schedule'}</h2>
      <div className="grid publish-form-grid">
        <Field label="Name">
          <input type="text" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <Field label="Time zone" hint="For rules that name none.">
          <input type="text" value={timezone} onChange={(e) => setTimezone(e.target.value)} />
        </Field>
        <Field
          label="When"
          className="publish-span"
          hint="e.g. every weekday at 09:00 · every monday and thursday at 18:30 · every 2 hours · 0 9 * * 1-5 · 2026-12-24T18:00:00Z"
          error={preview.ok ? undefined : preview.message}
        >
          <input type="text" required value={rule} onChange={(e) => setRule(e.target.value)} />
        </Field>
      </div>
      {preview.ok ? (
        <p className="small publish-preview" aria-live="polite">
          <strong>{preview.description}.</strong> Next: {preview.next.map((d) => formatDate(d.toISOString())).join(' · ')}
        </p>
      ) : null}
      <div className="grid publish-form-grid">
        <Field label="Channel" hint={editing ? 'Fixed once created.' : 'Without one, videos are made but not published.'}>
          <select value={channel} disabled={editing} onChange={(e) => setChannel(e.target.value)}>
            <option value="">No channel — only make videos</option>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Privacy">
          <select value={privacy} disabled={editing || !channel} onChange={(e) => setPrivacy(e.target.value as Privacy)}>
            <option value="private">Private</option>
            <option value="unlisted">Unlisted</option>
            <option value="public">Public</option>
          </select>
        </Field>
        <Field label="Topics" className="publish-span" hint={editing ? 'One per line. A new list starts again at its first topic.' : 'One per line, taken in order, one per slot.'} error={needsTopics && save.isError ? 'Give topics or a niche.' : undefined}>
          <textarea rows={4} value={topics} onChange={(e) => setTopics(e.target.value)} />
        </Field>
        <Field label="Niche" hint="Suggests a topic for every slot (also once the list runs out).">
          <select value={niche} disabled={editing} onChange={(e) => setNiche(e.target.value)}>
            <option value="">None</option>
            {NICHES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Format">
          <select value={format} disabled={editing} onChange={(e) => setFormat(e.target.value as 'short' | 'video')}>
            <option value="short">Short (vertical)</option>
            <option value="video">Video (16:9)</option>
          </select>
        </Field>
        <Field label="Missed slots" hint="When every server was down at a slot.">
          <select value={catchUp} onChange={(e) => setCatchUp(e.target.value as CatchUp)}>
            <option value="once">Make the latest missed one, once</option>
            <option value="skip">Skip them</option>
          </select>
        </Field>
      </div>
      <ErrorBanner error={save.error} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || needsTopics || !preview.ok}>
          {editing ? 'Save changes' : 'Create schedule'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        {needsTopics ? <span className="small muted">Give topics or a niche.</span> : null}
      </div>
    </form>
  );
}

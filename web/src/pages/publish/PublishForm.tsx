import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { post } from '../../api/client.ts';
import { Banner, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatDate } from '../../ui/format.ts';
import { estimateUnits } from './quota-estimate.ts';
import { languagesOf, useChannels, useFinishedJobs, useQuota } from './queries.ts';
import type { Privacy } from './types.ts';

const units = new Intl.NumberFormat();

/** "a, b ,c" → ["a","b","c"]. */
const splitTags = (text: string) => text.split(',').map((t) => t.trim()).filter(Boolean);

/** Publish a finished job's video to a channel, with the quota it will cost shown before confirming. */
export function PublishForm({ initialJobId, onDone }: { initialJobId?: string | undefined; onDone: () => void }) {
  const queryClient = useQueryClient();
  const jobs = useFinishedJobs();
  const channels = useChannels();
  const quota = useQuota();
  const [jobId, setJobId] = useState(initialJobId ?? '');
  const [channelId, setChannelId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [privacy, setPrivacy] = useState<Privacy>('private');
  const [publishAt, setPublishAt] = useState('');
  const [perLanguage, setPerLanguage] = useState(false);
  const [chosen, setChosen] = useState<string[] | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);

  const usable = channels.data?.channels.filter((c) => !c.revoked) ?? [];
  const job = jobs.data?.find((j) => j.id === jobId) ?? jobs.data?.[0];
  const channel = usable.find((c) => c.id === channelId) ?? usable[0];
  const jobLanguages = languagesOf(job);
  const languages = chosen?.filter((l) => jobLanguages.includes(l)) ?? jobLanguages;
  const estimate = estimateUnits({ languages: languages.length || 1, perLanguage: perLanguage && jobLanguages.length > 0, playlist: false });
  const left = quota.data?.quota.find((q) => q.project === channel?.project);

  const publish = useMutation({
    mutationFn: () => {
      const metadata = {
        ...(title.trim() && !perLanguage ? { title: title.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(splitTags(tags).length ? { tags: splitTags(tags) } : {}),
      };
      return post('/api/publications', {
        jobId: job!.id,
        channel: channel!.id,
        privacy: publishAt ? 'private' : privacy,
        // datetime-local is the browser's local time; the API wants a zone, so send the instant in UTC.
        ...(publishAt ? { publishAt: new Date(publishAt).toISOString() } : {}),
        ...(Object.keys(metadata).length ? { metadata } : {}),
        ...(jobLanguages.length && perLanguage ? { perLanguage: true } : {}),
        ...(jobLanguages.length && chosen && languages.length < jobLanguages.length ? { languages } : {}),
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['publications'] });
      await queryClient.invalidateQueries({ queryKey: ['quota'] });
      onDone();
    },
  });

  if (jobs.isPending || channels.isPending) return <Spinner />;
  if (jobs.error || channels.error) return <ErrorBanner error={jobs.error ?? channels.error} />;
  if (!jobs.data.length) return <Banner tone="info">No finished video yet: render one first (New video), then publish it here.</Banner>;
  if (!usable.length) return <Banner tone="info">Connect a channel first (Channels).</Banner>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirming) setConfirming(true);
    else publish.mutate();
  };
  // Any change after "Review" asks for confirmation again, so the estimate confirmed is the one sent.
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setConfirming(false);
  };

  return (
    <form className="card stack" onSubmit={submit} aria-label="Publish a video">
      <h2>Publish a video</h2>
      <div className="grid publish-form-two">
        <Field label="Video">
          <select value={job?.id ?? ''} onChange={(e) => changed(setJobId)(e.target.value)}>
            {jobs.data.map((j) => (
              <option key={j.id} value={j.id}>
                {(j.title ?? 'Untitled') + (j.finishedAt ? ` — ${formatDate(j.finishedAt)}` : '')}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Channel">
          <select value={channel?.id ?? ''} onChange={(e) => changed(setChannelId)(e.target.value)}>
            {usable.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Title" className="publish-span" hint={perLanguage ? 'Each language uses the title of its own render.' : 'Leave empty to use the video’s own title.'}>
          <input type="text" maxLength={100} value={title} disabled={perLanguage} onChange={(e) => changed(setTitle)(e.target.value)} />
        </Field>
        <Field label="Description" hint="Leave empty to use the video’s description with its chapters." className="publish-span">
          <textarea rows={3} value={description} onChange={(e) => changed(setDescription)(e.target.value)} />
        </Field>
        <Field label="Tags" hint="Comma-separated." className="publish-span">
          <input type="text" value={tags} onChange={(e) => changed(setTags)(e.target.value)} />
        </Field>
        <Field label="Privacy" hint={publishAt ? 'A scheduled release is uploaded private; YouTube makes it public at that time.' : undefined}>
          <select value={publishAt ? 'private' : privacy} disabled={Boolean(publishAt)} onChange={(e) => changed(setPrivacy)(e.target.value as Privacy)}>
            <option value="private">Private</option>
            <option value="unlisted">Unlisted</option>
            <option value="public">Public</option>
          </select>
        </Field>
        <Field label="Release at (optional)" hint="Your local time. Empty: released when the upload is done.">
          <input type="datetime-local" value={publishAt} onChange={(e) => changed(setPublishAt)(e.target.value)} />
        </Field>
      </div>
      {jobLanguages.length ? (
        <fieldset className="stack publish-fieldset">
          <legend>Languages</legend>
          <div className="row">
            {jobLanguages.map((l) => (
              <label key={l} className="row small">
                <input
                  type="checkbox"
                  checked={languages.includes(l)}
                  onChange={(e) => changed(setChosen)(e.target.checked ? [...languages, l] : languages.filter((x) => x !== l))}
                />
                {l}
              </label>
            ))}
          </div>
          <label className="row small">
            <input type="checkbox" checked={perLanguage} onChange={(e) => changed(setPerLanguage)(e.target.checked)} />
            One video per language (otherwise one video with every language’s captions and localized title)
          </label>
        </fieldset>
      ) : null}
      <p className="small" aria-live="polite">
        Estimated quota: <strong>{units.format(estimate)} units</strong>
        {left ? ` of ${units.format(left.remaining)} left today (resets ${formatDate(left.resetsAt)})` : ''}.
        {left && estimate > left.remaining ? ' It will wait for the next quota day.' : ''}
      </p>
      {jobLanguages.length && languages.length === 0 ? <Banner tone="warn">Choose at least one language.</Banner> : null}
      <ErrorBanner error={publish.error} />
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={publish.isPending || (jobLanguages.length > 0 && languages.length === 0)}>
          {confirming ? 'Confirm and publish' : 'Review'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        {confirming ? <span className="small">Uploads “{title.trim() || job?.title || 'Untitled'}” to {channel?.name}.</span> : null}
      </div>
    </form>
  );
}

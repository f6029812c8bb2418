import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { get, post, put } from '../../api/client.ts';
import { Banner, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { specTexts, withTexts } from './spec-texts.ts';
import type { Job, Review as ReviewAnswer, Translation } from './types.ts';

type Spec = Record<string, unknown>;

const names = new Intl.DisplayNames(undefined, { type: 'language' });
/** "Spanish (es)": the code alone is not what most reviewers read. */
const languageName = (code: string) => {
  try {
    return `${names.of(code) ?? code} (${code})`;
  } catch {
    return code;
  }
};

/** One language: each translated text next to its source, editable while pending. */
function LanguageReview({ jobId, translation, source }: { jobId: string; translation: Translation; source: Spec | undefined }) {
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const texts = specTexts(translation.spec);
  const sourceTexts = new Map(source ? specTexts(source).map((t) => [t.path, t.value]) : []);
  const pending = translation.state === 'pending';
  const dirty = Object.keys(edits).length > 0;
  const save = useMutation({
    mutationFn: () => put<Translation>(`/api/jobs/${jobId}/translations/${translation.language}`, { spec: withTexts(translation.spec, edits) }),
    onSuccess: async () => {
      setEdits({});
      await queryClient.invalidateQueries({ queryKey: ['review', jobId] });
    },
  });
  const rtl = ['ar', 'he', 'fa', 'ur'].includes(translation.language.split('-')[0]!);
  return (
    <div className="stack">
      <p className="small muted">
        Translated by {translation.translatedBy} · {pending ? 'pending' : 'approved'}
      </p>
      <div className="publish-review">
        <div className="publish-review-head" aria-hidden="true">
          <span>Source</span>
          <span>{languageName(translation.language)}</span>
        </div>
        {texts.map((t) => (
          <div key={t.path} className="publish-review-row">
            <div className="publish-review-source">
              <span className="small muted">{t.label}</span>
              <p lang={typeof source?.language === 'string' ? source.language : undefined}>{sourceTexts.get(t.path) ?? '—'}</p>
            </div>
            <label className="publish-review-target">
              <span className="visually-hidden">
                {t.label} in {translation.language}
              </span>
              <textarea
                lang={translation.language}
                dir={rtl ? 'rtl' : 'auto'}
                rows={Math.min(6, Math.max(1, Math.ceil((edits[t.path] ?? t.value).length / 60)))}
                value={edits[t.path] ?? t.value}
                readOnly={!pending}
                onChange={(e) => setEdits({ ...edits, [t.path]: e.target.value })}
              />
            </label>
          </div>
        ))}
      </div>
      <ErrorBanner error={save.error} />
      {pending ? (
        <div className="row">
          <button type="button" className="btn" disabled={!dirty || save.isPending} onClick={() => save.mutate()}>
            Save {translation.language} changes
          </button>
          {dirty ? (
            <button type="button" className="btn btn-small" onClick={() => setEdits({})}>
              Undo changes
            </button>
          ) : null}
          {save.isSuccess && !dirty ? <span className="small" role="status">Saved.</span> : null}
        </div>
      ) : null}
    </div>
  );
}

/** The review of one job: a tab per language, then approve them all (the job wakes and renders them). */
export function Review({ jobId }: { jobId: string }) {
  const queryClient = useQueryClient();
  const [tab, setTab] = useState(0);
  const review = useQuery({ queryKey: ['review', jobId], queryFn: ({ signal }) => get<ReviewAnswer>(`/api/jobs/${jobId}/translations`, signal) });
  const job = useQuery({ queryKey: ['jobs', jobId], queryFn: ({ signal }) => get<Job>(`/api/jobs/${jobId}`, signal) });
  const approve = useMutation({
    mutationFn: () => post<ReviewAnswer>(`/api/jobs/${jobId}/translations/approve`),
    onSuccess: async (answer) => {
      queryClient.setQueryData(['review', jobId], answer);
      await queryClient.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
  if (review.isPending) return <Spinner />;
  if (review.error) return <ErrorBanner error={review.error} />;
  const { translations, waiting } = review.data;
  const source = (job.data?.input as { spec?: Spec } | undefined)?.spec;
  const current = translations[Math.min(tab, translations.length - 1)];
  const onKey = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = (tab + step + translations.length) % translations.length;
    setTab(next);
    document.getElementById(`review-tab-${next}`)?.focus();
  };
  return (
    <section className="card stack" aria-labelledby="review-title">
      <h2 id="review-title">Review: {review.data.job.title ?? 'Untitled'}</h2>
      <ErrorBanner error={job.error} />
      {translations.length === 0 ? <Banner tone="info">The job is still translating; its texts appear here when it waits for review.</Banner> : null}
      {translations.length ? (
        <>
          <div className="tabs" role="tablist" aria-label="Languages" onKeyDown={onKey}>
            {translations.map((t, i) => (
              <button key={t.language} id={`review-tab-${i}`} type="button" role="tab" aria-selected={current === t} aria-controls="review-panel" tabIndex={current === t ? 0 : -1} onClick={() => setTab(i)}>
                {languageName(t.language)}
                {t.translatedBy.endsWith('(edited)') ? ' · edited' : ''}
              </button>
            ))}
          </div>
          <div id="review-panel" role="tabpanel" aria-labelledby={`review-tab-${translations.indexOf(current!)}`}>
            <LanguageReview key={`${current!.language}-${current!.updatedAt}`} jobId={jobId} translation={current!} source={source} />
          </div>
        </>
      ) : null}
      <ErrorBanner error={approve.error} />
      {waiting ? (
        <div className="row">
          <button type="button" className="btn btn-primary" disabled={approve.isPending} onClick={() => approve.mutate()}>
            Approve all and render
          </button>
          <span className="small muted">Unsaved changes are not included: save each language first.</span>
        </div>
      ) : translations.length && translations.every((t) => t.state === 'approved') ? (
        <Banner tone="ok">
          Approved. The job renders the approved texts: <Link to={`/jobs/${jobId}`}>follow it</Link>.
        </Banner>
      ) : null}
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Page } from '../../ui/Page.tsx';
import { formatRelative } from '../../ui/format.ts';
import { CapabilityGate } from './CapabilityGate.tsx';
import { languagesOf } from './queries.ts';
import { Review } from './Review.tsx';
import type { Job, Language, Review as ReviewAnswer, TranslationProvider } from './types.ts';
import './publish.css';

/** A review job and where it stands: translating (no texts yet) or waiting for the review. */
interface ReviewJob {
  job: Job;
  translating: boolean;
}

/**
 * Jobs made with review: true that wait for it. GET /api/jobs has no "waiting for review" filter, so the queued and
 * running review jobs are listed and each one's review asked whether it waits (an approved job renders, also queued).
 */
function useReviewJobs() {
  return useQuery({
    queryKey: ['jobs', 'queued', 'review'],
    queryFn: async ({ signal }): Promise<ReviewJob[]> => {
      const jobs = (await get<{ jobs: Job[] }>('/api/jobs?state=queued,running&limit=100', signal)).jobs.filter((j) => j.options.review === true);
      const reviews = await Promise.all(jobs.slice(0, 20).map((job) => get<ReviewAnswer>(`/api/jobs/${job.id}/translations`, signal).then((review) => ({ job, review }))));
      return reviews.filter(({ review }) => review.waiting || review.translations.length === 0).map(({ job, review }) => ({ job, translating: !review.waiting }));
    },
    refetchInterval: 5000,
  });
}

function WaitingForReview() {
  const jobs = useReviewJobs();
  return (
    <section className="stack" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Waiting for translation review</h2>
      <ErrorBanner error={jobs.error} />
      {jobs.isPending ? <Spinner /> : null}
      {jobs.data && jobs.data.length === 0 ? <Empty>No job waits for review. Ask for a review when you create a video in several languages.</Empty> : null}
      {jobs.data?.length ? (
        <ul className="publish-cards" aria-label="Jobs waiting for review">
          {jobs.data.map(({ job: j, translating }) => (
            <li key={j.id} className="card stack">
              <h3 className="publish-card-title">{j.title ?? 'Untitled'}</h3>
              <p className="small muted">
                {languagesOf(j).join(', ')} · {translating ? 'translating…' : `translated, waiting for you · made ${formatRelative(j.createdAt)}`}
              </p>
              {translating ? null : (
                <Link className="btn btn-small publish-self-start" to={`/multilingual?review=${j.id}`}>
                  Review<span className="visually-hidden"> {j.title ?? 'Untitled'}</span>
                </Link>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function LanguagesAndProviders() {
  const languages = useQuery({ queryKey: ['languages'], queryFn: ({ signal }) => get<{ languages: Language[] }>('/api/languages', signal), staleTime: Infinity });
  const providers = useQuery({ queryKey: ['translation-providers'], queryFn: ({ signal }) => get<{ providers: TranslationProvider[] }>('/api/translation-providers', signal), staleTime: 60_000 });
  const configured = providers.data?.providers.filter((p) => p.configured) ?? [];
  return (
    <div className="publish-two stack">
      <section className="card stack" aria-labelledby="providers-title">
        <h2 id="providers-title">Translation providers</h2>
        <ErrorBanner error={providers.error} />
        {providers.isPending ? <Spinner /> : null}
        {providers.data && configured.length === 0 ? <p className="small">No provider is set up: only the 13 languages with narration templates read well; texts on screen stay untranslated.</p> : null}
        {providers.data ? (
          <ul className="publish-providers">
            {providers.data.providers.map((p) => (
              <li key={p.id}>
                <span className={`badge ${p.configured ? 'badge-ok' : ''}`}>{p.configured ? 'Ready' : 'Off'}</span> <strong>{p.label}</strong>
                <span className="small muted">
                  {' '}
                  {p.configured ? (p.pairs.includes('*') ? 'any pair' : `${p.pairs.length} pairs: ${p.pairs.slice(0, 6).join(', ')}${p.pairs.length > 6 ? '…' : ''}`) : (p.reason ?? '')}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section className="card stack" aria-labelledby="languages-title">
        <h2 id="languages-title">Languages</h2>
        <ErrorBanner error={languages.error} />
        {languages.isPending ? <Spinner /> : null}
        {languages.data ? (
          <div className="table-wrap publish-languages" tabIndex={0} role="region" aria-label="Languages table">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Language</th>
                  <th scope="col">Code</th>
                  <th scope="col">Narration templates</th>
                </tr>
              </thead>
              <tbody>
                {languages.data.languages.map((l) => (
                  <tr key={l.code}>
                    <td>
                      {l.name}{' '}
                      <span className="muted" lang={l.code} dir={l.rtl ? 'rtl' : undefined}>
                        {l.nativeName !== l.name ? l.nativeName : ''}
                      </span>
                    </td>
                    <td>
                      <code>{l.code}</code>
                    </td>
                    <td>{l.narrationTemplates ? 'Yes' : 'Translated from English'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function MultilingualHome() {
  const canEdit = hasRole(useUser(), 'editor');
  const [params] = useSearchParams();
  const reviewing = params.get('review');
  if (reviewing) {
    return (
      <div className="stack">
        <Link to="/multilingual">
          <span aria-hidden="true">‹ </span>All jobs waiting for review
        </Link>
        <Review jobId={reviewing} />
      </div>
    );
  }
  return (
    <div className="stack">
      {canEdit ? (
        <div className="row">
          <Link className="btn btn-primary" to="/create?languages=en,es&review=1">
            New video in several languages
          </Link>
        </div>
      ) : null}
      {canEdit ? <WaitingForReview /> : null}
      <LanguagesAndProviders />
    </div>
  );
}

export function MultilingualPage() {
  return (
    <Page title="Multilingual" description="One video in many languages: what this server can translate and narrate, and translations waiting for your review.">
      <CapabilityGate need="multilingual" what="Multilingual rendering">
        <MultilingualHome />
      </CapabilityGate>
    </Page>
  );
}

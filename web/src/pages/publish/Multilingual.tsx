// OWNER: helper h6
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
import type { Job, Language, TranslationProvider } from './types.ts';
import './publish.css';

/**
 * Jobs made with review: true that wait for it. A waiting job is queued with its translations stored; the list asks
 * the queued review jobs (GET /api/jobs has no "waiting for review" filter) and shows them with their languages.
 */
function useReviewJobs(enabled: boolean) {
  return useQuery({
    queryKey: ['jobs', 'queued', 'review'],
    queryFn: async ({ signal }) => (await get<{ jobs: Job[] }>('/api/jobs?state=queued,running&limit=100', signal)).jobs.filter((j) => j.options.review === true),
    enabled,
    refetchInterval: 5000,
  });
}

function WaitingForReview() {
  const jobs = useReviewJobs(true);
  return (
    <section className="stack" aria-labelledby="waiting-title">
      <h2 id="waiting-title">Waiting for translation review</h2>
      <ErrorBanner error={jobs.error} />
      {jobs.isPending ? <Spinner /> : null}
      {jobs.data && jobs.data.length === 0 ? <Empty>No job waits for review. Ask for a review when you create a video in several languages.</Empty> : null}
      {jobs.data?.length ? (
        <ul className="publish-cards" aria-label="Jobs waiting for review">
          {jobs.data.map((j) => (
            <li key={j.id} className="card stack">
              <h3 className="publish-card-title">{j.title ?? 'Untitled'}</h3>
              <p className="small muted">
                {languagesOf(j).join(', ')} · {j.state === 'running' ? 'translating' : 'translated'} {formatRelative(j.createdAt)}
              </p>
              <Link className="btn btn-small" to={`/multilingual?review=${j.id}`}>
                Review<span className="visually-hidden"> {j.title ?? 'Untitled'}</span>
              </Link>
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

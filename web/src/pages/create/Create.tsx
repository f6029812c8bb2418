import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { stringify } from 'yaml';
import { ApiError, post } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { saveDraft } from '../../builder/draft-store.ts';
import { Banner, ErrorBanner } from '../../ui/Banner.tsx';
import { Page } from '../../ui/Page.tsx';
import { DocumentSource } from './DocumentSource.tsx';
import { SOURCE_OPTION_NAMES } from './option-choices.ts';
import { OptionsForm } from './OptionsForm.tsx';
import { PlanView } from './PlanView.tsx';
import { ProblemList, type Problem } from './ProblemList.tsx';
import { EMPTY_DRAFTS, sourceInput, type SourceDrafts, type SourceKind } from './source-input.ts';
import { SourceTabs, type SourceTab } from './SourceTabs.tsx';
import { SpecSource } from './SpecSource.tsx';
import { TextSource } from './TextSource.tsx';
import { TopicSource } from './TopicSource.tsx';
import type { CreateInput, CreateOptions, Plan } from './types.ts';
import { UrlSource } from './UrlSource.tsx';
import { YoutubeSource } from './YoutubeSource.tsx';
import './create.css';

const TABS: readonly SourceTab<SourceKind>[] = [
  { id: 'document', label: 'Document' },
  { id: 'text', label: 'Paste text' },
  { id: 'url', label: 'URL' },
  { id: 'youtube', label: 'YouTube' },
  { id: 'spec', label: 'YAML spec' },
  { id: 'topic', label: 'Topic' },
];

/** Spec problems from a 422 SPEC_INVALID (details.problems), shown with their paths. */
function problemsOf(error: unknown): Problem[] | undefined {
  if (!(error instanceof ApiError) || error.code !== 'SPEC_INVALID') return undefined;
  const problems = (error.details as { problems?: Problem[] } | undefined)?.problems;
  return problems?.length ? problems : undefined;
}

type CreateBody = CreateInput & { options?: CreateOptions };

interface DocumentPreview {
  recommendations: string[];
}

/**
 * The plan (POST /api/videos/plan), and for documents and pasted text the document preview's advice too (POST
 * /api/documents/preview: "add ## headings", "short document"), asked in parallel.
 */
async function planWithAdvice(body: CreateBody): Promise<Plan & { advice: string[] }> {
  const document = 'source' in body && ('uploadId' in body.source || 'text' in body.source) ? body.source : undefined;
  const sourceOptions = body.options ? Object.fromEntries(Object.entries(body.options).filter(([key]) => SOURCE_OPTION_NAMES.includes(key))) : {};
  const [plan, preview] = await Promise.all([
    post<Plan>('/api/videos/plan', body),
    document ? post<DocumentPreview>('/api/documents/preview', { document, ...(Object.keys(sourceOptions).length ? { options: sourceOptions } : {}) }) : undefined,
  ]);
  return { ...plan, advice: preview?.recommendations ?? [] };
}

/** New video: a source (six ways in), options, the plan (nothing rendered yet), then the builder or a render job. */
export function CreatePage() {
  const user = useUser();
  const navigate = useNavigate();
  const [kind, setKind] = useState<SourceKind>('document');
  const [drafts, setDrafts] = useState<SourceDrafts>(EMPTY_DRAFTS);
  const [options, setOptions] = useState<CreateOptions>({});
  const [chosen, setChosen] = useState(0);
  const source = sourceInput(kind, drafts);
  const body = 'input' in source ? { ...source.input, ...(Object.keys(options).length ? { options } : {}) } : undefined;
  const bodyKey = JSON.stringify(body ?? null);
  const typedSpec = 'input' in source && 'spec' in source.input ? source.input.spec : undefined;

  const plan = useMutation({ mutationFn: (request: { body: CreateBody; key: string }) => planWithAdvice(request.body) });
  const render = useMutation({
    mutationFn: (request: unknown) => post<{ jobs: { id: string }[] }>('/api/videos', request),
    onSuccess: ({ jobs }) => void navigate(jobs.length === 1 ? `/jobs/${jobs[0]!.id}` : '/jobs'),
  });
  // A plan answers the body it was made for; after any change it is stale and hidden until planned again.
  const current = plan.data && plan.variables?.key === bodyKey ? plan.data : undefined;
  const edit = (patch: Partial<SourceDrafts>) => setDrafts((d) => ({ ...d, ...patch }));

  if (!hasRole(user, 'editor')) {
    return (
      <Page title="New video">
        <Banner tone="info">Making videos needs the editor role; you are a {user.role}. Ask an admin to change your role.</Banner>
      </Page>
    );
  }

  const openInBuilder = () => {
    const video = current?.videos[Math.min(chosen, current.videos.length - 1)];
    if (!video) return;
    saveDraft(stringify(video.spec));
    void navigate('/builder');
  };
  const planError = plan.variables?.key === bodyKey ? plan.error : undefined;
  const problems = problemsOf(planError);
  const renderProblems = problemsOf(render.error);

  return (
    <Page title="New video" description="Start from a document, text, a web page, a YouTube video, a spec or a topic. Nothing renders until you say so.">
      <div className="create-layout">
        <section className="card create-source" aria-label="Source">
          <SourceTabs tabs={TABS} selected={kind} onSelect={setKind} label="Source">
            {kind === 'document' ? <DocumentSource upload={drafts.upload} onUpload={(upload) => edit({ upload })} /> : null}
            {kind === 'text' ? <TextSource text={drafts.text} format={drafts.textFormat} onChange={(text, textFormat) => edit({ text, textFormat })} /> : null}
            {kind === 'url' ? <UrlSource url={drafts.url} onChange={(url) => edit({ url })} /> : null}
            {kind === 'youtube' ? <YoutubeSource link={drafts.youtube} onChange={(youtube) => edit({ youtube })} /> : null}
            {kind === 'spec' ? <SpecSource yaml={drafts.yaml} onChange={(yaml) => edit({ yaml })} /> : null}
            {kind === 'topic' ? <TopicSource topic={drafts.topic} format={drafts.topicFormat} onChange={(topic, topicFormat) => edit({ topic, topicFormat })} /> : null}
          </SourceTabs>
        </section>

        <section className="card create-options" aria-labelledby="create-options-heading">
          <h2 id="create-options-heading">Options</h2>
          <OptionsForm kind={kind} options={options} spec={typedSpec} onChange={setOptions} />
        </section>

        <div className="create-results stack">
          <div className="create-actions">
            <button type="button" className="btn btn-primary" disabled={!body || plan.isPending} aria-describedby="create-plan-why" onClick={() => body && plan.mutate({ body, key: bodyKey })}>
              {plan.isPending ? 'Planning…' : 'Plan video'}
            </button>
            <span id="create-plan-why" className="muted small">
              {'missing' in source ? source.missing : current ? 'Planned. Open it in the builder to edit, or render it as it is.' : 'See the videos and scenes before anything renders.'}
            </span>
          </div>

          {problems ? <ProblemList problems={problems} /> : <ErrorBanner error={planError} />}

          {current ? (
            <>
              <PlanView plan={current} chosen={chosen} onChoose={setChosen} />
              <div className="create-actions">
                <button type="button" className="btn" onClick={openInBuilder}>
                  Open in builder
                </button>
                <button type="button" className="btn btn-primary" disabled={render.isPending} onClick={() => render.mutate(body)}>
                  {render.isPending ? 'Starting…' : 'Render now'}
                </button>
                {current.videos.length > 1 ? <span className="muted small">The builder opens the chosen video; Render now makes all {current.videos.length}.</span> : null}
              </div>
              {renderProblems ? <ProblemList problems={renderProblems} /> : <ErrorBanner error={render.error} />}
            </>
          ) : null}
        </div>
      </div>
    </Page>
  );
}

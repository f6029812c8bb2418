import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, post } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { Banner, Empty, ErrorBanner, Spinner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatDate } from '../../ui/format.ts';

interface Template {
  id: string;
  name: string;
  description: string | null;
  body: unknown;
  createdAt: string;
  updatedAt: string;
}

interface Props {
  /** The document to save (what the YAML tab holds, parsed). */
  data: Record<string, unknown> | undefined;
  onLoad(body: Record<string, unknown>, name: string): void;
}

/** A spec skeleton the builder can open: a template saved from here, or any stored body with scenes. */
const isSpecBody = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && Array.isArray((body as { scenes?: unknown }).scenes);

/** Save the draft as a server-side template (POST /api/templates) and open one of yours. */
export function TemplatesPanel({ data, onLoad }: Props) {
  const user = useUser();
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const list = useQuery({ queryKey: ['templates'], queryFn: ({ signal }) => get<{ templates: Template[] }>('/api/templates', signal) });
  const save = useMutation({
    mutationFn: () => post<Template>('/api/templates', { name: name.trim(), ...(description.trim() ? { description: description.trim() } : {}), body: data }),
    onSuccess: () => {
      setName('');
      setDescription('');
      void client.invalidateQueries({ queryKey: ['templates'] });
    },
  });
  const canSave = hasRole(user, 'editor');
  return (
    <div className="stack">
      <form
        className="stack card"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && data) save.mutate();
        }}
      >
        <h2>Save as template</h2>
        <Field label="Template name" hint={canSave ? 'Saves the whole draft: video settings and scenes.' : 'Viewers cannot save templates.'}>
          <input type="text" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} disabled={!canSave} />
        </Field>
        <Field label="Template description">
          <input type="text" value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} disabled={!canSave} />
        </Field>
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!canSave || !name.trim() || !data || save.isPending}>
            Save as template
          </button>
          {save.isSuccess ? <Banner tone="ok">Saved “{save.data.name}”.</Banner> : null}
        </div>
        <ErrorBanner error={save.error} />
      </form>
      <section className="stack" aria-labelledby="builder-templates-heading">
        <h2 id="builder-templates-heading">Your templates</h2>
        {list.isPending ? <Spinner label="Loading templates" /> : null}
        <ErrorBanner error={list.error} />
        {list.data && list.data.templates.length === 0 ? <Empty>No templates yet. Save the draft above to reuse it.</Empty> : null}
        {list.data && list.data.templates.length > 0 ? (
          <ul className="builder-templates">
            {list.data.templates.map((t) => (
              <li key={t.id} className="row builder-template">
                <div className="builder-template-text">
                  <strong>{t.name}</strong>
                  <span className="small muted">
                    {t.description ? `${t.description} · ` : ''}
                    {formatDate(t.updatedAt)}
                  </span>
                </div>
                {isSpecBody(t.body) ? (
                  <button type="button" className="btn btn-small" aria-label={`Load ${t.name}`} onClick={() => onLoad(t.body as Record<string, unknown>, t.name)}>
                    Load
                  </button>
                ) : (
                  <span className="small muted">A template with variables; use it from Create.</span>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { PRESETS } from '../../../../src/media/presets.ts';
import { post } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { ErrorBanner } from '../../ui/Banner.tsx';

const QUALITY_LABELS: Record<string, string> = { draft: 'Draft', standard: 'Standard', final: 'Final' };
const PRESET_NAMES = Object.keys(PRESETS);

interface Props {
  /** The parsed document to render; undefined while the draft is invalid. */
  spec: Record<string, unknown> | undefined;
}

/** Quality + Render: POST /api/videos with the spec, then the job page. Viewers see why they cannot. */
export function RenderControls({ spec }: Props) {
  const user = useUser();
  const navigate = useNavigate();
  const [preset, setPreset] = useState('draft');
  const canRender = hasRole(user, 'editor');
  const render = useMutation({
    mutationFn: (body: unknown) => post<{ jobs: { id: string }[] }>('/api/videos', body),
    onSuccess: (answer) => {
      const job = answer.jobs[0];
      if (job) void navigate(`/jobs/${job.id}`);
    },
  });
  const reason = !canRender ? 'Viewers cannot render; ask an admin for the editor role.' : !spec ? 'Fix the problems first.' : undefined;
  return (
    <div className="builder-render stack">
      <div className="row">
        <div className="field builder-quality">
          <label htmlFor="builder-quality">Quality</label>
          <select id="builder-quality" value={preset} onChange={(e) => setPreset(e.target.value)} disabled={!canRender}>
            {PRESET_NAMES.map((name) => (
              <option key={name} value={name}>
                {QUALITY_LABELS[name] ?? name}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="btn btn-primary"
          disabled={Boolean(reason) || render.isPending}
          aria-describedby={reason ? 'builder-render-reason' : undefined}
          onClick={() => spec && render.mutate({ spec, options: { preset } })}
        >
          {render.isPending ? 'Starting…' : 'Render'}
        </button>
      </div>
      {reason ? (
        <span id="builder-render-reason" className="small muted">
          {reason}
        </span>
      ) : null}
      <ErrorBanner error={render.error} />
    </div>
  );
}

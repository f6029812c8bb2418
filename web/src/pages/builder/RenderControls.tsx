import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { renderFrame } from '../../../../src/options/frame-size.ts';
import type { OptionValues } from '../../../../src/options/table.ts';
import { post } from '../../api/client.ts';
import { hasRole, useUser } from '../../auth.tsx';
import { ErrorBanner } from '../../ui/Banner.tsx';
import { optionValue, PRESET_VALUES, RESOLUTION_VALUES, resolutionDefaultShort, type PresetName, type ResolutionName } from '../create/option-choices.ts';

/** Shorter than Create's labels: the builder's side column is narrow. */
const QUALITY_LABELS: Record<PresetName, string> = { draft: 'Draft', standard: 'Standard', final: 'Final' };

/** What this dialog sends as POST /api/videos `options`, typed by the option table. */
type RenderOptions = Pick<OptionValues, 'preset' | 'resolution'>;

interface Props {
  /** The parsed document to render; undefined while the draft is invalid. */
  spec: Record<string, unknown> | undefined;
}

/**
 * Quality, resolution + Render: POST /api/videos with the spec, then the job page. Viewers see why they cannot.
 * Resolution unset: the spec's own if it names one, else the preset's size (the one frame-size rule).
 */
export function RenderControls({ spec }: Props) {
  const user = useUser();
  const navigate = useNavigate();
  const [preset, setPreset] = useState<PresetName>('draft');
  const [resolution, setResolution] = useState<ResolutionName | undefined>(undefined);
  const aspect = optionValue('aspect', spec?.aspect) ?? '16:9';
  const specResolution = optionValue('resolution', spec?.resolution);
  // The column is narrow: short entries, and the frame the one rule gives (src/options/frame-size.ts) said below.
  const frame = renderFrame({ aspect, resolution: specResolution }, { preset, resolution });
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
          <select id="builder-quality" value={preset} onChange={(e) => setPreset(optionValue('preset', e.target.value) ?? 'draft')} disabled={!canRender}>
            {PRESET_VALUES.map((name) => (
              <option key={name} value={name}>
                {QUALITY_LABELS[name]}
              </option>
            ))}
          </select>
        </div>
        <div className="field builder-resolution">
          <label htmlFor="builder-resolution">Resolution</label>
          <select id="builder-resolution" value={resolution ?? ''} onChange={(e) => setResolution(optionValue('resolution', e.target.value))} disabled={!canRender} aria-describedby="builder-frame">
            <option value="">{resolutionDefaultShort(preset, specResolution)}</option>
            {RESOLUTION_VALUES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
      </div>
      <span id="builder-frame" className="small muted">
        Renders at {frame.width}×{frame.height} ({aspect}).
      </span>
      <button
        type="button"
        className="btn btn-primary builder-render-button"
        disabled={Boolean(reason) || render.isPending}
        aria-describedby={reason ? 'builder-render-reason' : undefined}
        onClick={() => spec && render.mutate({ spec, options: { preset, ...(resolution ? { resolution } : {}) } satisfies RenderOptions })}
      >
        {render.isPending ? 'Starting…' : 'Render'}
      </button>
      {reason ? (
        <span id="builder-render-reason" className="small muted">
          {reason}
        </span>
      ) : null}
      <ErrorBanner error={render.error} />
    </div>
  );
}

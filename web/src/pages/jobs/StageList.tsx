import { RENDER_STAGES, stageLabel } from './stages.ts';
import type { JobState } from './types.ts';

type StepState = 'done' | 'current' | 'pending';

const MARK: Record<StepState, string> = { done: '✓', current: '●', pending: '○' };
const SAID: Record<StepState, string> = { done: 'done', current: 'in progress', pending: 'to do' };

/**
 * The render pipeline as a checklist. The audio mix runs while frames render and reports no progress of its own
 * (src/queue/progress.ts), so it counts as done once muxing starts.
 */
export function StageList({ stage, state }: { stage: string | null | undefined; state: JobState }) {
  const at = RENDER_STAGES.indexOf((stage ?? '') as (typeof RENDER_STAGES)[number]);
  const stepOf = (index: number): StepState => {
    if (state === 'succeeded') return 'done';
    if (at < 0) return 'pending';
    if (index < at) return 'done';
    if (index === at) return state === 'running' ? 'current' : 'pending';
    return 'pending';
  };
  return (
    <ol className="jobs-stages" aria-label="Stages">
      {RENDER_STAGES.map((name, index) => {
        const step = stepOf(index);
        return (
          <li key={name} data-step={step} aria-current={step === 'current' ? 'step' : undefined}>
            <span aria-hidden="true" className="jobs-stage-mark">
              {MARK[step]}
            </span>
            <span>{stageLabel(name)}</span>
            <span className="visually-hidden">, {SAID[step]}</span>
          </li>
        );
      })}
    </ol>
  );
}

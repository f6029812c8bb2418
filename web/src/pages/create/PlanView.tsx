import { Banner } from '../../ui/Banner.tsx';
import { formatDuration } from '../../ui/format.ts';
import type { Plan } from './types.ts';

interface PlanViewProps {
  plan: Plan & { advice?: string[] };
  /** For a set: which video "Open in builder" opens. */
  chosen: number;
  onChoose: (index: number) => void;
}

/** What will be made, before anything renders: each video with its scenes, estimated length and the warnings. */
export function PlanView({ plan, chosen, onChoose }: PlanViewProps) {
  const several = plan.videos.length > 1;
  return (
    <section className="card stack create-plan" aria-labelledby="create-plan-heading">
      <div>
        <h2 id="create-plan-heading">Plan</h2>
        <p className="muted create-plan-total">
          {several ? `${plan.videos.length} videos, ` : ''}
          {plan.scenes} scene{plan.scenes === 1 ? '' : 's'}, about {plan.minutes.toFixed(1)} min ({formatDuration(plan.seconds)})
          {plan.budgetSeconds ? ` · target ${formatDuration(plan.budgetSeconds)}${several ? ' each' : ''}` : ''}
        </p>
      </div>
      {plan.warnings.length ? (
        <Banner tone="warn">
          <strong>Warnings</strong>
          <ul className="create-problems">
            {plan.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {plan.advice?.length ? (
        <Banner tone="info">
          <strong>Suggestions</strong>
          <ul className="create-problems">
            {plan.advice.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ul>
        </Banner>
      ) : null}
      {plan.videos.map((video, i) => (
        <article key={`${video.id}-${i}`} className="create-plan-video" aria-label={video.title}>
          <div className="create-plan-title">
            {several ? (
              <label className="create-choice">
                <input type="radio" name="plan-video" checked={chosen === i} onChange={() => onChoose(i)} />
                <h3>{video.title}</h3>
              </label>
            ) : (
              <h3>{video.title}</h3>
            )}
            <span className="muted small">
              {video.scenes} scenes · about {video.minutes.toFixed(1)} min · {video.aspect} · {video.language}
            </span>
          </div>
          <ol className="create-scenes">
            {video.perScene.map((scene, j) => (
              <li key={j}>
                <span className="badge">{scene.kind}</span>
                <span className="create-scene-title">{scene.title ?? <span className="muted">(no title)</span>}</span>
                <span className="muted small create-scene-time">{formatDuration(scene.seconds)}</span>
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}

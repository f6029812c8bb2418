import type { SpecProblem } from '../../../../src/spec/index.ts';
import { pathSegments } from '../../../../src/spec/index.ts';
import { problemLines } from '../../builder/spec-doc.ts';

interface Props {
  problems: readonly SpecProblem[];
  /** Opens the scene (or the video settings) a problem belongs to and focuses its control. */
  onShow(problem: SpecProblem, scene: number | undefined): void;
}

/** Every problem, word for word as `videogen validate` prints it; each one leads to its scene or the video settings. */
export function ProblemList({ problems, onShow }: Props) {
  if (!problems.length) return null;
  const lines = problemLines(problems);
  return (
    <section className="banner banner-error builder-problems" aria-labelledby="builder-problems-heading">
      <h2 id="builder-problems-heading">
        {problems.length} problem{problems.length === 1 ? '' : 's'} — fix {problems.length === 1 ? 'it' : 'them'} to render
      </h2>
      <ul>
        {problems.map((p, i) => {
          const [head, index] = pathSegments(p.path);
          const scene = head === 'scenes' && typeof index === 'number' ? index : undefined;
          return (
            <li key={i}>
              <button type="button" className="builder-problem" onClick={() => onShow(p, scene)}>
                {lines[i]}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

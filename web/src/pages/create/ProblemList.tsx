export interface Problem {
  path: string;
  message: string;
}

/** Spec problems as `videogen validate` prints them: the field path, then what is wrong. */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  return (
    <div className="banner banner-error" role="alert">
      <strong>
        {problems.length} problem{problems.length === 1 ? '' : 's'} in the spec
      </strong>
      <ul className="create-problems">
        {problems.map((p, i) => (
          <li key={i}>
            <code>{p.path || '(root)'}</code>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

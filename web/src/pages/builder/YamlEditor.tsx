import type { SpecProblem } from '../../../../src/spec/index.ts';

interface Props {
  yaml: string;
  readProblems: readonly SpecProblem[];
  onChange(yaml: string): void;
}

/** The draft as YAML. Every edit that parses updates the form; syntax errors are listed with their lines. */
export function YamlEditor({ yaml, readProblems, onChange }: Props) {
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor="builder-yaml">Spec YAML</label>
        <textarea
          id="builder-yaml"
          className="mono builder-yaml"
          spellCheck={false}
          rows={24}
          value={yaml}
          aria-invalid={readProblems.length ? true : undefined}
          aria-describedby={readProblems.length ? 'builder-yaml-errors' : 'builder-yaml-hint'}
          onChange={(e) => onChange(e.target.value)}
        />
        <span id="builder-yaml-hint" className="hint">
          The same text <code>videogen validate</code> and <code>videogen render</code> read. Editing the form rewrites it (comments are not kept).
        </span>
      </div>
      {readProblems.length ? (
        <div id="builder-yaml-errors" className="banner banner-error" role="alert">
          <strong>The YAML cannot be read</strong>
          <ul>
            {readProblems.map((p, i) => (
              <li key={i}>{`${p.line ? `Line ${p.line}: ` : ''}${p.message}`}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

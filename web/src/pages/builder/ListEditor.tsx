import { useRef } from 'react';
import { pathText, type Path } from '../../builder/edit.ts';
import type { FieldDef } from '../../builder/schema-fields.ts';
import { problemsAt } from '../../builder/spec-doc.ts';
import type { SpecProblem } from '../../../../src/spec/index.ts';

interface Props {
  field: FieldDef;
  path: Path;
  items: string[];
  problems: readonly SpecProblem[];
  onChange(path: Path, value: unknown): void;
  label: string;
}

/** A list of strings (bullets, options, terminal lines): one input per item, add and remove. */
export function ListEditor({ field, path, items, problems, onChange, label }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const own = problemsAt(problems, pathText(path));
  const set = (next: string[]) => onChange(path, next.length === 0 && !field.required ? undefined : next);
  const focusItem = (index: number) => requestAnimationFrame(() => listRef.current?.querySelectorAll('input')[index]?.focus());
  const hintId = `${pathText(path)}-hint`;
  return (
    <fieldset className="builder-fieldset builder-list" aria-describedby={field.hint ? hintId : undefined}>
      <legend>{label}</legend>
      {field.hint ? (
        <p id={hintId} className="hint small muted">
          {field.hint}
        </p>
      ) : null}
      {own.map((p) => (
        <p key={p.message} className="field-error small">
          {p.message}
        </p>
      ))}
      <ol ref={listRef} className="builder-list-items">
        {items.map((item, index) => {
          const itemProblems = problemsAt(problems, pathText([...path, index]), true);
          const errorId = `${pathText(path)}-${index}-error`;
          return (
            <li key={index}>
              <div className="row builder-list-row">
                <input
                  type="text"
                  data-path={pathText([...path, index])}
                  aria-label={`${label} ${index + 1}`}
                  value={item}
                  aria-invalid={itemProblems.length ? true : undefined}
                  aria-describedby={itemProblems.length ? errorId : undefined}
                  onChange={(e) => set(items.map((v, i) => (i === index ? e.target.value : v)))}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      set([...items.slice(0, index + 1), '', ...items.slice(index + 1)]);
                      focusItem(index + 1);
                    }
                  }}
                />
                <button type="button" className="btn btn-small" aria-label={`Remove ${label.toLowerCase()} ${index + 1}`} onClick={() => set(items.filter((_, i) => i !== index))}>
                  Remove
                </button>
              </div>
              {itemProblems.length ? (
                <span id={errorId} className="field-error small">
                  {itemProblems.map((p) => p.message).join('; ')}
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn btn-small"
        data-path={pathText(path)}
        onClick={() => {
          set([...items, '']);
          focusItem(items.length);
        }}
      >
        Add to {label.toLowerCase()}
      </button>
    </fieldset>
  );
}

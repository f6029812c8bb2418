import { useEffect, useState } from 'react';
import { parse, stringify } from 'yaml';
import { Field } from '../../ui/Field.tsx';
import { pathText, type Path } from '../../builder/edit.ts';
import type { FieldDef } from '../../builder/schema-fields.ts';
import { problemsAt } from '../../builder/spec-doc.ts';
import type { SpecProblem } from '../../../../src/spec/index.ts';

interface Props {
  field: FieldDef;
  path: Path;
  value: unknown;
  problems: readonly SpecProblem[];
  onChange(path: Path, value: unknown): void;
  label: string;
}

const show = (value: unknown) => (value === undefined ? '' : stringify(value, { lineWidth: 0 }).trimEnd());

/**
 * Shapes the form has no control for (a background that may be a colour, a picture or stock footage; tuples) are
 * edited as a small YAML snippet, so they stay editable instead of being dropped from the form.
 */
export function RawField({ field, path, value, problems, onChange, label }: Props) {
  const [text, setText] = useState(() => show(value));
  const [syntax, setSyntax] = useState<string>();
  // Follow edits from elsewhere (YAML tab, undo) unless the text here already means the same value.
  useEffect(() => {
    setText((current) => {
      try {
        if (JSON.stringify(parse(current) ?? undefined) === JSON.stringify(value)) return current;
      } catch {
        // the local text is mid-edit and unparsable; the document changed elsewhere, so show the document
      }
      return show(value);
    });
  }, [value]);
  const schemaError = problemsAt(problems, pathText(path), true)
    .map((p) => (p.path === pathText(path) ? p.message : `${p.path.slice(pathText(path).length).replace(/^\./, '')}: ${p.message}`))
    .join('; ');
  return (
    <Field label={label} hint={`${field.hint ? `${field.hint} ` : ''}Written as YAML.`} error={syntax ?? (schemaError || undefined)}>
      <textarea
        data-path={pathText(path)}
        className="mono"
        rows={Math.min(8, Math.max(2, text.split('\n').length))}
        spellCheck={false}
        value={text}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (next.trim() === '') {
            setSyntax(undefined);
            onChange(path, undefined);
            return;
          }
          try {
            const parsed: unknown = parse(next);
            setSyntax(undefined);
            onChange(path, parsed ?? undefined);
          } catch (error) {
            const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
            setSyntax(`not valid YAML${line ? ` (line ${line})` : ''}: ${(error as Error).message.split('\n')[0]}`);
          }
        }}
      />
    </Field>
  );
}

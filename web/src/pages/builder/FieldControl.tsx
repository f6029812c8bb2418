import { Field } from '../../ui/Field.tsx';
import { getIn, pathText, type Path } from '../../builder/edit.ts';
import type { FieldDef } from '../../builder/schema-fields.ts';
import type { SpecProblem } from '../../../../src/spec/index.ts';
import { problemsAt } from '../../builder/spec-doc.ts';
import { ListEditor } from './ListEditor.tsx';
import { RawField } from './RawField.tsx';

export const VOICE_LIST_ID = 'builder-voices';

export interface FieldProps {
  field: FieldDef;
  /** Where the field's value lives in the document, e.g. ['scenes', 2, 'title']. */
  path: Path;
  /** The whole document (values are read by path so nested fieldsets need no plumbing). */
  data: unknown;
  problems: readonly SpecProblem[];
  onChange(path: Path, value: unknown): void;
  /** Overrides the label derived from the field name (video-level fields say "Video title"). */
  label?: string;
}

/** The problems on this field (and, for lists, on its items), joined into the one message Field shows. */
function errorOf(problems: readonly SpecProblem[], path: Path, nested: boolean): string | undefined {
  const here = problemsAt(problems, pathText(path), nested);
  if (!here.length) return undefined;
  return here.map((p) => (p.path === pathText(path) ? p.message : `${p.path.slice(pathText(path).length).replace(/^\./, '')}: ${p.message}`)).join('; ');
}

/** One generated control: the schema says which. Emptying an optional field removes it from the spec. */
export function FieldControl({ field, path, data, problems, onChange, label }: FieldProps) {
  const value = getIn(data, path);
  const shownLabel = label ?? field.label;
  const control = field.control;
  const empty = field.required ? '' : undefined;
  // Problems in the summary lead back to their control through this attribute (Builder.tsx focusProblem).
  const dataPath = { 'data-path': pathText(path) };
  const placeholder = field.defaultValue !== undefined && typeof field.defaultValue !== 'object' ? `${String(field.defaultValue)} (default)` : undefined;

  switch (control.type) {
    case 'text': {
      const error = errorOf(problems, path, false);
      const text = typeof value === 'string' ? value : value === undefined ? '' : String(value);
      const props = {
        ...dataPath,
        value: text,
        // Voice fields suggest the named voices (VoiceSuggestions in Builder.tsx); any provider voice id still works.
        ...(field.name === 'voice' && !control.multiline ? { list: VOICE_LIST_ID } : {}),
        placeholder,
        onChange: (e: { target: { value: string } }) => onChange(path, e.target.value === '' ? empty : e.target.value),
      };
      return (
        <Field label={shownLabel} hint={field.hint} error={error}>
          {control.multiline ? <textarea {...props} rows={control.mono ? 6 : field.name === 'narration' ? 3 : 2} className={control.mono ? 'mono' : undefined} spellCheck={!control.mono} /> : <input type="text" {...props} />}
        </Field>
      );
    }
    case 'number': {
      const error = errorOf(problems, path, false);
      return (
        <Field label={shownLabel} hint={field.hint} error={error}>
          <input
            {...dataPath}
            type="number"
            inputMode={control.integer ? 'numeric' : 'decimal'}
            step={control.integer ? 1 : 'any'}
            value={typeof value === 'number' ? value : ''}
            placeholder={placeholder}
            onChange={(e) => onChange(path, e.target.value === '' ? undefined : Number(e.target.value))}
          />
        </Field>
      );
    }
    case 'boolean': {
      const error = errorOf(problems, path, false);
      const checked = typeof value === 'boolean' ? value : field.defaultValue === true;
      return (
        <Field label={shownLabel} hint={field.hint} error={error} className="field-check">
          <input {...dataPath} type="checkbox" checked={checked} onChange={(e) => onChange(path, e.target.checked)} />
        </Field>
      );
    }
    case 'enum': {
      const error = errorOf(problems, path, false);
      const current = typeof value === 'string' ? value : '';
      const unknown = current && !control.options.includes(current);
      return (
        <Field label={shownLabel} hint={field.hint} error={error}>
          <select {...dataPath} value={current} onChange={(e) => onChange(path, e.target.value === '' ? empty : e.target.value)}>
            <option value="">{field.defaultValue !== undefined ? `Default (${String(field.defaultValue)})` : field.required ? 'Choose…' : 'Not set'}</option>
            {control.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
            {unknown ? <option value={current}>{current} (not allowed)</option> : null}
          </select>
        </Field>
      );
    }
    case 'list': {
      const items = Array.isArray(value) ? value : value === undefined ? [] : undefined;
      // A list holding objects ({title, description} items) is edited as YAML rather than flattened to text.
      if (!items || items.some((i) => typeof i !== 'string')) return <RawField field={field} path={path} value={value} problems={problems} onChange={onChange} label={shownLabel} />;
      return <ListEditor field={field} path={path} items={items as string[]} problems={problems} onChange={onChange} label={shownLabel} />;
    }
    case 'object': {
      if (value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
        return <RawField field={field} path={path} value={value} problems={problems} onChange={onChange} label={shownLabel} />;
      }
      const own = problemsAt(problems, pathText(path));
      return (
        <fieldset className="builder-fieldset">
          <legend>{shownLabel}</legend>
          {field.hint ? <p className="hint small muted">{field.hint}</p> : null}
          {own.map((p) => (
            <p key={p.message} className="field-error small">
              {p.message}
            </p>
          ))}
          {control.fields.map((child) => (
            <FieldControl key={child.name} field={child} path={[...path, child.name]} data={data} problems={problems} onChange={onChange} />
          ))}
        </fieldset>
      );
    }
    case 'raw':
      return <RawField field={field} path={path} value={value} problems={problems} onChange={onChange} label={shownLabel} />;
  }
}

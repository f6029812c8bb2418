import type { Capability } from '../../api/types.ts';
import type { Language } from './types.ts';

interface LanguagePickerProps {
  languages: readonly Language[];
  chosen: readonly string[];
  /** GET /api/capabilities multilingual: without it the picker says why instead of offering what cannot work. */
  capability: Capability | undefined;
  onChange: (chosen: string[]) => void;
}

/** "Also make it in": the multilingual `languages` option, as a group of checkboxes (a multi-select keyboards can use). */
export function LanguagePicker({ languages, chosen, capability, onChange }: LanguagePickerProps) {
  if (capability && !capability.enabled) {
    return (
      <div className="field">
        <span className="label">Other languages</span>
        <span className="hint">Not on this server{capability.reason ? `: ${capability.reason}` : ''}.</span>
      </div>
    );
  }
  const toggle = (code: string, on: boolean) => onChange(on ? [...chosen, code] : chosen.filter((c) => c !== code));
  return (
    <details className="create-languages">
      <summary>
        Other languages <span className="muted small">{chosen.length ? `(${chosen.join(', ')})` : '(none)'}</span>
      </summary>
      <fieldset>
        <legend className="small muted">Translate, voice and render the video in each language chosen too (at most 10).</legend>
        <div className="create-language-grid">
          {languages.map((l) => (
            <label key={l.code} className="create-choice small">
              <input type="checkbox" checked={chosen.includes(l.code)} disabled={!chosen.includes(l.code) && chosen.length >= 10} onChange={(event) => toggle(l.code, event.target.checked)} />
              <span lang={l.code} dir={l.rtl ? 'rtl' : undefined}>{l.nativeName}</span>
              <span className="muted">{l.name !== l.nativeName ? l.name : ''}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </details>
  );
}

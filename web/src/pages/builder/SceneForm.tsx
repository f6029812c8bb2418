import { useMemo } from 'react';
import type { SpecProblem } from '../../../../src/spec/index.ts';
import { pathText, type Path } from '../../builder/edit.ts';
import { approxSeconds } from '../../builder/durations.ts';
import { SHARED_FIELDS, kindInfo } from '../../builder/kinds.ts';
import { fieldsOf } from '../../builder/schema-fields.ts';
import { FieldControl } from './FieldControl.tsx';
import { RawField } from './RawField.tsx';

/** Fields every kind shares; they sit under "More options" so the kind's own content comes first. */
const SHARED = new Set([...SHARED_FIELDS].filter((name) => name !== 'narration' && name !== 'kind'));

interface Props {
  data: Record<string, unknown>;
  index: number;
  problems: readonly SpecProblem[];
  onChange(path: Path, value: unknown): void;
  /** Estimated seconds of speech and of the whole scene, when the draft is valid. */
  estimate?: { narration: number; scene: number } | undefined;
}

/** The selected scene's form, generated from its kind's zod schema. */
export function SceneForm({ data, index, problems, onChange, estimate }: Props) {
  const scenes = Array.isArray(data.scenes) ? (data.scenes as unknown[]) : [];
  const scene = (scenes[index] ?? {}) as Record<string, unknown>;
  const info = kindInfo(scene.kind);
  const fields = useMemo(() => (info ? fieldsOf(info.schema).filter((f) => f.name !== 'kind') : []), [info]);
  const base: Path = ['scenes', index];
  const kindProblems = problems.filter((p) => p.path === pathText([...base, 'kind']));

  if (!info) {
    // An unknown kind cannot get a generated form; the whole scene is editable as YAML until it names a known kind.
    return (
      <div className="stack">
        {kindProblems.map((p) => (
          <p key={p.message} className="field-error">
            {p.message}
          </p>
        ))}
        <RawField field={{ name: 'scene', label: 'Scene', required: true, control: { type: 'raw' } }} path={base} value={scene} problems={problems} onChange={onChange} label={`Scene ${index + 1}`} />
      </div>
    );
  }
  const own = fields.filter((f) => !SHARED.has(f.name) && f.name !== 'narration');
  const narration = fields.find((f) => f.name === 'narration');
  const shared = fields.filter((f) => SHARED.has(f.name));
  const sharedHasProblem = shared.some((f) => problems.some((p) => p.path.startsWith(pathText([...base, f.name]))));
  const unknownKeys = problems.filter((p) => p.path.startsWith(`${pathText(base)}.`) && !fields.some((f) => p.path.startsWith(pathText([...base, f.name]))));

  return (
    <div className="stack builder-scene-form">
      <p className="muted small">
        Scene {index + 1} of {scenes.length}: <strong>{info.label}</strong> — {info.description}
      </p>
      {unknownKeys.map((p) => (
        <p key={p.path + p.message} className="field-error">
          {p.path}: {p.message}
        </p>
      ))}
      {own.map((field) => (
        <FieldControl key={field.name} field={field} path={[...base, field.name]} data={data} problems={problems} onChange={onChange} />
      ))}
      {narration ? (
        <div className="builder-narration">
          <FieldControl field={narration} path={[...base, 'narration']} data={data} problems={problems} onChange={onChange} />
          <p className="small muted" aria-live="polite">
            {estimate
              ? `Narration ${approxSeconds(estimate.narration)}${scene.narration ? '' : ' (written from the visuals)'} · scene ${approxSeconds(estimate.scene)}`
              : 'Duration shown when the spec is valid.'}
          </p>
        </div>
      ) : null}
      <details className="builder-more" open={sharedHasProblem || undefined}>
        <summary>More options (id, voice, timing, transition, background)</summary>
        <div className="stack">
          {shared.map((field) => (
            <FieldControl key={field.name} field={field} path={[...base, field.name]} data={data} problems={problems} onChange={onChange} />
          ))}
        </div>
      </details>
    </div>
  );
}

import { useMemo } from 'react';
import { VideoSpecSchema, type SpecProblem } from '../../../../src/spec/index.ts';
import type { Path } from '../../builder/edit.ts';
import { fieldsOf } from '../../builder/schema-fields.ts';
import { FieldControl } from './FieldControl.tsx';

/** Shown beside the preview (VideoSwitches) instead; scenes have their own editor. */
const ELSEWHERE = new Set(['$schema', 'scenes', 'aspect', 'theme']);
const FIRST = ['title', 'language', 'voice', 'description', 'id'];

/** Video-level labels say "Video …" so they never share a name with the selected scene's fields. */
const videoLabel = (label: string) => `Video ${label.charAt(0).toLowerCase()}${label.slice(1)}`;

interface Props {
  data: Record<string, unknown>;
  problems: readonly SpecProblem[];
  onChange(path: Path, value: unknown): void;
}

/** The whole video's settings, generated from VideoSpecSchema like the scene forms. */
export function VideoSettings({ data, problems, onChange }: Props) {
  const fields = useMemo(() => fieldsOf(VideoSpecSchema).filter((f) => !ELSEWHERE.has(f.name)), []);
  const first = FIRST.map((name) => fields.find((f) => f.name === name)).filter((f) => f !== undefined);
  const rest = fields.filter((f) => !FIRST.includes(f.name));
  const restHasProblem = rest.some((f) => problems.some((p) => p.path.startsWith(f.name)));
  return (
    <div className="stack">
      {first.map((field) => (
        <FieldControl key={field.name} field={field} path={[field.name]} data={data} problems={problems} onChange={onChange} label={field.name === 'id' ? 'Video ID' : videoLabel(field.label)} />
      ))}
      <details className="builder-more" open={restHasProblem || undefined}>
        <summary>Resolution, frame rate, captions, music, b-roll</summary>
        <div className="stack">
          {rest.map((field) => (
            <FieldControl key={field.name} field={field} path={[field.name]} data={data} problems={problems} onChange={onChange} />
          ))}
        </div>
      </details>
    </div>
  );
}

/** The switches that change the picture most (aspect, light/dark, accent), kept next to the preview. */
export function VideoSwitches({ data, problems, onChange, disabled }: Props & { disabled: boolean }) {
  const { aspect, theme } = useMemo(() => {
    const all = fieldsOf(VideoSpecSchema);
    return { aspect: all.find((f) => f.name === 'aspect')!, theme: all.find((f) => f.name === 'theme')! };
  }, []);
  const themeFields = theme.control.type === 'object' ? theme.control.fields.filter((f) => f.name === 'mode' || f.name === 'accent') : [];
  return (
    <fieldset className="builder-switches" disabled={disabled}>
      <legend className="visually-hidden">Look of the video</legend>
      <FieldControl field={{ ...aspect, hint: undefined } as typeof aspect} path={['aspect']} data={data} problems={problems} onChange={onChange} label="Aspect" />
      {themeFields.map((f) => (
        <FieldControl key={f.name} field={{ ...f, hint: undefined } as typeof f} path={['theme', f.name]} data={data} problems={problems} onChange={onChange} label={f.name === 'mode' ? 'Video theme' : 'Accent'} />
      ))}
    </fieldset>
  );
}

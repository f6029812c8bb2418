import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { post } from '../../api/client.ts';
import { Banner, ErrorBanner } from '../../ui/Banner.tsx';
import { Field } from '../../ui/Field.tsx';
import { ProblemList, type Problem } from './ProblemList.tsx';
import { specInput } from './source-input.ts';

interface Validation {
  valid: boolean;
  kind: 'video' | 'set';
  problems: Problem[];
  videos: number;
}

/** A VideoSpec or VideoSet as YAML/JSON, pasted or read from a file; "Check spec" asks POST /api/validate. */
export function SpecSource({ yaml, onChange }: { yaml: string; onChange: (yaml: string) => void }) {
  const fileId = useId();
  const check = useMutation({
    mutationFn: async (text: string) => {
      const parsed = specInput(text);
      if ('missing' in parsed) throw new Error(parsed.missing);
      const body = 'spec' in parsed.input ? parsed.input.spec : 'set' in parsed.input ? parsed.input.set : undefined;
      return post<Validation>('/api/validate', body);
    },
  });
  const result = check.data;
  const open = async (file: File | undefined) => {
    if (!file) return;
    check.reset();
    onChange(await file.text());
  };

  return (
    <div className="stack">
      <Field label="YAML spec" hint="A video (id, title, scenes) or a set (videos: […]), as videogen validate reads it.">
        <textarea
          className="mono create-text"
          rows={14}
          spellCheck={false}
          value={yaml}
          onChange={(event) => {
            check.reset();
            onChange(event.target.value);
          }}
          placeholder={'id: my-video\ntitle: My video\nscenes:\n  - kind: title\n    title: Hello'}
        />
      </Field>
      <div className="row">
        <input id={fileId} className="visually-hidden create-file" type="file" accept=".yaml,.yml,.json" onChange={(event) => void open(event.target.files?.[0])} />
        <label htmlFor={fileId} className="btn">
          Open a spec file…
        </label>
        <button type="button" className="btn" disabled={!yaml.trim() || check.isPending} onClick={() => check.mutate(yaml)}>
          {check.isPending ? 'Checking…' : 'Check spec'}
        </button>
      </div>
      <ErrorBanner error={check.error} />
      {result?.valid ? <Banner tone="ok">The {result.kind === 'set' ? `set of ${result.videos} videos` : 'spec'} is valid.</Banner> : null}
      {result && !result.valid ? <ProblemList problems={result.problems} /> : null}
    </div>
  );
}

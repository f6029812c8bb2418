import { Field } from '../../ui/Field.tsx';
import type { TextFormat } from './source-input.ts';

const FORMATS: { value: TextFormat; label: string }[] = [
  { value: 'markdown', label: 'Markdown' },
  { value: 'text', label: 'Plain text' },
  { value: 'rst', label: 'reStructuredText' },
  { value: 'html', label: 'HTML' },
];

interface TextSourceProps {
  text: string;
  format: TextFormat;
  onChange: (text: string, format: TextFormat) => void;
}

/** Pasted text, read like an uploaded document of its format (## headings become scenes). */
export function TextSource({ text, format, onChange }: TextSourceProps) {
  return (
    <div className="stack">
      <Field label="Text" hint="A title line (# Title) and ## headings make the clearest videos: each section becomes a scene.">
        <textarea className="create-text" value={text} rows={12} onChange={(event) => onChange(event.target.value, format)} placeholder={'# My topic\n\nWhat the video is about.\n\n## First point\n\nA few sentences…'} />
      </Field>
      <Field label="Format" className="create-narrow">
        <select value={format} onChange={(event) => onChange(text, event.target.value as TextFormat)}>
          {FORMATS.map((f) => (
            <option key={f.value} value={f.value}>
              {f.label}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

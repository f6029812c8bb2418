import { Field } from '../../ui/Field.tsx';
import type { TopicFormat } from './source-input.ts';

interface TopicSourceProps {
  topic: string;
  format: TopicFormat;
  onChange: (topic: string, format: TopicFormat) => void;
}

/** A topic sentence: a Short written offline from a built-in template, or a longer video by the language model. */
export function TopicSource({ topic, format, onChange }: TopicSourceProps) {
  return (
    <div className="stack">
      <Field label="Topic" hint="One sentence, e.g. “Why octopuses are so smart”.">
        <input type="text" value={topic} maxLength={500} onChange={(event) => onChange(event.target.value, format)} />
      </Field>
      <fieldset className="create-choices">
        <legend>Format</legend>
        <label className="create-choice">
          <input type="radio" name="topic-format" checked={format === 'short'} onChange={() => onChange(topic, 'short')} />
          <span>
            <strong>Short</strong>
            <span className="muted small"> — 30–60 s, portrait 9:16; written offline from a built-in English template, or by the language model when the server has one</span>
          </span>
        </label>
        <label className="create-choice">
          <input type="radio" name="topic-format" checked={format === 'video'} onChange={() => onChange(topic, 'video')} />
          <span>
            <strong>Video</strong>
            <span className="muted small"> — as long as the length option says; needs a language model on the server</span>
          </span>
        </label>
      </fieldset>
    </div>
  );
}

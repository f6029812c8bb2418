import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import { useCapabilities } from '../../capabilities.ts';
import { Field } from '../../ui/Field.tsx';
import { LanguagePicker } from './LanguagePicker.tsx';
import {
  ASPECT_LABELS,
  ASPECT_VALUES,
  BROLL_LABELS,
  BROLL_VALUES,
  DEFAULT_PRESET,
  optionHint,
  optionValue,
  PRESET_LABELS,
  PRESET_VALUES,
  RESOLUTION_VALUES,
  resolutionDefaultLabel,
  resolutionLabel,
} from './option-choices.ts';
import type { SourceKind } from './source-input.ts';
import type { CreateOptions, Language } from './types.ts';
import { VoicePicker } from './VoicePicker.tsx';

const LENGTHS = [30, 60, 120, 180, 300, 600];

const lengthLabel = (s: number) => (s < 60 ? `${s} seconds` : `${s / 60} minute${s === 60 ? '' : 's'}`);

interface OptionsFormProps {
  kind: SourceKind;
  options: CreateOptions;
  /** The YAML tab's spec as parsed (not yet checked), so Resolution can say what the spec itself asks for. */
  spec?: Record<string, unknown> | undefined;
  onChange: (options: CreateOptions) => void;
}

/** Without the key: the field is unset and the server's default (or the spec's own value) applies. */
function set<K extends keyof CreateOptions>(options: CreateOptions, key: K, value: CreateOptions[K] | undefined): CreateOptions {
  const next = { ...options };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

/**
 * The options POST /api/videos implements, with the option table's values and descriptions (option-choices.ts):
 * length and language shape a source's script, so a spec (which has its own) does not show them.
 */
export function OptionsForm({ kind, options, spec, onChange }: OptionsFormProps) {
  const fromSource = kind !== 'spec';
  const languages = useQuery({ queryKey: ['languages'], queryFn: ({ signal }) => get<{ languages: Language[] }>('/api/languages', signal), staleTime: Infinity });
  const multilingual = useCapabilities().data?.multilingual;
  const list = languages.data?.languages ?? [];
  const language = options.language ?? 'en';
  const preset = options.preset ?? DEFAULT_PRESET;
  // A source's spec names no size (the preset's applies); a set's videos may each name one (null: say both rules).
  const specResolution = fromSource ? undefined : spec ? optionValue('resolution', spec.resolution) : null;
  const aspect = options.aspect ?? (spec ? (optionValue('aspect', spec.aspect) ?? '16:9') : undefined);

  return (
    <div className="stack">
      {fromSource ? (
        <Field label="Length" hint={kind === 'topic' ? 'A Short is 30–60 seconds whatever is chosen here.' : 'Target length of each video; longer documents are condensed.'}>
          <select value={options.targetSeconds ?? ''} onChange={(event) => onChange(set(options, 'targetSeconds', event.target.value ? Number(event.target.value) : undefined))}>
            <option value="">Automatic (about 3 minutes)</option>
            {LENGTHS.map((s) => (
              <option key={s} value={s}>
                {lengthLabel(s)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field label="Aspect">
        <select value={options.aspect ?? ''} onChange={(event) => onChange(set(options, 'aspect', optionValue('aspect', event.target.value)))}>
          <option value="">{fromSource ? 'Default (16:9; a Short is 9:16)' : "The spec's own"}</option>
          {ASPECT_VALUES.map((a) => (
            <option key={a} value={a}>
              {ASPECT_LABELS[a]}
            </option>
          ))}
        </select>
      </Field>
      {fromSource ? (
        <Field label="Language" hint="The language of the narration and captions.">
          <select value={options.language ?? ''} onChange={(event) => onChange(set(options, 'language', event.target.value))}>
            <option value="">From the source (English)</option>
            {list.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
                {l.nativeName !== l.name ? ` — ${l.nativeName}` : ''}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <VoicePicker voice={options.voice ?? ''} language={language} onChange={(voice) => onChange(set(options, 'voice', voice))} />
      <LanguagePicker languages={list} chosen={options.languages ?? []} capability={multilingual} onChange={(chosen) => onChange(set(options, 'languages', chosen.length ? chosen : undefined))} />
      {/* Not the table's text: its default is the spec's broll, and a source's spec asks for none. */}
      <Field label="B-roll footage" hint="Stock clips chosen for each narrated scene's sentences (stock providers, then the local library, then an animated gradient).">
        <select value={options.broll ?? ''} onChange={(event) => onChange(set(options, 'broll', optionValue('broll', event.target.value)))}>
          <option value="">{fromSource ? 'None (default)' : 'As the spec says'}</option>
          {BROLL_VALUES.map((mode) => (
            <option key={mode} value={mode}>
              {BROLL_LABELS[mode]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Captions" hint="A soft subtitle track (SRT, WebVTT and in the MP4) is always made.">
        <select value={options.burnCaptions ? 'burn' : 'soft'} onChange={(event) => onChange(set(options, 'burnCaptions', event.target.value === 'burn' ? true : undefined))}>
          <option value="soft">Subtitle track only</option>
          <option value="burn">Also burned into the picture</option>
        </select>
      </Field>
      <Field label="Render quality" hint={optionHint('preset', 'firstSentence')}>
        <select value={preset} onChange={(event) => onChange(set(options, 'preset', event.target.value === DEFAULT_PRESET ? undefined : optionValue('preset', event.target.value)))}>
          {PRESET_VALUES.map((name) => (
            <option key={name} value={name}>
              {PRESET_LABELS[name]}
            </option>
          ))}
        </select>
      </Field>
      {/* After quality: its "not chosen" entry is the quality's size. */}
      <Field label="Resolution" hint={optionHint('resolution')}>
        <select value={options.resolution ?? ''} onChange={(event) => onChange(set(options, 'resolution', optionValue('resolution', event.target.value)))}>
          <option value="">{resolutionDefaultLabel(preset, aspect, specResolution)}</option>
          {RESOLUTION_VALUES.map((r) => (
            <option key={r} value={r}>
              {resolutionLabel(r, aspect)}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

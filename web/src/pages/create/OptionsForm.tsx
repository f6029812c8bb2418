import { useQuery } from '@tanstack/react-query';
import { ASPECTS } from '../../../../src/spec/common.ts';
import { PRESETS } from '../../../../src/media/presets.ts';
import { get } from '../../api/client.ts';
import { useCapabilities } from '../../capabilities.ts';
import { Field } from '../../ui/Field.tsx';
import { LanguagePicker } from './LanguagePicker.tsx';
import type { SourceKind } from './source-input.ts';
import type { CreateOptions, Language } from './types.ts';
import { VoicePicker } from './VoicePicker.tsx';

const LENGTHS = [30, 60, 120, 180, 300, 600];
const ASPECT_LABELS: Record<string, string> = { '16:9': 'Landscape 16:9', '9:16': 'Portrait 9:16', '1:1': 'Square 1:1' };
const QUALITY_LABELS: Record<string, string> = { draft: 'Draft (fastest)', standard: 'Standard', final: 'Final (best)' };

const lengthLabel = (s: number) => (s < 60 ? `${s} seconds` : `${s / 60} minute${s === 60 ? '' : 's'}`);

interface OptionsFormProps {
  kind: SourceKind;
  options: CreateOptions;
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
 * The options POST /api/videos implements (RenderOptionsSchema and SourceOptionsSchema), and no others: length and
 * language shape a source's script, so a spec (which has its own) does not show them.
 */
export function OptionsForm({ kind, options, onChange }: OptionsFormProps) {
  const fromSource = kind !== 'spec';
  const languages = useQuery({ queryKey: ['languages'], queryFn: ({ signal }) => get<{ languages: Language[] }>('/api/languages', signal), staleTime: Infinity });
  const multilingual = useCapabilities().data?.multilingual;
  const list = languages.data?.languages ?? [];
  const language = options.language ?? 'en';

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
        <select value={options.aspect ?? ''} onChange={(event) => onChange(set(options, 'aspect', event.target.value))}>
          <option value="">{fromSource ? 'Default (16:9; a Short is 9:16)' : "The spec's own"}</option>
          {ASPECTS.map((a) => (
            <option key={a} value={a}>
              {ASPECT_LABELS[a] ?? a}
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
      <Field label="B-roll footage" hint="Stock clips chosen for each narrated scene's sentences (stock providers, then the local library, then an animated gradient).">
        <select value={options.broll ?? ''} onChange={(event) => onChange(set(options, 'broll', (event.target.value || undefined) as CreateOptions['broll']))}>
          <option value="">{fromSource ? 'None (default)' : "As the spec says"}</option>
          <option value="auto">Footage for each scene</option>
          <option value="off">None</option>
        </select>
      </Field>
      <Field label="Captions" hint="A soft subtitle track (SRT, WebVTT and in the MP4) is always made.">
        <select value={options.burnCaptions ? 'burn' : 'soft'} onChange={(event) => onChange(set(options, 'burnCaptions', event.target.value === 'burn' ? true : undefined))}>
          <option value="soft">Subtitle track only</option>
          <option value="burn">Also burned into the picture</option>
        </select>
      </Field>
      <Field label="Render quality">
        <select value={options.preset ?? 'standard'} onChange={(event) => onChange(set(options, 'preset', event.target.value === 'standard' ? undefined : event.target.value))}>
          {Object.keys(PRESETS).map((name) => (
            <option key={name} value={name}>
              {QUALITY_LABELS[name] ?? name}
            </option>
          ))}
        </select>
      </Field>
    </div>
  );
}

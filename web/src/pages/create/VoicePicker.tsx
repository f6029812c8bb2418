import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { apiFetch, get } from '../../api/client.ts';
import { ErrorBanner } from '../../ui/Banner.tsx';
import type { Voice } from './types.ts';

/** Labels of the named voices (src/voice/types.ts NAMED_VOICES); each provider maps them to a voice per language. */
const NAMED_LABELS: Record<string, string> = { male: 'Male', male_warm: 'Male, warm', female: 'Female', female_friendly: 'Female, friendly' };

interface VoicePickerProps {
  /** The voice reference sent as options.voice; '' = the spec's own (or male). */
  voice: string;
  /** The narration language: the voices listed and the sample sentence follow it. */
  language: string;
  onChange: (voice: string) => void;
}

/** A voice select (named voices, then the configured providers' voices for the language) and a Listen button. */
export function VoicePicker({ voice, language, onChange }: VoicePickerProps) {
  const voices = useQuery({ queryKey: ['voices', language], queryFn: ({ signal }) => get<{ named: string[]; voices: Voice[] }>(`/api/voices?lang=${encodeURIComponent(language)}`, signal), staleTime: 300_000 });
  const named = voices.data?.named ?? Object.keys(NAMED_LABELS);
  const byProvider = new Map<string, Voice[]>();
  for (const v of voices.data?.voices ?? []) if (v.available) byProvider.set(v.provider, [...(byProvider.get(v.provider) ?? []), v]);
  const listened = voice || 'male';

  return (
    <div className="field">
      <label htmlFor="create-voice">Voice</label>
      <div className="create-voice-row">
        <select id="create-voice" value={voice} onChange={(event) => onChange(event.target.value)} aria-describedby="create-voice-hint">
          <option value="">Spec's voice (male)</option>
          <optgroup label="Named voices">
            {named.map((n) => (
              <option key={n} value={n}>
                {NAMED_LABELS[n] ?? n}
              </option>
            ))}
          </optgroup>
          {[...byProvider].map(([provider, list]) => (
            <optgroup key={provider} label={`${provider} voices`}>
              {list.map((v) => (
                <option key={v.id} value={`${provider}:${v.id}`}>
                  {v.name}
                  {v.gender ? ` (${v.gender})` : ''}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <ListenButton voice={listened} language={language} />
      </div>
      <span id="create-voice-hint" className="hint">
        Named voices work with every provider; Listen plays a sentence in the chosen language.
      </span>
      <ErrorBanner error={voices.error} />
    </div>
  );
}

/** Plays GET /api/voices/sample for the voice; the clip is fetched (so API errors show with their code), then played. */
function ListenButton({ voice, language }: { voice: string; language: string }) {
  const [state, setState] = useState<'idle' | 'loading' | 'playing'>('idle');
  const [error, setError] = useState<unknown>();
  const audio = useRef<HTMLAudioElement | null>(null);
  useEffect(() => () => audio.current?.pause(), []);

  const play = async () => {
    audio.current?.pause();
    setError(undefined);
    setState('loading');
    try {
      const response = await apiFetch('GET', `/api/voices/sample?voice=${encodeURIComponent(voice)}&lang=${encodeURIComponent(language)}`, { headers: { accept: 'audio/*' } });
      const url = URL.createObjectURL(await response.blob());
      const player = new Audio(url);
      audio.current = player;
      player.onended = () => {
        setState('idle');
        URL.revokeObjectURL(url);
      };
      setState('playing');
      await player.play();
    } catch (caught) {
      setState('idle');
      // A browser that refuses to play without a gesture is not an API error worth a banner.
      if (!(caught instanceof DOMException && caught.name === 'NotAllowedError')) setError(caught);
    }
  };

  return (
    <>
      <button type="button" className="btn" onClick={() => void play()} disabled={state === 'loading'} aria-label={`Listen to the ${NAMED_LABELS[voice] ?? voice} voice`}>
        <span aria-hidden="true">▶</span> {state === 'loading' ? 'Loading…' : state === 'playing' ? 'Playing…' : 'Listen'}
      </button>
      {error ? (
        <div className="create-voice-error">
          <ErrorBanner error={error} />
        </div>
      ) : null}
    </>
  );
}

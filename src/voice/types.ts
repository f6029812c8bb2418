/**
 * The TTS contract every provider implements. The pipeline only ever talks to a `TtsProvider` obtained from the
 * registry (ARCHITECTURE §3, §8), so adding a provider never touches the pipeline.
 */

/** One spoken word, in milliseconds from the start of the clip it belongs to. */
export interface WordBoundary {
  text: string;
  offsetMs: number;
  durationMs: number;
}

/** Mono 16-bit PCM at the provider's native rate; the caller resamples (see `resample` in wav.ts). */
export interface SynthesisResult {
  pcm: Int16Array;
  sampleRate: number;
  channels: 1;
  words?: WordBoundary[];
}

export interface SynthesizeOptions {
  /** Speaking-rate multiplier: 1 = the provider's normal speed, 1.2 = 20 % faster. */
  rate?: number;
  /** BCP-47 tag of the text; used to pick a language-appropriate variant of a named voice. */
  language?: string;
  signal?: AbortSignal;
}

export interface VoiceInfo {
  id: string;
  provider: string;
  name: string;
  language: string;
  gender?: 'male' | 'female';
  description?: string;
}

/** The four voice keys inherited from video_gen (reference §4.1); every provider maps them to a concrete voice. */
export const NAMED_VOICES = ['male', 'male_warm', 'female', 'female_friendly'] as const;
export type NamedVoice = (typeof NAMED_VOICES)[number];

export function isNamedVoice(value: string): value is NamedVoice {
  return (NAMED_VOICES as readonly string[]).includes(value);
}

export interface TtsProvider {
  readonly id: string;
  available(): Promise<boolean>;
  voices(language?: string): Promise<VoiceInfo[]>;
  synthesize(text: string, voice: string, opts?: SynthesizeOptions): Promise<SynthesisResult>;
  /**
   * Concrete voice id for a named voice in a language, or undefined when the provider has no voice for it.
   * Optional so third-party providers without named voices still satisfy the interface.
   */
  namedVoice?(name: NamedVoice, language: string): string | undefined;
  /** True when a bare voice id (no `provider:` prefix) clearly belongs to this provider, e.g. `en-US-AriaNeural`. */
  ownsVoice?(voiceId: string): boolean;
  /**
   * Bumped when the provider's output for the same inputs changes (new protocol, new default model), so the audio
   * cache does not serve stale clips.
   */
  readonly formatVersion?: string;
}

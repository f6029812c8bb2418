import { VideogenError } from '../errors.ts';
import { ConcurrencyLimiter } from './async.ts';
import type { RetryPolicy } from './async.ts';
import { postForAudio } from './http.ts';
import { isNamedVoice } from './types.ts';
import type { NamedVoice, SynthesisResult, SynthesizeOptions, TtsProvider, VoiceInfo, WordBoundary } from './types.ts';
import { pcmFromS16le } from '../audio/wav.ts';

/** ElevenLabs text-to-speech (`POST /v1/text-to-speech/{voice_id}`), raw PCM so no decoder is needed. */
export interface ElevenLabsOptions {
  apiKey?: string;
  /** Default https://api.elevenlabs.io. */
  baseUrl?: string;
  model?: string;
  /** Use the `/with-timestamps` endpoint, whose character alignment gives word boundaries. Default true. */
  timestamps?: boolean;
  concurrency?: number;
  retry?: RetryPolicy;
  timeoutMs?: number;
}

/** ElevenLabs' long-standing premade voices (ids are stable across accounts). */
const PREMADE: Array<[id: string, name: string, gender: 'male' | 'female']> = [
  ['pNInz6obpgDQGcFmaJgB', 'Adam', 'male'], ['ErXwobaYiN019PkySvjV', 'Antoni', 'male'], ['TxGEqnHWrfWFTfGW9XjX', 'Josh', 'male'],
  ['21m00Tcm4TlvDq8ikWAM', 'Rachel', 'female'], ['EXAVITQu4vr4xnSDxMaL', 'Bella', 'female'], ['MF3mGyEYCl7XYWbV9V6O', 'Elli', 'female'],
];

const NAMED: Record<NamedVoice, string> = {
  male: 'pNInz6obpgDQGcFmaJgB', male_warm: 'ErXwobaYiN019PkySvjV', female: '21m00Tcm4TlvDq8ikWAM', female_friendly: 'EXAVITQu4vr4xnSDxMaL',
};

const PCM_RATE = 24_000;

interface TimestampResponse {
  audio_base64: string;
  alignment?: { characters: string[]; character_start_times_seconds: number[]; character_end_times_seconds: number[] } | null;
}

export class ElevenLabsTtsProvider implements TtsProvider {
  readonly id = 'elevenlabs';
  readonly formatVersion = '1';
  private readonly limiter: ConcurrencyLimiter;

  constructor(private readonly options: ElevenLabsOptions = {}) {
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 2);
  }

  async available(): Promise<boolean> {
    return Boolean(this.options.apiKey);
  }

  namedVoice(name: NamedVoice): string {
    return NAMED[name];
  }

  /** ElevenLabs ids are 20 mixed-case alphanumerics, a shape no other provider uses. */
  ownsVoice(voiceId: string): boolean {
    return /^[A-Za-z0-9]{20}$/.test(voiceId) && /[A-Z]/.test(voiceId) && /[a-z]/.test(voiceId);
  }

  async voices(_language?: string): Promise<VoiceInfo[]> {
    return PREMADE.map(([id, name, gender]) => ({ id, provider: this.id, name, language: 'multilingual', gender }));
  }

  async synthesize(text: string, voice: string, opts: SynthesizeOptions = {}): Promise<SynthesisResult> {
    const apiKey = this.options.apiKey;
    if (!apiKey) throw new VideogenError('TTS_UNAVAILABLE', 'ElevenLabs TTS needs an API key; set ELEVENLABS_API_KEY');
    const id = isNamedVoice(voice) ? NAMED[voice] : voice;
    if (!/^[A-Za-z0-9]+$/.test(id)) throw new VideogenError('TTS_FAILED', `"${voice}" is not an ElevenLabs voice id`, { voice });
    const timestamps = this.options.timestamps ?? true;
    const base = (this.options.baseUrl ?? 'https://api.elevenlabs.io').replace(/\/+$/, '');
    const body: Record<string, unknown> = { text, model_id: this.options.model ?? 'eleven_multilingual_v2' };
    // ElevenLabs' speed setting accepts 0.7–1.2; only sent when asked, so default requests stay minimal.
    if (opts.rate !== undefined && opts.rate !== 1) body.voice_settings = { speed: Math.min(1.2, Math.max(0.7, opts.rate)) };
    const { bytes } = await this.limiter.run(() => postForAudio({
      service: 'ElevenLabs',
      keyEnv: 'ELEVENLABS_API_KEY',
      url: `${base}/v1/text-to-speech/${id}${timestamps ? '/with-timestamps' : ''}?output_format=pcm_${PCM_RATE}`,
      headers: { 'xi-api-key': apiKey },
      body,
      signal: opts.signal,
      timeoutMs: this.options.timeoutMs,
      retry: this.options.retry,
    }), opts.signal);
    if (!timestamps) return { pcm: pcmFromS16le(bytes), sampleRate: PCM_RATE, channels: 1 };
    const json = JSON.parse(new TextDecoder().decode(bytes)) as TimestampResponse;
    const pcm = pcmFromS16le(new Uint8Array(Buffer.from(json.audio_base64, 'base64')));
    return { pcm, sampleRate: PCM_RATE, channels: 1, words: json.alignment ? wordsFromAlignment(json.alignment) : [] };
  }
}

/** Groups per-character times into words: a word is a maximal run of non-whitespace characters. */
export function wordsFromAlignment(a: NonNullable<TimestampResponse['alignment']>): WordBoundary[] {
  const words: WordBoundary[] = [];
  let text = '';
  let start = 0;
  let end = 0;
  const flush = () => {
    if (text) words.push({ text, offsetMs: Math.round(start * 1000), durationMs: Math.round((end - start) * 1000) });
    text = '';
  };
  a.characters.forEach((ch, i) => {
    if (/\s/.test(ch)) return flush();
    if (!text) start = a.character_start_times_seconds[i] ?? end;
    text += ch;
    end = a.character_end_times_seconds[i] ?? start;
  });
  flush();
  return words;
}

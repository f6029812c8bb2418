import { VideogenError } from '../errors.ts';
import { ConcurrencyLimiter } from './async.ts';
import type { RetryPolicy } from './async.ts';
import { postForAudio } from './http.ts';
import { isNamedVoice } from './types.ts';
import type { NamedVoice, SynthesisResult, SynthesizeOptions, TtsProvider, VoiceInfo } from './types.ts';
import { isWav, parseWav, pcmFromS16le } from '../audio/wav.ts';

/** OpenAI text-to-speech (`POST /v1/audio/speech`). Also fits OpenAI-compatible servers through `baseUrl`. */
export interface OpenAiTtsOptions {
  apiKey?: string;
  /** Without `/v1`; default https://api.openai.com. */
  baseUrl?: string;
  model?: string;
  concurrency?: number;
  retry?: RetryPolicy;
  timeoutMs?: number;
}

const VOICES: Array<[id: string, gender: 'male' | 'female']> = [
  ['alloy', 'female'], ['ash', 'male'], ['coral', 'female'], ['echo', 'male'], ['fable', 'male'],
  ['onyx', 'male'], ['nova', 'female'], ['sage', 'female'], ['shimmer', 'female'],
];

const NAMED: Record<NamedVoice, string> = { male: 'onyx', male_warm: 'echo', female: 'nova', female_friendly: 'shimmer' };

/** `response_format: "pcm"` is headerless 24 kHz signed 16-bit little-endian mono, so no decoder is needed. */
const PCM_RATE = 24_000;

export class OpenAiTtsProvider implements TtsProvider {
  readonly id = 'openai';
  readonly formatVersion = '1';
  private readonly limiter: ConcurrencyLimiter;

  constructor(private readonly options: OpenAiTtsOptions = {}) {
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 4);
  }

  async available(): Promise<boolean> {
    return Boolean(this.options.apiKey);
  }

  namedVoice(name: NamedVoice): string {
    return NAMED[name];
  }

  ownsVoice(voiceId: string): boolean {
    return VOICES.some(([id]) => id === voiceId);
  }

  /** The voices are multilingual: every voice speaks every language, so `language` filters nothing. */
  async voices(_language?: string): Promise<VoiceInfo[]> {
    return VOICES.map(([id, gender]) => ({ id, provider: this.id, name: id[0]!.toUpperCase() + id.slice(1), language: 'multilingual', gender }));
  }

  async synthesize(text: string, voice: string, opts: SynthesizeOptions = {}): Promise<SynthesisResult> {
    const apiKey = this.options.apiKey;
    if (!apiKey) throw new VideogenError('TTS_UNAVAILABLE', 'OpenAI TTS needs an API key; set OPENAI_API_KEY');
    const id = isNamedVoice(voice) ? NAMED[voice] : voice;
    const model = this.options.model ?? 'gpt-4o-mini-tts';
    const body = {
      model,
      input: text,
      voice: id,
      response_format: 'pcm',
      // The API accepts 0.25–4.0.
      speed: Math.min(4, Math.max(0.25, opts.rate ?? 1)),
    };
    const { bytes } = await this.limiter.run(() => postForAudio({
      service: 'OpenAI',
      keyEnv: 'OPENAI_API_KEY',
      url: `${(this.options.baseUrl ?? 'https://api.openai.com').replace(/\/+$/, '')}/v1/audio/speech`,
      headers: { authorization: `Bearer ${apiKey}` },
      body,
      signal: opts.signal,
      timeoutMs: this.options.timeoutMs,
      retry: this.options.retry,
    }), opts.signal);
    // Compatible servers sometimes ignore response_format and send WAV; accept both.
    if (isWav(bytes)) return { ...parseWav(bytes), channels: 1 };
    return { pcm: pcmFromS16le(bytes), sampleRate: PCM_RATE, channels: 1 };
  }
}

import { VideogenError } from '../errors.ts';
import { ConcurrencyLimiter } from './async.ts';
import { SystemEspeak, WasmEspeak } from './espeak-engine.ts';
import type { EspeakEngine } from './espeak-engine.ts';
import { espeakVoiceFor, findLanguage } from './languages.ts';
import { isNamedVoice } from './types.ts';
import type { NamedVoice, SynthesisResult, SynthesizeOptions, TtsProvider, VoiceInfo } from './types.ts';
import { parseWav } from '../audio/wav.ts';

/**
 * espeak-ng: the embedded, offline default voice (ARCHITECTURE §8, §11). Robotic but instant (~1000× realtime), speaks
 * 100+ languages and needs nothing from the network.
 */
export interface EspeakProviderOptions {
  /** System binary to try first; `null` never uses a system binary. Default: `espeak-ng` on PATH. */
  binary?: string | null;
  /** `system` fails when the binary is missing instead of falling back to wasm. Default `auto`. */
  engine?: 'auto' | 'system' | 'wasm';
  /** Speaking rate at `rate: 1`, in words per minute (espeak's own default is 175; 165 is easier to follow). */
  wordsPerMinute?: number;
  /** Parallel espeak processes / wasm instances (each wasm instance holds ~32 MB). */
  concurrency?: number;
}

/** Named voices map to espeak-ng variants that exist in both the system data and the wasm build. */
const VARIANTS: Record<NamedVoice, string> = { male: 'm3', male_warm: 'm7', female: 'f3', female_friendly: 'f4' };

/** A voice is `<language>` or `<language>+<variant>`, e.g. `en-us+f3`; anything else is refused before spawning. */
const VOICE_ID = /^[a-z][a-z0-9-]*(\+[A-Za-z0-9_-]+)?$/i;

/** espeak's useful range; beyond it speech becomes unintelligible or the engine clamps silently. */
const MIN_WPM = 80;
const MAX_WPM = 450;

export class EspeakProvider implements TtsProvider {
  readonly id = 'espeak';
  readonly formatVersion = '1';
  private enginePromise: Promise<EspeakEngine> | undefined;
  private readonly limiter: ConcurrencyLimiter;
  private readonly wpm: number;

  constructor(private readonly options: EspeakProviderOptions = {}) {
    this.limiter = new ConcurrencyLimiter(options.concurrency ?? 2);
    this.wpm = options.wordsPerMinute ?? 165;
  }

  /** Always true: the wasm build ships with videogen (unless `engine: 'system'` was asked for and is missing). */
  async available(): Promise<boolean> {
    try {
      await this.engine();
      return true;
    } catch {
      return false;
    }
  }

  /** Which engine runs the synthesis; resolved once, on first use. */
  engine(): Promise<EspeakEngine> {
    this.enginePromise ??= this.pickEngine();
    return this.enginePromise;
  }

  private async pickEngine(): Promise<EspeakEngine> {
    const mode = this.options.engine ?? 'auto';
    const binary = this.options.binary === undefined ? 'espeak-ng' : this.options.binary;
    if (mode !== 'wasm' && binary !== null) {
      const system = new SystemEspeak(binary);
      if (await system.probe()) return system;
    }
    if (mode === 'system') {
      throw new VideogenError('TTS_UNAVAILABLE', `espeak-ng binary ${binary ?? '(none)'} not found; install it (apt install espeak-ng) or use the embedded engine`);
    }
    return new WasmEspeak();
  }

  namedVoice(name: NamedVoice, language: string): string {
    return `${espeakVoiceFor(language)}+${VARIANTS[name]}`;
  }

  /** `en-us+f3` style ids, or a bare language voice of the catalogue (`de`, `en-gb`). */
  ownsVoice(voiceId: string): boolean {
    return VOICE_ID.test(voiceId) && /^[a-z0-9+-]+$/.test(voiceId) && (voiceId.includes('+') || findLanguage(voiceId)?.espeak === voiceId || voiceId === 'en-gb');
  }

  async voices(language?: string): Promise<VoiceInfo[]> {
    const engine = await this.engine();
    const { stdout } = await engine.run({ args: ['--voices'] });
    const all = parseVoiceList(stdout, this.id);
    if (!language) return all;
    const primary = language.toLowerCase().split(/[-_]/)[0]!;
    const base = findLanguage(language)?.espeak.split('-')[0];
    return all.filter((v) => {
      const p = v.language.split('-')[0];
      return p === primary || p === base;
    });
  }

  /**
   * Each word's phonemes as espeak-ng would say it in `language` (digits read out, silent letters dropped), for the
   * word aligner's expected durations. First the words as one sentence, so function words come out reduced as in
   * connected speech ("the" is a short schwa); when espeak's words do not line up one to one with ours (a number read
   * as several words, two words run together), each word alone, one per line, each ending a clause. Undefined when
   * neither lines up.
   */
  async phonemize(words: readonly string[], language: string, signal?: AbortSignal): Promise<string[] | undefined> {
    const spoken = words.map((w) => cleanText(w).replace(/[^\p{L}\p{N}'’-]+/gu, ' ').trim());
    const asked = spoken.filter(Boolean);
    if (!asked.length) return words.map(() => '');
    const engine = await this.engine();
    const run = (text: string) => this.limiter.run(() => engine.run({ args: ['-v', espeakVoiceFor(language)], text, phonemes: true, signal }), signal);
    const inOrder = (lines: string[]) => {
      let next = 0;
      return spoken.map((w) => (w ? lines[next++]! : ''));
    };
    const together = (await run(asked.join(' '))).stdout.split(/\s+/).filter(Boolean);
    if (together.length === asked.length && asked.every((w) => !/\s/.test(w))) return inOrder(together);
    const lines = (await run(asked.map((w) => `${w}.`).join('\n'))).stdout.split('\n').map((l) => l.trim()).filter(Boolean);
    return lines.length === asked.length ? inOrder(lines) : undefined;
  }

  async synthesize(text: string, voice: string, opts: SynthesizeOptions = {}): Promise<SynthesisResult> {
    const id = isNamedVoice(voice) ? this.namedVoice(voice, opts.language ?? 'en') : voice;
    if (!VOICE_ID.test(id)) throw new VideogenError('TTS_FAILED', `"${voice}" is not an espeak-ng voice; use e.g. en-us, de+f3 or a named voice`, { voice });
    const clean = cleanText(text);
    if (clean === '') return { pcm: new Int16Array(0), sampleRate: 22_050, channels: 1 };
    const wpm = Math.round(Math.min(MAX_WPM, Math.max(MIN_WPM, this.wpm * (opts.rate ?? 1))));
    const engine = await this.engine();
    const { wav } = await this.limiter.run(
      () => engine.run({ args: ['-v', id, '-s', String(wpm)], text: clean, signal: opts.signal }),
      opts.signal,
    );
    if (!wav || wav.length <= 44) throw new VideogenError('TTS_FAILED', `espeak-ng produced no audio for voice ${id}`, { voice: id });
    const { pcm, sampleRate } = parseWav(wav);
    return { pcm, sampleRate, channels: 1 };
  }
}

/**
 * espeak reads plain text (no `-m`), so markup characters are spoken literally and need no escaping; control characters
 * are replaced because espeak treats some of them (e.g. form feed) as clause breaks with odd pauses.
 */
function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ').trim();
}

/**
 * Parses `espeak-ng --voices`: columns Pty, Language, Age/Gender, VoiceName, File, Other Languages. Names use "_" for
 * spaces, so whitespace splitting is safe.
 */
export function parseVoiceList(stdout: string, provider: string): VoiceInfo[] {
  const voices: VoiceInfo[] = [];
  for (const line of stdout.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 5) continue;
    const [, language, ageGender, name] = cols as [string, string, string, string];
    const g = ageGender.split('/')[1];
    // Only variant voices (`--voices=variant`) have a meaningful gender; language voices are all listed as M.
    const gender = language === 'variant' ? (g === 'M' ? 'male' : g === 'F' ? 'female' : undefined) : undefined;
    voices.push({ id: language, provider, name: name.replace(/_/g, ' '), language, ...(gender ? { gender } : {}), description: `espeak-ng ${cols[4]}` });
  }
  return voices;
}

import type { SynthesisResult, SynthesizeOptions, TtsProvider, VoiceInfo } from '../../src/voice/types.ts';
import { tone } from './helpers.ts';

/** A provider that counts calls and returns a tone whose length depends on the text, so results are distinguishable. */
export class CountingProvider implements TtsProvider {
  readonly id: string;
  readonly formatVersion = '1';
  calls: Array<{ text: string; voice: string; opts: SynthesizeOptions }> = [];

  constructor(id = 'fake') {
    this.id = id;
  }

  async available(): Promise<boolean> { return true; }
  async voices(): Promise<VoiceInfo[]> { return [{ id: 'v1', provider: this.id, name: 'V1', language: 'en' }]; }
  namedVoice(name: string, language: string): string { return `${this.id}-${name}-${language}`; }

  async synthesize(text: string, voice: string, opts: SynthesizeOptions = {}): Promise<SynthesisResult> {
    this.calls.push({ text, voice, opts });
    await new Promise((r) => setTimeout(r, 5));
    return { pcm: tone(0.1 + text.length / 100, 24_000), sampleRate: 24_000, channels: 1, words: [{ text, offsetMs: 0, durationMs: 100 }] };
  }
}

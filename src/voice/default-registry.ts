import { ElevenLabsTtsProvider } from './elevenlabs.ts';
import type { ElevenLabsOptions } from './elevenlabs.ts';
import { EdgeTtsProvider } from './edge.ts';
import type { EdgeProviderOptions } from './edge.ts';
import { EspeakProvider } from './espeak.ts';
import type { EspeakProviderOptions } from './espeak.ts';
import { OpenAiTtsProvider } from './openai.ts';
import type { OpenAiTtsOptions } from './openai.ts';
import { TtsRegistry } from './registry.ts';

/**
 * Voice settings as `loadConfig()` provides them (keys come from the environment there, never read here).
 * Every provider is registered; cloud ones report `available() === false` until they have a key.
 */
export interface VoiceConfig {
  /** Provider for named voices and unrecognised ids. Default `espeak` (offline). */
  defaultProvider?: string;
  /** ffmpeg binary, used to decode Edge's MP3. */
  ffmpegPath?: string;
  espeak?: EspeakProviderOptions;
  /** `false` leaves Edge out entirely (air-gapped installs, or a policy against unofficial endpoints). */
  edge?: EdgeProviderOptions | false;
  openai?: OpenAiTtsOptions;
  elevenlabs?: ElevenLabsOptions;
}

export function createDefaultRegistry(config: VoiceConfig = {}): TtsRegistry {
  const registry = new TtsRegistry();
  registry.register(new EspeakProvider(config.espeak));
  if (config.edge !== false) registry.register(new EdgeTtsProvider({ ffmpegPath: config.ffmpegPath, ...config.edge }));
  registry.register(new OpenAiTtsProvider(config.openai));
  registry.register(new ElevenLabsTtsProvider(config.elevenlabs));
  if (config.defaultProvider) registry.setDefaultProvider(config.defaultProvider);
  return registry;
}

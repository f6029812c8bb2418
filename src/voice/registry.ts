import { VideogenError } from '../errors.ts';
import { isNamedVoice } from './types.ts';
import type { TtsProvider } from './types.ts';

/**
 * Providers by id, and the rules that turn a voice reference from a spec into a concrete (provider, voice) pair.
 * The pipeline asks the registry, never a concrete provider class (ARCHITECTURE §3).
 */
export interface ResolvedVoice {
  provider: string;
  voiceId: string;
}

export class TtsRegistry {
  private readonly providers = new Map<string, TtsProvider>();

  /** @param defaultProvider used for named voices and unrecognised bare ids; espeak, because it works offline. */
  constructor(private defaultProvider = 'espeak') {}

  register(provider: TtsProvider): this {
    this.providers.set(provider.id, provider);
    return this;
  }

  get(id: string): TtsProvider {
    const provider = this.providers.get(id);
    if (!provider) {
      throw new VideogenError('TTS_UNAVAILABLE', `no TTS provider "${id}"; available: ${[...this.providers.keys()].join(', ') || 'none'}`, { provider: id });
    }
    return provider;
  }

  has(id: string): boolean {
    return this.providers.has(id);
  }

  list(): TtsProvider[] {
    return [...this.providers.values()];
  }

  get defaultProviderId(): string {
    return this.defaultProvider;
  }

  setDefaultProvider(id: string): void {
    this.get(id);
    this.defaultProvider = id;
  }

  /**
   * Resolves a voice reference:
   * - a named voice (`male`, `male_warm`, `female`, `female_friendly`) → the default provider's voice for `language`;
   * - `provider:voice` (`edge:en-US-AriaNeural`, `espeak:en-us+f3`, `openai:male`) → that provider;
   * - a bare id → the provider that recognises it (`en-US-AriaNeural` → edge), else the default provider.
   */
  resolveVoice(ref: string, language = 'en'): ResolvedVoice {
    const trimmed = ref.trim();
    const colon = trimmed.indexOf(':');
    if (colon > 0 && this.providers.has(trimmed.slice(0, colon))) {
      return this.named(trimmed.slice(0, colon), trimmed.slice(colon + 1), language);
    }
    if (colon > 0 && /^[a-z][a-z0-9_-]*$/.test(trimmed.slice(0, colon))) {
      throw new VideogenError('TTS_UNAVAILABLE', `voice "${ref}" names TTS provider "${trimmed.slice(0, colon)}", which is not configured`, { voice: ref });
    }
    if (isNamedVoice(trimmed)) return this.named(this.defaultProvider, trimmed, language);
    for (const provider of this.providers.values()) {
      if (provider.ownsVoice?.(trimmed)) return { provider: provider.id, voiceId: trimmed };
    }
    return { provider: this.defaultProvider, voiceId: trimmed };
  }

  private named(providerId: string, voice: string, language: string): ResolvedVoice {
    const provider = this.get(providerId);
    if (!isNamedVoice(voice)) return { provider: providerId, voiceId: voice };
    const concrete = provider.namedVoice?.(voice, language);
    if (!concrete) throw new VideogenError('TTS_FAILED', `TTS provider "${providerId}" has no "${voice}" voice; give a voice id instead`, { voice, provider: providerId });
    return { provider: providerId, voiceId: concrete };
  }
}

/** The spec fields rotation reads; structurally compatible with VideoSpec and its scenes. */
export interface VoiceSelection {
  voice?: string;
  voices?: readonly string[];
}

/**
 * The voice reference for scene `index`: the scene's own voice wins; otherwise the video's `voices` rotate scene by
 * scene; otherwise the video's `voice`; otherwise `male`. Unlike video_gen, a scene that asks for `male` keeps it
 * (video_gen treated "male" as unset and rotated it away; reference §4.2).
 */
export function voiceForScene(video: VoiceSelection, scene: { voice?: string }, index: number): string {
  if (scene.voice) return scene.voice;
  const n = video.voices?.length ?? 0;
  if (n > 0) return video.voices![((index % n) + n) % n]!;
  return video.voice ?? 'male';
}

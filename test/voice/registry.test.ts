import { describe, expect, it } from 'vitest';
import { createDefaultRegistry } from '../../src/voice/default-registry.ts';
import { LANGUAGES, edgeVoiceFor, espeakVoiceFor, findLanguage } from '../../src/voice/languages.ts';
import { TtsRegistry, voiceForScene } from '../../src/voice/registry.ts';
import { CountingProvider } from './fake-provider.ts';

describe('TtsRegistry.resolveVoice', () => {
  const registry = createDefaultRegistry({ openai: { apiKey: 'k' } });

  it('registers every provider, espeak as default, cloud ones unavailable without keys', async () => {
    expect(registry.list().map((p) => p.id)).toEqual(['espeak', 'edge', 'openai', 'elevenlabs']);
    expect(registry.defaultProviderId).toBe('espeak');
    expect(await registry.get('openai').available()).toBe(true);
    expect(await registry.get('elevenlabs').available()).toBe(false);
    expect(createDefaultRegistry({ edge: false }).has('edge')).toBe(false);
  });

  it('maps named voices through the default provider, language-aware', () => {
    expect(registry.resolveVoice('male')).toEqual({ provider: 'espeak', voiceId: 'en-us+m3' });
    expect(registry.resolveVoice('female_friendly', 'fr')).toEqual({ provider: 'espeak', voiceId: 'fr-fr+f4' });
    expect(registry.resolveVoice('male_warm', 'pt-PT')).toEqual({ provider: 'espeak', voiceId: 'pt+m7' });
  });

  it('honours provider:voice references, including named voices per provider', () => {
    expect(registry.resolveVoice('edge:en-US-AriaNeural')).toEqual({ provider: 'edge', voiceId: 'en-US-AriaNeural' });
    expect(registry.resolveVoice('espeak:en-us+f3')).toEqual({ provider: 'espeak', voiceId: 'en-us+f3' });
    expect(registry.resolveVoice('edge:male', 'de')).toEqual({ provider: 'edge', voiceId: 'de-DE-ConradNeural' });
    expect(registry.resolveVoice('openai:female')).toEqual({ provider: 'openai', voiceId: 'nova' });
    expect(registry.resolveVoice('elevenlabs:male_warm')).toEqual({ provider: 'elevenlabs', voiceId: 'ErXwobaYiN019PkySvjV' });
    expect(() => registry.resolveVoice('azure:en-US-AriaNeural')).toThrow(/not configured/);
  });

  it('recognises bare provider ids', () => {
    expect(registry.resolveVoice('en-US-AvaMultilingualNeural')).toEqual({ provider: 'edge', voiceId: 'en-US-AvaMultilingualNeural' });
    expect(registry.resolveVoice('shimmer')).toEqual({ provider: 'openai', voiceId: 'shimmer' });
    expect(registry.resolveVoice('21m00Tcm4TlvDq8ikWAM')).toEqual({ provider: 'elevenlabs', voiceId: '21m00Tcm4TlvDq8ikWAM' });
    expect(registry.resolveVoice('de+f3')).toEqual({ provider: 'espeak', voiceId: 'de+f3' });
    expect(registry.resolveVoice('something-else')).toEqual({ provider: 'espeak', voiceId: 'something-else' });
  });

  it('switches the default provider', () => {
    const r = new TtsRegistry().register(new CountingProvider('a')).register(new CountingProvider('b'));
    r.setDefaultProvider('b');
    expect(r.resolveVoice('female', 'it')).toEqual({ provider: 'b', voiceId: 'b-female-it' });
    expect(() => r.setDefaultProvider('zzz')).toThrow(/no TTS provider "zzz"/);
  });
});

describe('voiceForScene', () => {
  it('scene voice wins, then rotation, then the video voice, then male', () => {
    const video = { voices: ['male', 'female', 'male_warm'] };
    const picks = [0, 1, 2, 3].map((i) => voiceForScene(video, {}, i));
    expect(picks).toEqual(['male', 'female', 'male_warm', 'male']);
    // Unlike video_gen, an explicit "male" is kept rather than rotated away.
    expect(voiceForScene(video, { voice: 'male' }, 1)).toBe('male');
    expect(voiceForScene({ voice: 'female' }, {}, 5)).toBe('female');
    expect(voiceForScene({ voice: 'female', voices: ['edge:male'] }, {}, 5)).toBe('edge:male');
    expect(voiceForScene({}, {}, 0)).toBe('male');
  });
});

describe('language registry', () => {
  it('holds the 29 languages of video_gen with 86 Edge voices', () => {
    expect(LANGUAGES).toHaveLength(29);
    const distinct = new Set(LANGUAGES.flatMap((l) => Object.values(l.edge)));
    expect(distinct.size).toBe(86);
    expect(LANGUAGES.filter((l) => l.rtl).map((l) => l.code)).toEqual(['ar', 'he']);
    for (const l of LANGUAGES) {
      expect(l.edge.male).toMatch(/Neural$/);
      expect(l.edge.female).toMatch(/Neural$/);
    }
  });

  it('finds languages by BCP-47 tag and aliases', () => {
    expect(findLanguage('pt-BR')?.name).toBe('Portuguese');
    expect(findLanguage('nb')?.code).toBe('no');
    expect(findLanguage('zh-Hans')?.nativeName).toBe('中文');
    expect(findLanguage('xx')).toBeUndefined();
    expect(edgeVoiceFor('female', 'zh-TW')).toBe('zh-TW-HsiaoChenNeural');
    expect(edgeVoiceFor('male', 'xx')).toBe('en-US-AndrewMultilingualNeural');
    expect(espeakVoiceFor('en-GB')).toBe('en-gb');
    expect(espeakVoiceFor('no')).toBe('nb');
  });
});

import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { isVideogenError } from '../../errors.ts';
import { createDefaultRegistry, encodeWav, findLanguage, type LanguageInfo, type TtsRegistry } from '../../voice/index.ts';
import { apiError } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { ErrorSchema } from '../schemas.ts';

/**
 * One sentence per language that has narration phrase tables; other languages say their own name (the catalogue's
 * native name), which is still that language and enough to judge a voice by.
 */
const SAMPLE_SENTENCES: Record<string, string> = {
  en: 'Hello! This is how I will sound when I narrate your video.',
  de: 'Hallo! So klinge ich, wenn ich Ihr Video spreche.',
  es: '¡Hola! Así sonaré cuando narre tu vídeo.',
  fr: 'Bonjour ! Voici ma voix quand je raconterai votre vidéo.',
  it: 'Ciao! Ecco come suonerò quando narrerò il tuo video.',
  pt: 'Olá! É assim que vou soar quando narrar o seu vídeo.',
  nl: 'Hallo! Zo klink ik wanneer ik je video inspreek.',
  ru: 'Здравствуйте! Так будет звучать мой голос в вашем видео.',
  ar: 'مرحبًا! هكذا سيبدو صوتي عندما أروي الفيديو الخاص بك.',
  hi: 'नमस्ते! आपके वीडियो में मेरी आवाज़ ऐसी सुनाई देगी।',
  ja: 'こんにちは。あなたの動画をこの声でナレーションします。',
  ko: '안녕하세요! 영상을 이 목소리로 읽어 드립니다.',
  zh: '你好！我会用这个声音为你的视频配音。',
};

export function sampleSentence(language: LanguageInfo): string {
  return SAMPLE_SENTENCES[language.code] ?? `${language.nativeName}.`;
}

/** Clips are a few seconds of 16-bit mono (~150 KB each); 32 of them bound the cache to a few megabytes. */
const CACHE_ENTRIES = 32;

/** A tiny LRU: a Map iterates in insertion order, so re-inserting on a hit keeps the oldest entry first. */
class ClipCache {
  private readonly clips = new Map<string, Uint8Array>();
  get(key: string): Uint8Array | undefined {
    const clip = this.clips.get(key);
    if (clip) {
      this.clips.delete(key);
      this.clips.set(key, clip);
    }
    return clip;
  }
  set(key: string, clip: Uint8Array): void {
    this.clips.set(key, clip);
    while (this.clips.size > CACHE_ENTRIES) this.clips.delete(this.clips.keys().next().value!);
  }
}

const Query = z
  .object({
    voice: z.string().trim().min(1).max(100).describe('A named voice (male, male_warm, female, female_friendly), provider:voice (espeak:de+f3) or a voice id from GET /api/voices'),
    lang: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language code such as en or pt-BR' })
      .refine((tag) => findLanguage(tag) !== undefined, { error: 'must be a language of GET /api/languages' })
      .default('en')
      .describe('Language of the sample sentence (and of a named voice)'),
  })
  .strict();

/** The concrete (provider, voice) of a reference, or NOT_FOUND when no configured provider has such a voice. */
async function knownVoice(registry: TtsRegistry, ref: string, language: string): Promise<{ provider: string; voiceId: string }> {
  let resolved: { provider: string; voiceId: string };
  try {
    resolved = registry.resolveVoice(ref, language);
  } catch (error) {
    if (isVideogenError(error)) throw apiError('NOT_FOUND', `no voice "${ref}" on this server: ${error.message}; GET /api/voices lists the voices`, { voice: ref });
    throw error;
  }
  const provider = registry.get(resolved.provider);
  if (!(await provider.available().catch(() => false))) throw apiError('TTS_UNAVAILABLE', `the ${provider.id} voices are not configured on this server (no API key)`, { provider: provider.id });
  const ids = new Set((await provider.voices().catch(() => [])).map((v) => v.id));
  // espeak voices are "<language>+<variant>": the language part is what its catalogue lists.
  const base = resolved.voiceId.split('+')[0]!;
  if (!ids.has(resolved.voiceId) && !(ids.has(base) && provider.ownsVoice?.(resolved.voiceId))) {
    throw apiError('NOT_FOUND', `no voice "${ref}" on this server; GET /api/voices lists the voices`, { voice: ref });
  }
  return resolved;
}

/** `GET /api/voices/sample?voice=…&lang=…`: a short spoken sample of a voice (audio), cached per voice. */
export function voiceSampleRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The same registry the pipeline builds from the config, so a sample is the voice a render would use.
  const registry = createDefaultRegistry(app.deps.config.voice);
  const cache = new ClipCache();

  r.get('/api/voices/sample', {
    schema: {
      tags: ['catalogue'],
      summary: 'A few seconds of a voice saying a fixed sentence in a language (audio/wav), for choosing a voice',
      querystring: Query,
      produces: ['audio/wav'],
      response: {
        200: z.any().describe('audio/wav, mono 16-bit PCM'),
        404: ErrorSchema.describe('NOT_FOUND: no such voice on this server'),
        503: ErrorSchema.describe('TTS_UNAVAILABLE: the voice\'s provider is not configured'),
      },
    },
    config: { rateLimit: rateLimit(options.rateLimits, 'read') },
  }, async (request, reply) => {
    const language = findLanguage(request.query.lang)!;
    const { provider, voiceId } = await knownVoice(registry, request.query.voice, request.query.lang);
    const key = `${provider}:${voiceId}:${language.code}`;
    let clip = cache.get(key);
    // Says whether the clip was spoken for this request or came from the cache (clients and tests can tell).
    reply.header('x-cache', clip ? 'hit' : 'miss');
    if (!clip) {
      const spoken = await registry.get(provider).synthesize(sampleSentence(language), voiceId, { language: request.query.lang });
      clip = encodeWav(spoken.pcm, spoken.sampleRate);
      cache.set(key, clip);
    }
    return reply.header('content-type', 'audio/wav').header('cache-control', 'private, max-age=3600').send(Buffer.from(clip));
  });
}

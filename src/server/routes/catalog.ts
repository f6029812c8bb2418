import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { buildTheme } from '../../render/theme.ts';
import { ACCENTS, ASPECTS, SCENE_SCHEMAS, THEME_MODES } from '../../spec/index.ts';
import { LANGUAGES, NAMED_VOICES, createDefaultRegistry, type VoiceInfo } from '../../voice/index.ts';
import { rateLimit } from '../limits.ts';
import { hasNarrationTemplates } from '../../writing/templates.ts';
import { translateDepsFromConfig } from '../../writing/translate/bound.ts';
import { translationReport } from '../../writing/translate/registry.ts';

/**
 * Catalogues the web UI builds its forms from. Scene kinds come straight from the spec's zod schemas (with their
 * `.describe()` texts), so the API, the JSON Schema and the builder cannot drift apart.
 */
const SCENE_KINDS = SCENE_SCHEMAS.map((schema) => {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { description?: string }>; required?: string[]; description?: string };
  const kind = schema.shape.kind.value;
  return { kind, description: schema.description ?? json.description ?? null, required: (json.required ?? []).filter((f) => f !== 'kind'), fields: json.properties ?? {} };
});

const VOICE_CACHE_MS = 10 * 60_000;

export function catalogRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { rateLimit: rateLimit(options.rateLimits, 'read') };
  const voiceCache = new Map<string, { at: number; voices: (VoiceInfo & { available: boolean })[] }>();

  r.get('/api/scene-kinds', {
    schema: { tags: ['catalogue'], summary: 'Every scene kind with its fields (JSON Schema, with descriptions)', response: { 200: z.object({ kinds: z.array(z.object({ kind: z.string(), description: z.string().nullable(), required: z.array(z.string()), fields: z.record(z.string(), z.unknown()) })) }) } },
    config: read,
  }, async () => ({ kinds: SCENE_KINDS }));

  r.get('/api/voices', {
    schema: {
      tags: ['catalogue'],
      summary: 'Voices of every TTS provider (espeak-ng works offline; cloud providers need keys)',
      querystring: z.object({ lang: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language code such as en or pt-BR' }).optional() }),
      response: { 200: z.object({ named: z.array(z.string()), voices: z.array(z.object({ id: z.string(), provider: z.string(), name: z.string(), language: z.string(), gender: z.string().optional(), description: z.string().optional(), available: z.boolean() })) }) },
    },
    config: read,
  }, async (request) => {
    const key = request.query.lang ?? '';
    const hit = voiceCache.get(key);
    if (hit && Date.now() - hit.at < VOICE_CACHE_MS) return { named: [...NAMED_VOICES], voices: hit.voices };
    const registry = createDefaultRegistry(app.deps.config.voice);
    const voices: (VoiceInfo & { available: boolean })[] = [];
    for (const provider of registry.list()) {
      const available = await provider.available().catch(() => false);
      for (const v of await provider.voices(request.query.lang).catch(() => [])) voices.push({ ...v, available });
    }
    voiceCache.set(key, { at: Date.now(), voices });
    return { named: [...NAMED_VOICES], voices };
  });

  r.get('/api/themes', {
    schema: { tags: ['catalogue'], summary: 'Accents, modes and the colours each combination uses', response: { 200: z.object({ accents: z.array(z.string()), modes: z.array(z.string()), aspects: z.array(z.string()), themes: z.array(z.object({ accent: z.string(), mode: z.string(), colors: z.record(z.string(), z.union([z.string(), z.number()])) })) }) } },
    config: read,
  }, async () => ({
    accents: [...ACCENTS],
    modes: [...THEME_MODES],
    aspects: [...ASPECTS],
    themes: ACCENTS.flatMap((accent) =>
      THEME_MODES.map((mode) => {
        const { mode: _m, accentName: _a, ...colors } = buildTheme(accent, mode);
        return { accent, mode, colors };
      }),
    ),
  }));

  r.get('/api/languages', {
    schema: { tags: ['catalogue'], summary: 'Languages with their voices (named keys → Edge voices; espeak-ng offline voice) and whether scenes without narration can be narrated in them offline', response: { 200: z.object({ languages: z.array(z.object({ code: z.string(), name: z.string(), nativeName: z.string(), script: z.string(), rtl: z.boolean(), espeak: z.string(), voices: z.record(z.string(), z.string()), narrationTemplates: z.boolean().describe('false: a scene without narration is narrated by translating the English template (or stays silent without a translator)') })), total: z.number() }) } },
    config: read,
  }, async () => ({ languages: LANGUAGES.map((l) => ({ code: l.code, name: l.name, nativeName: l.nativeName, script: l.script, rtl: l.rtl, espeak: l.espeak, voices: l.edge, narrationTemplates: hasNarrationTemplates(l.code) })), total: LANGUAGES.length }));

  // Built once: providers ask their servers for their language lists once per process, not per request.
  const translateDeps = translateDepsFromConfig(app.deps.config);
  r.get('/api/translation-providers', {
    schema: {
      tags: ['catalogue'],
      summary: 'Translation providers of this server and the language pairs each can translate (for the `languages` option)',
      response: { 200: z.object({ providers: z.array(z.object({ id: z.string(), configured: z.boolean(), label: z.string(), pairs: z.array(z.string()).describe('"en-es"; "*" for any pair of /api/languages'), reason: z.string().optional() })) }) },
    },
    config: read,
  }, async () => ({ providers: await translationReport(translateDeps) }));
}

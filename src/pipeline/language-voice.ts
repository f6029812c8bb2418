import type { VideoSpec } from '../spec/index.ts';
import { LANGUAGES, findLanguage } from '../voice/languages.ts';
import { isNamedVoice } from '../voice/types.ts';

/** Edge voice id → its catalogue key's gender (`en-US-AriaNeural` → female). */
const EDGE_GENDER = new Map(LANGUAGES.flatMap((l) => Object.entries(l.edge).map(([key, id]) => [id, key.endsWith('female') ? 'female' : 'male'] as const)));

/**
 * A voice reference for another language. Named voices (`male`, `edge:female`) already follow the spec's language
 * (the providers pick that language's voice); so do voices that speak any language (OpenAI, ElevenLabs). A voice of
 * one language — an Edge id `en-US-AriaNeural` or an espeak voice `en-us+f3` — would read German with an English
 * accent, so it becomes the named voice of the same gender on the same provider, and the caller warns.
 */
export function voiceForLanguage(ref: string, language: string): string {
  const colon = ref.indexOf(':');
  const provider = colon > 0 ? ref.slice(0, colon) : undefined;
  const id = colon > 0 ? ref.slice(colon + 1) : ref;
  if (isNamedVoice(id)) return ref;
  const own = /^([a-z]{2,3})(?=$|[-_+])/i.exec(id)?.[1];
  const voiceLanguage = own ? findLanguage(own) : undefined;
  if (!voiceLanguage || voiceLanguage.code === findLanguage(language)?.code) return ref;
  const edge = EDGE_GENDER.get(id);
  const gender = edge ?? (/\+f\d*$/i.test(id) ? 'female' : 'male');
  return `${provider ?? (edge || /Neural$/.test(id) ? 'edge' : 'espeak')}:${gender}`;
}

/** The spec's `voice`, `voices` and scene voices, each made right for the spec's language; warnings say what changed. */
export function localiseVoices(spec: VideoSpec): { spec: VideoSpec; warnings: string[] } {
  const changed = new Map<string, string>();
  const fix = (ref: string) => {
    const local = voiceForLanguage(ref, spec.language);
    if (local !== ref) changed.set(ref, local);
    return local;
  };
  const out: VideoSpec = {
    ...spec,
    ...(spec.voice ? { voice: fix(spec.voice) } : {}),
    ...(spec.voices ? { voices: spec.voices.map(fix) } : {}),
    scenes: spec.scenes.map((scene) => (scene.voice ? { ...scene, voice: fix(scene.voice) } : scene)),
  };
  const name = findLanguage(spec.language)?.name ?? spec.language;
  const warnings = [...changed].map(([from, to]) => `voice "${from}" speaks another language; the ${name} video uses "${to}" instead (choose one with --language-voice ${spec.language}=…)`);
  return { spec: out, warnings };
}

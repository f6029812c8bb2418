import { withTimeout } from './async.ts';
import { edgeHeaders, voicesUrl } from './edge-protocol.ts';
import { LANGUAGES } from './languages.ts';
import type { VoiceInfo } from './types.ts';

/** Edge's voice list: fetched from the service, or the built-in 29-language catalogue when the service is unreachable. */

interface EdgeVoiceEntry {
  ShortName: string;
  FriendlyName?: string;
  Gender?: string;
  Locale: string;
  VoiceTag?: { VoicePersonalities?: string[] };
}

function matchesLanguage(locale: string, language: string | undefined): boolean {
  if (!language) return true;
  const want = language.toLowerCase();
  const have = locale.toLowerCase();
  return want.includes('-') ? have === want : have.split('-')[0] === want;
}

/** `en-US-AvaMultilingualNeural` → `Ava`, video_gen's friendly-name rule. */
function shortLabel(id: string): string {
  return (id.split('-').pop() ?? id).replace(/(Multilingual)?Neural$/, '');
}

export async function listEdgeVoices(baseUrl: string, nowMs: number, chromiumVersion: string, language?: string): Promise<VoiceInfo[]> {
  try {
    const res = await fetch(voicesUrl(baseUrl, nowMs, chromiumVersion), { headers: edgeHeaders(chromiumVersion), signal: withTimeout(10_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const list = (await res.json()) as EdgeVoiceEntry[];
    return list.filter((v) => matchesLanguage(v.Locale, language)).map((v) => {
      const gender = v.Gender === 'Male' ? 'male' : v.Gender === 'Female' ? 'female' : undefined;
      const personalities = v.VoiceTag?.VoicePersonalities?.join(', ');
      return {
        id: v.ShortName, provider: 'edge', name: shortLabel(v.ShortName), language: v.Locale,
        ...(gender ? { gender } : {}), ...(personalities ? { description: personalities } : {}),
      };
    });
  } catch {
    // Offline listing still helps users pick a voice; synthesis will report the network problem itself.
    return catalogueVoices(language);
  }
}

export function catalogueVoices(language?: string): VoiceInfo[] {
  const seen = new Set<string>();
  const voices: VoiceInfo[] = [];
  for (const lang of LANGUAGES) {
    for (const [key, id] of Object.entries(lang.edge)) {
      const locale = id.split('-').slice(0, 2).join('-');
      if (seen.has(id) || !matchesLanguage(locale, language)) continue;
      seen.add(id);
      voices.push({ id, provider: 'edge', name: shortLabel(id), language: locale, gender: key.includes('female') ? 'female' : 'male', description: `${lang.name} (${key})` });
    }
  }
  return voices;
}

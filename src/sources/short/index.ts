import type { VideoSpec } from '../../spec/index.ts';
import type { LlmProvider } from '../../writing/llm/types.ts';
import { VideogenError } from '../../errors.ts';
import { llmShortScript } from './llm-script.ts';
import { nicheAccent, shortSpec, templateShortScript, type ShortOptions } from './script.ts';
import { NICHE_MOODS, type Niche } from './niches.ts';
import { extractKeywords } from '../../assets/keywords.ts';
import { topicPhrase } from './topic-phrase.ts';

export { NICHES, detectNiche, isNiche, type Niche } from './niches.ts';
export { asShort } from './as-short.ts';
export { SHORT_SECONDS, estimateShortSeconds, templateShortScript, type ShortOptions, type ShortScript } from './script.ts';

/**
 * A topic → a 9:16 Short spec: written by the language model when one is configured, otherwise from the niche's
 * built-in template (English only), so `create --topic … --format short` always works offline.
 */
export async function shortFromTopic(topic: string, llm: LlmProvider | undefined, options: ShortOptions & { signal?: AbortSignal } = {}): Promise<{ spec: VideoSpec; niche: Niche; writer: 'llm' | 'template'; warnings: string[] }> {
  if (!topic.trim()) throw new VideogenError('USAGE', 'the topic is empty; say what the Short is about, e.g. --topic "Why octopuses are smart"');
  if (llm) return { ...(await llmShortScript(topic, llm, options)), writer: 'llm' };
  const { script, niche } = templateShortScript(topic, options);
  // Footage for the topic: its nouns ("octopuses", "Roman Empire"), else the topic's own words.
  const stock = (extractKeywords(topic)[0] ?? topicPhrase(topic).title).slice(0, 200);
  const spec = shortSpec(script, { accent: nicheAccent(niche), mood: NICHE_MOODS[niche], language: options.language ?? 'en', broll: options.broll ? 'auto' : 'off', stock });
  // The templates are fixed text; a failure here is a bug in them, not in the user's topic.
  if (!spec.ok) throw new VideogenError('INTERNAL', `the ${niche} Short template made an invalid spec: ${spec.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return { spec: spec.value, niche, writer: 'template', warnings: [] };
}

import { z } from 'zod';
import { VideogenError } from '../../errors.ts';
import type { VideoSpec } from '../../spec/index.ts';
import type { LlmMessage, LlmProvider } from '../../writing/llm/types.ts';
import { HEADLINE_WORDS } from './topic-phrase.ts';
import { NICHES, NICHE_MOODS, detectNiche, type Niche } from './niches.ts';
import { SHORT_BEATS, SHORT_SECONDS, clampShortSeconds, estimateShortSeconds, nicheAccent, shortSpec, type ShortOptions, type ShortScript } from './script.ts';
import { checkContent } from '../../writing/content-check.ts';

const LineSchema = z.object({ screen: z.string().trim().min(1), say: z.string().trim().min(1) });

/** What the model returns: the script's parts; the limits are checked by `problemsOf` so the repair can name them. */
const ShortScriptSchema = z.object({
  title: z.string().trim().min(1),
  description: z.string().trim().min(1).optional(),
  niche: z.enum(NICHES).optional(),
  hook: LineSchema,
  beats: z.array(LineSchema).min(1),
  cta: LineSchema,
  disclaimer: z.string().trim().min(1).optional(),
});

type Draft = z.infer<typeof ShortScriptSchema>;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Everything a Short must satisfy besides the spec schema, as messages the model can act on. */
function problemsOf(draft: Draft, language: string): string[] {
  const problems: string[] = [];
  if (draft.title.length > 100) problems.push(`title: ${draft.title.length} characters; YouTube allows 100`);
  if (draft.beats.length < SHORT_BEATS.min || draft.beats.length > SHORT_BEATS.max) problems.push(`beats: ${draft.beats.length}; write ${SHORT_BEATS.min} to ${SHORT_BEATS.max}`);
  if (words(draft.hook.screen) > HEADLINE_WORDS) problems.push(`hook.screen: ${words(draft.hook.screen)} words; at most ${HEADLINE_WORDS} so it reads in 2 seconds`);
  draft.beats.forEach((b, i) => {
    if (words(b.screen) > 6) problems.push(`beats[${i}].screen: ${words(b.screen)} words; at most 6`);
  });
  const seconds = estimateShortSeconds(draft, language);
  if (seconds < SHORT_SECONDS.min || seconds > SHORT_SECONDS.max) problems.push(`the narration lasts about ${Math.round(seconds)} s spoken; a Short must last ${SHORT_SECONDS.min}–${SHORT_SECONDS.max} s`);
  const needs = checkContent([draft.hook.say, ...draft.beats.map((b) => b.say), draft.cta.say, draft.disclaimer ?? '']);
  for (const issue of needs) problems.push(`${issue.message}: ${issue.fix.replace('to the outro', 'as "disclaimer"')}`);
  return problems;
}

/**
 * The language model writes the Short (structured output), checked against the Short's limits and the spec schema;
 * problems go back to it once, like scriptFromTopic.
 */
export async function llmShortScript(topic: string, llm: LlmProvider, options: ShortOptions & { signal?: AbortSignal } = {}): Promise<{ spec: VideoSpec; niche: Niche; warnings: string[] }> {
  const language = options.language ?? 'en';
  const seconds = clampShortSeconds(options.durationSeconds);
  const spoken = Math.round(seconds * 2.3);
  const messages: LlmMessage[] = [
    {
      role: 'system',
      content:
        `You write YouTube Shorts scripts for faceless channels (niches: ${NICHES.join(', ')}). A Short is 9:16, ${SHORT_SECONDS.min}–${SHORT_SECONDS.max} seconds: ` +
        `a hook that stops the scroll, ${SHORT_BEATS.min} to ${SHORT_BEATS.max} beats, and a call to action. Each part has "screen" (big on-screen text: the hook at most ${HEADLINE_WORDS} words, beats at most 6) ` +
        `and "say" (complete, grammatical spoken sentences in language "${language}", no emoji, no hashtags, no markdown). Facts must be accurate. ` +
        `Health topics need a medical disclaimer and money topics "This is not financial advice." in "disclaimer". Never include personal data or profanity.`,
    },
    { role: 'user', content: `Topic: ${topic}${options.niche ? `\nNiche: ${options.niche}` : ''}\nLength: about ${seconds} seconds, about ${spoken} words spoken in total.\nReturn {"title", "description", "niche", "hook", "beats", "cta", "disclaimer"?}.` },
  ];
  const ask = (extra: LlmMessage[] = []) => llm.generate({ messages: [...messages, ...extra], schema: ShortScriptSchema, schemaName: 'short_script', maxTokens: 4096, ...(options.signal ? { signal: options.signal } : {}) });
  const build = (draft: Draft) => {
    const niche = options.niche ?? draft.niche ?? detectNiche(topic);
    const script: ShortScript = draft;
    const spec = shortSpec(script, { accent: nicheAccent(niche), mood: NICHE_MOODS[niche], language, broll: options.broll ? 'auto' : 'off' });
    const problems = [...problemsOf(draft, language), ...(spec.ok ? [] : spec.problems.map((p) => `${p.path || '(root)'}: ${p.message}`))];
    return { niche, spec, problems };
  };
  const first = await ask();
  const checked = build(first);
  if (!checked.problems.length && checked.spec.ok) return { spec: checked.spec.value, niche: checked.niche, warnings: [] };
  const repaired = await ask([
    { role: 'assistant', content: JSON.stringify(first) },
    { role: 'user', content: `The script has these problems:\n${checked.problems.map((p) => `- ${p}`).join('\n')}\nFix them and return the whole corrected script.` },
  ]);
  const second = build(repaired);
  // After the one repair, only a broken shape is fatal; a Short a little long or a wordy line is said, not refused.
  if (second.spec.ok && !second.problems.some((p) => p.startsWith('beats:') || p.startsWith('title:'))) return { spec: second.spec.value, niche: second.niche, warnings: second.problems };
  throw new VideogenError('SPEC_INVALID', `the model's Short script for "${topic}" is still invalid after one repair`, { problems: second.problems.map((message) => ({ path: '', message })) });
}

import { z } from 'zod';
import type { VideogenConfig } from '../config.ts';
import { VideogenError } from '../errors.ts';
import { OPTIONS } from '../options/table.ts';
import type { SourceResolver } from '../queue/run-job.ts';
import { ASPECTS, type VideoSpec } from '../spec/index.ts';
import { NICHES, isNiche, shortFromTopic } from '../sources/short/index.ts';
import { scriptFromTopic } from '../sources/topic.ts';
import type { LlmProvider } from '../writing/llm/types.ts';
import { NO_LLM_MESSAGE, llmFromConfig } from '../writing/llm/registry.ts';

/** The seconds a long `--topic` video gets when the schedule does not say (as `videogen create --topic`). */
const TOPIC_SECONDS = 60;

const TopicInput = z.object({
  source: z.object({
    topic: z.string().trim().min(1, 'the topic is empty').max(500),
    format: z.enum(['short', 'video', 'long']).default('short'),
    niche: z.string().optional(),
    seed: z.number().int().optional(),
  }),
  options: z
    .object({
      language: z.string().min(2).max(35).optional(),
      // targetSeconds is the option table's (schedules); the other two are what older schedules stored.
      targetSeconds: OPTIONS.targetSeconds.type.optional(),
      durationSeconds: z.number().positive().max(3600).optional(),
      duration: z.number().positive().max(3600).optional(),
      aspect: z.enum(ASPECTS).optional(),
      // A Short's footage: true/'auto' asks the stock providers, as `--broll` does.
      broll: z.union([z.boolean(), z.enum(['auto', 'off'])]).optional(),
    })
    .passthrough()
    .default({}),
});

export type TopicJobInput = z.input<typeof TopicInput>;

/**
 * The resolver workers use for `create` jobs whose input is `{ source: { topic, format?, niche?,
 * seed? }, options? }` (what schedules make): a Short from the niche templates offline, or from the configured model.
 * A long video (`format: video`) is written by the model only: without one, LLM_UNAVAILABLE says how to configure it.
 * Anything else is USAGE (this worker only knows topic sources; documents are resolved when the job is submitted).
 */
export function topicSourceResolver(config: VideogenConfig, llm: () => LlmProvider | undefined = () => llmFromConfig(config.llm)): SourceResolver {
  return async (input, { signal }): Promise<VideoSpec> => {
    const parsed = TopicInput.safeParse(input);
    if (!parsed.success) {
      const where = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      throw new VideogenError('USAGE', `a create job's input must be { source: { topic, format?: short|video, niche?, seed? }, options? } (${where})`, { issues: parsed.error.issues });
    }
    const { source, options } = parsed.data;
    const durationSeconds = options.targetSeconds ?? options.durationSeconds ?? options.duration;
    const model = llm();
    if (source.format === 'short') {
      if (source.niche !== undefined && !isNiche(source.niche)) throw new VideogenError('USAGE', `niche must be one of ${NICHES.join(', ')} (got "${source.niche}")`);
      const made = await shortFromTopic(source.topic, model, {
        ...(source.niche !== undefined && isNiche(source.niche) ? { niche: source.niche } : {}),
        ...(source.seed !== undefined ? { seed: source.seed } : {}),
        ...(durationSeconds !== undefined ? { durationSeconds } : {}),
        ...(options.language ? { language: options.language } : {}),
        ...(options.broll === true || options.broll === 'auto' ? { broll: true } : {}),
        signal,
      });
      return made.spec;
    }
    // A long video about a topic needs facts only a model has; a Short can be written from a template.
    if (!model) throw new VideogenError('LLM_UNAVAILABLE', `a long video about "${source.topic.slice(0, 80)}" needs a language model: ${NO_LLM_MESSAGE}; or make the schedule's format short (a 30–60 s Short written offline from a built-in template)`);
    return scriptFromTopic(source.topic, model, {
      durationSeconds: durationSeconds ?? TOPIC_SECONDS,
      ...(options.aspect ? { aspect: options.aspect } : {}),
      ...(options.language ? { language: options.language } : {}),
      signal,
    });
  };
}

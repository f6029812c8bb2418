import { z } from 'zod';
import type { Scene, VideoSpec } from '../spec/index.ts';
import { narrationFor } from './templates.ts';
import type { LlmProvider } from './llm/types.ts';
import { LEAD_IN_SECONDS, TAIL_SECONDS, TRANSITION_SECONDS } from '../timeline/constants.ts';

export interface RewriteOptions {
  /** Whole-video length to aim for, in seconds (each scene's lead-in and tail included). */
  targetSeconds: number;
  /** Default 150: the measured rate of the default voice (editorial/estimate.ts WORDS_PER_SECOND × 60 = 152), rounded. */
  wordsPerMinute?: number;
  signal?: AbortSignal;
}

/** What is on screen, without narration and housekeeping fields: the facts the narration must stay true to. */
function visuals(scene: Scene): Record<string, unknown> {
  const { narration: _n, voice: _v, minDuration: _min, maxDuration: _max, transition: _t, background: _b, source: _s, ...rest } = scene;
  return rest;
}

/**
 * `--ai`: the model rewrites every scene's narration to fit the target duration (words = spoken seconds × wpm / 60,
 * split by how much each scene shows), keeping to the facts on screen. Ids and visuals never change; only narration
 * does. Spoken seconds are the target less every scene's silent lead-in and tail, which the timeline adds.
 */
export async function rewriteNarration(spec: VideoSpec, llm: LlmProvider, options: RewriteOptions): Promise<VideoSpec> {
  const wpm = options.wordsPerMinute ?? 150;
  const silent = spec.scenes.length * (LEAD_IN_SECONDS + Math.max(TAIL_SECONDS, TRANSITION_SECONDS));
  const spoken = Math.max(options.targetSeconds * 0.5, options.targetSeconds - silent);
  const totalWords = Math.max(spec.scenes.length * 8, Math.round((spoken * wpm) / 60));
  const ids = spec.scenes.map((s, i) => s.id ?? `scene-${i + 1}`);
  const weights = spec.scenes.map((s) => Math.max(1, JSON.stringify(visuals(s)).length));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const budget = weights.map((w) => Math.max(8, Math.round((totalWords * w) / weightSum)));

  const schema = z.object({
    scenes: z
      .array(z.object({ id: z.string(), narration: z.string().trim().min(1) }))
      .superRefine((scenes, ctx) => {
        const missing = ids.filter((id) => !scenes.some((s) => s.id === id));
        if (missing.length) ctx.addIssue({ code: 'custom', message: `missing scene ids: ${missing.join(', ')}; return one entry for every id` });
      }),
  });
  const scenes = spec.scenes.map((scene, i) => ({ id: ids[i], kind: scene.kind, onScreen: visuals(scene), currentNarration: narrationFor(scene, spec.language), targetWords: budget[i] }));
  const reply = await llm.generate({
    schemaName: 'narration_rewrite',
    signal: options.signal,
    messages: [
      {
        role: 'system',
        content:
          'You are a scriptwriter for narrated explainer videos. Rewrite the narration of every scene so it is spoken naturally, ' +
          'in complete grammatical sentences, in the video\'s language, close to each scene\'s targetWords. Keep every fact, name and number ' +
          'that is on screen, add no facts that are not there, and do not describe the visuals ("on this slide"). No markdown.',
      },
      {
        role: 'user',
        content: `Video "${spec.title}" (language ${spec.language}), about ${options.targetSeconds} seconds at ${wpm} words per minute, ${totalWords} words in all.\n\n${JSON.stringify(scenes, null, 1)}\n\nReturn {"scenes": [{"id", "narration"}]} with every id.`,
      },
    ],
    schema,
  });
  const written = new Map(reply.scenes.map((s) => [s.id, s.narration]));
  return { ...spec, scenes: spec.scenes.map((scene, i) => ({ ...scene, narration: written.get(ids[i]!) ?? narrationFor(scene, spec.language) })) };
}

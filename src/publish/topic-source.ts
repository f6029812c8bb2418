import type { VideogenConfig } from '../config.ts';
import type { SourceResolver } from '../queue/run-job.ts';

/**
 * OWNER: helper h3. The resolver workers use for `create` jobs whose input is `{ source: { topic, format?, niche?,
 * seed? }, options? }` (what schedules make): a Short from the niche templates offline, or from the configured model.
 */
export function topicSourceResolver(config: VideogenConfig): SourceResolver {
  void config;
  throw new Error('not implemented (h3)');
}

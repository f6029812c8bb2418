import type { EditorialPlan } from './plan.ts';

/** What the editorial pass left out or shortened, said once per document so the user can ask for more. */

const minutes = (seconds: number) => {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function named(headings: readonly string[], max = 6): string {
  const quoted = headings.slice(0, max).map((h) => `"${h}"`);
  return headings.length > max ? `${quoted.join(', ')} and ${headings.length - max} more` : quoted.join(', ');
}

export function planWarnings(plan: EditorialPlan, options: { budget: number; videos?: number | 'auto' | undefined; made: number }): string[] {
  const out: string[] = [];
  if (plan.skipped.length) out.push(`skipped ${plan.skipped.length} boilerplate section(s): ${plan.skipped.map((s) => `"${s.heading}" (${s.kind})`).join(', ')}`);
  const dropped = plan.videos.flatMap((v) => v.dropped);
  const condensed = plan.videos.flatMap((v) => v.condensed);
  const each = options.made > 1 ? ' each' : '';
  if (dropped.length || condensed.length) {
    const parts = [dropped.length ? `left out ${dropped.length} section(s): ${named(dropped)}` : '', condensed.length ? `shortened ${condensed.length}: ${named(condensed)}` : ''].filter(Boolean);
    let advice = '';
    if (options.videos === undefined && plan.autoVideos > 1) advice = `; \`--videos auto\` would make a set of ${plan.autoVideos} videos, or \`--duration <seconds>\` a longer video`;
    else if (dropped.length) advice = `; \`--duration <seconds>\` gives${each === ' each' ? ' each video' : ' the video'} more room${options.videos !== 'auto' && plan.autoVideos > options.made ? `, \`--videos auto\` makes ${plan.autoVideos} videos` : ''}`;
    out.push(`to fit ${minutes(options.budget)}${each}, ${parts.join(' and ')}${advice}`);
  }
  if (typeof options.videos === 'number' && options.videos > options.made) out.push(`asked for ${options.videos} videos but the document has only ${options.made} part(s) with enough content; made ${options.made}`);
  return out;
}

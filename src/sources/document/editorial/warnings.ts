import type { EditorialPlan } from './plan.ts';

/** What the editorial pass left out or shortened, said once per document so the user can ask for more. */

const minutes = (seconds: number) => {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** Room for the quoted headings of one warning line, so the whole line stays under the CLI's 400-character cap. */
const NAMES_CHARS = 220;

/** Quoted headings, as many as fit in NAMES_CHARS (at most `max`), then "and N more"; a long heading is cut at a word. */
function named(headings: readonly string[], max = 6): string {
  const quoted: string[] = [];
  let used = 0;
  for (const heading of headings.slice(0, max)) {
    const short = heading.length > 60 ? `${heading.slice(0, 60).replace(/\s+\S*$/, '')}…` : heading;
    const item = `"${short}"`;
    if (quoted.length && used + item.length + 2 > NAMES_CHARS) break;
    quoted.push(item);
    used += item.length + 2;
  }
  const more = headings.length - quoted.length;
  return more > 0 ? `${quoted.join(', ')} and ${more} more` : quoted.join(', ');
}

export function planWarnings(plan: EditorialPlan, options: { budget: number; videos?: number | 'auto' | undefined; made: number }): string[] {
  const out: string[] = [];
  if (plan.skipped.length) out.push(`skipped ${plan.skipped.length} boilerplate section(s): ${plan.skipped.map((s) => `"${s.heading}" (${s.kind})`).join(', ')}`);
  const dropped = plan.videos.flatMap((v) => v.dropped);
  const condensed = plan.videos.flatMap((v) => v.condensed);
  const each = options.made > 1 ? ' each' : '';
  // Left out and shortened are separate lines, each with its own "and N more", so neither is ever cut mid-list.
  const fit = `to fit ${minutes(options.budget)}${each}`;
  let advice = '';
  if (options.videos === undefined && plan.autoVideos > 1) advice = `; \`--videos auto\` would make a set of ${plan.autoVideos} videos, or \`--duration <seconds>\` a longer video`;
  else if (dropped.length) advice = `; \`--duration <seconds>\` gives${each ? ' each video' : ' the video'} more room${options.videos !== 'auto' && plan.autoVideos > options.made ? `, \`--videos auto\` makes ${plan.autoVideos} videos` : ''}`;
  if (dropped.length) out.push(`${fit}, left out ${dropped.length} section(s): ${named(dropped)}${advice}`);
  if (condensed.length) out.push(`${fit}, shortened ${condensed.length} section(s): ${named(condensed)}${dropped.length ? '' : advice}`);
  if (typeof options.videos === 'number' && options.videos > options.made) out.push(`asked for ${options.videos} videos but the document has only ${options.made} part(s) with enough content; made ${options.made}`);
  return out;
}

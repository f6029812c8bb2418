import { nextSlot, parseRule, slotsBetween } from '../../../../src/publish/schedule-rule.ts';

const YEAR_MS = 366 * 24 * 3_600_000;

export type RulePreview = { ok: true; description: string; next: Date[] } | { ok: false; message: string };

/**
 * What a rule typed in the form means and its next slots, with the server's own parser (src/publish/schedule-rule.ts
 * is isomorphic), so the preview is exactly what the server will store; the server checks it again on save.
 */
export function previewRule(rule: string, timezone: string, count = 3, now = new Date()): RulePreview {
  try {
    const parsed = parseRule(rule, timezone || 'UTC');
    const first = nextSlot(parsed, now);
    if (!first) return { ok: false, message: `${parsed.description} is in the past; nothing would ever run` };
    return { ok: true, description: parsed.description, next: [first, ...slotsBetween(parsed, first, new Date(first.getTime() + YEAR_MS), count - 1)] };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

export const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

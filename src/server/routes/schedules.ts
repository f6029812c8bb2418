import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerConfig } from '../../config.ts';
import { isVideogenError } from '../../errors.ts';
import { nextSlot, parseRule, slotsBetween, type ParsedRule } from '../../publish/schedule-rule.ts';
import { topicFor } from '../../publish/scheduler.ts';
import type { Schedule, ScheduleInput, SchedulePatch } from '../../store/publish-types.ts';
import { audit } from '../audit.ts';
import { caller } from '../auth.ts';
import { apiError, notFound } from '../errors.ts';
import { rateLimit } from '../limits.ts';
import { channelByIdOrName, ownSchedule } from '../publish-access.ts';
import { CatchUpSchema, GeneratorSchema, ScheduleOptionsSchema, SchedulePublishSchema, ScheduleRunSchema, ScheduleSchema, TopicsSchema, toSchedule, toScheduleRun } from '../publish-schemas.ts';
import { ErrorSchema, IdParams } from '../schemas.ts';

const UPCOMING = 10;
const RECENT_RUNS = 20;
/** Recent runs are looked for this far back (a 5-minute schedule makes 2016 runs a week). */
const RUNS_LOOKBACK_MS = 7 * 24 * 3_600_000;
const FIVE_YEARS_MS = 5 * 365 * 24 * 3_600_000;

const Name = z.string().trim().min(1).max(200);
const Rule = z.string().trim().min(1).max(200).describe('`every weekday at 09:00 Europe/Berlin`, `every 2 hours`, cron (`0 9 * * 1-5 Europe/Berlin`) or a one-off ISO time');
const Timezone = z.string().trim().min(1).max(64).describe('IANA zone for rules that name none (default UTC)');

const CreateBody = z
  .object({
    name: Name,
    rule: Rule,
    timezone: Timezone.optional(),
    channel: z.string().trim().min(1).max(100).optional().describe("Where each video is published (id or your name for it); without one, videos are only made"),
    topics: TopicsSchema.optional(),
    generator: GeneratorSchema.optional(),
    format: z.enum(['short', 'video']).optional().describe('Default short'),
    options: ScheduleOptionsSchema.optional(),
    publish: SchedulePublishSchema.optional(),
    catchUp: CatchUpSchema.optional().describe('Default once'),
    enabled: z.boolean().optional().describe('Default true; false creates it paused'),
  })
  .strict()
  .refine((b) => b.topics !== undefined || b.generator !== undefined, { error: 'give topics (one per slot) or a generator (a niche), or both', path: ['topics'] })
  .refine((b) => b.publish === undefined || b.channel !== undefined, { error: 'publishing settings need a channel', path: ['channel'] });

const PatchBody = z
  .object({
    name: Name.optional(),
    rule: Rule.optional(),
    timezone: Timezone.optional(),
    enabled: z.boolean().optional().describe('false pauses; true resumes from now (missed slots while paused are not made)'),
    topics: TopicsSchema.optional().describe('Replaces the list; the next slot takes its first topic'),
    catchUp: CatchUpSchema.optional(),
  })
  .strict();

const Upcoming = z.object({ at: z.string(), topic: z.string().nullable().describe('From the list, or the next topic of the generator\'s seeded sequence') });
const ScheduleDetail = ScheduleSchema.extend({ description: z.string().describe('What the rule means'), upcoming: z.array(Upcoming), runs: z.array(ScheduleRunSchema).describe('Latest runs, oldest first') });

/** A rule the user typed, or VALIDATION_FAILED on the field with the parser's explanation and examples. */
function parsedRule(rule: string, timezone: string | undefined, field: string): ParsedRule {
  try {
    return parseRule(rule, timezone ?? 'UTC');
  } catch (error) {
    if (isVideogenError(error) && error.code === 'USAGE') throw apiError('VALIDATION_FAILED', `${field}: ${error.message}`, { ...error.details, path: field });
    throw error;
  }
}

/** The stored schedule's rule again (a one-off keeps its instant only in the text). */
const ruleOf = (s: Schedule) => parseRule(s.rule, s.timezone);

function firstSlot(rule: ParsedRule, now: Date): Date {
  const next = nextSlot(rule, now);
  if (!next) throw apiError('VALIDATION_FAILED', `body.rule: ${rule.description} is in the past; nothing would ever run`, { path: 'body.rule' });
  return next;
}

/** The next slots and the listed topic each would take (slots past the end of a list without a generator are none). */
function upcoming(s: Schedule, rule: ParsedRule): { at: string; topic: string | null }[] {
  if (!s.enabled || !s.nextRunAt) return [];
  const slots = [s.nextRunAt, ...slotsBetween(rule, s.nextRunAt, new Date(s.nextRunAt.getTime() + FIVE_YEARS_MS), UPCOMING - 1)];
  const out: { at: string; topic: string | null }[] = [];
  let index = s.topicIndex;
  for (const at of slots) {
    // Generated topics are the next of the generator's seeded sequence, so the list says exactly what each slot will make.
    const next = topicFor(s.input, index);
    if (!next) break;
    out.push({ at: at.toISOString(), topic: next.topic });
    index = next.nextIndex;
  }
  return out;
}

/** Recurring content plans: a topic per slot, made into a video and (with a channel) published. */
export function scheduleRoutes(app: FastifyInstance, options: ServerConfig): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.deps;
  const write = { access: 'editor' as const, rateLimit: rateLimit(options.rateLimits, 'write') };
  const read = { rateLimit: rateLimit(options.rateLimits, 'read') };

  const detail = async (s: Schedule) => {
    const rule = ruleOf(s);
    const runs = await store.schedules.runs(s.id, { from: new Date(Date.now() - RUNS_LOOKBACK_MS), limit: 5000 });
    return { ...toSchedule(s), description: rule.description, upcoming: upcoming(s, rule), runs: runs.slice(-RECENT_RUNS).map(toScheduleRun) };
  };
  const usableChannel = async (request: FastifyRequest, ref: string) => {
    const channel = await channelByIdOrName(request, ref);
    if (!channel.credentials || channel.revokedAt) throw apiError('CHANNEL_REAUTH', `channel "${channel.name}" was disconnected; connect it again first`, { channelId: channel.id });
    return channel;
  };

  r.get('/api/schedules', { schema: { tags: ['schedules'], summary: 'Your schedules', response: { 200: z.object({ schedules: z.array(ScheduleSchema) }) } }, config: read }, async (request) => ({
    schedules: (await store.schedules.list(caller(request).user.id)).map(toSchedule),
  }));

  r.get('/api/schedules/:id', { schema: { tags: ['schedules'], summary: 'One schedule, its next 10 slots and its latest runs', params: IdParams, response: { 200: ScheduleDetail } }, config: read }, async (request) =>
    detail(await ownSchedule(request, request.params.id)),
  );

  r.post('/api/schedules', {
    schema: { tags: ['schedules'], summary: 'Create a recurring (or one-off) plan', body: CreateBody, response: { 201: ScheduleDetail, 400: ErrorSchema.describe('VALIDATION_FAILED: e.g. body.rule with examples of rules that work') } },
    config: write,
  }, async (request, reply) => {
    const b = request.body;
    const rule = parsedRule(b.rule, b.timezone, 'body.rule');
    const channel = b.channel ? await usableChannel(request, b.channel) : undefined;
    const input: ScheduleInput = {
      ...(b.topics ? { topics: b.topics } : {}),
      ...(b.generator ? { generator: b.generator } : {}),
      format: b.format ?? 'short',
      ...(b.options ? { options: b.options } : {}),
      ...(b.publish ? { publish: b.publish } : {}),
    };
    const s = await store.schedules.create({ ownerId: caller(request).user.id, name: b.name, rule: rule.rule, cron: rule.cron, timezone: rule.timezone, channelId: channel?.id ?? null, input, catchUp: b.catchUp ?? 'once', nextRunAt: firstSlot(rule, new Date()), enabled: b.enabled ?? true });
    await audit(request, 'schedule.create', s.id, { name: s.name, rule: s.rule, channelId: s.channelId });
    return reply.code(201).send(await detail(s));
  });

  r.patch('/api/schedules/:id', {
    schema: { tags: ['schedules'], summary: 'Change, pause or resume a schedule', description: 'Resuming (enabled: true) and a new rule start from now: slots missed meanwhile are not made.', params: IdParams, body: PatchBody, response: { 200: ScheduleDetail } },
    config: write,
  }, async (request) => {
    const s = await ownSchedule(request, request.params.id);
    const b = request.body;
    const now = new Date();
    const patch: SchedulePatch = {};
    if (b.name !== undefined) patch.name = b.name;
    if (b.catchUp !== undefined) patch.catchUp = b.catchUp;
    let rule = ruleOf(s);
    let restart = false;
    if (b.rule !== undefined || b.timezone !== undefined) {
      rule = parsedRule(b.rule ?? s.rule, b.timezone ?? s.timezone, b.rule !== undefined ? 'body.rule' : 'body.timezone');
      Object.assign(patch, { rule: rule.rule, cron: rule.cron, timezone: rule.timezone });
      restart = true;
    }
    if (b.topics !== undefined) {
      patch.input = { ...s.input, topics: b.topics };
      patch.topicIndex = 0;
      // A list that had run out ended the schedule (nextRunAt null): new topics start it again.
      if (s.nextRunAt === null) restart = true;
    }
    const enabled = b.enabled ?? s.enabled;
    if (b.enabled !== undefined && b.enabled !== s.enabled) {
      patch.enabled = b.enabled;
      if (b.enabled) restart = true;
    }
    if (restart && enabled) patch.nextRunAt = firstSlot(rule, now);
    else if (restart) patch.nextRunAt = nextSlot(rule, now);
    const updated = await store.schedules.update(s.id, patch);
    if (!updated) throw notFound('schedule');
    if (patch.enabled !== undefined) await audit(request, patch.enabled ? 'schedule.resume' : 'schedule.pause', s.id, { name: s.name, nextRunAt: updated.nextRunAt?.toISOString() ?? null });
    const changed = Object.keys(b).filter((k) => k !== 'enabled');
    if (changed.length) await audit(request, 'schedule.update', s.id, { fields: changed });
    return detail(updated);
  });

  r.delete('/api/schedules/:id', { schema: { tags: ['schedules'], summary: 'Delete a schedule (what it made stays)', params: IdParams, response: { 204: z.null() } }, config: write }, async (request, reply) => {
    const s = await ownSchedule(request, request.params.id);
    await store.schedules.delete(s.id);
    await audit(request, 'schedule.delete', s.id, { name: s.name });
    return reply.code(204).send(null);
  });
}

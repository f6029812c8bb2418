import { z } from 'zod';
import { isRealDateTime } from '../util/real-date.ts';
import type { CalendarEntry } from '../publish/calendar.ts';
import { PLAYLIST_ID } from '../publish/publications.ts';
import { TAGS_MAX, tagsLength } from '../pipeline/metadata.ts';
import type { QuotaStatus } from '../publish/quota.ts';
import type { Channel, Publication, Schedule, ScheduleRun } from '../store/publish-types.ts';
import { optionsFor } from '../options/table.ts';
import { apiScheduleOptionsShape } from '../options/zod.ts';
import { NICHES } from '../sources/short/niches.ts';

/**
 * Request and response shapes of the publishing API (channels, publications, schedules, calendar, quota) and the
 * mappers from store rows. What a response never carries: a channel's sealed credentials (not even sealed — a
 * stolen response must not be something to brute-force) and a publication's resumable upload URI (a bearer
 * capability: whoever holds it can write into the upload).
 */
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const Time = z.string().describe('ISO 8601 time');

export const PrivacySchema = z.enum(['private', 'unlisted', 'public']);
export const PublicationStateSchema = z.enum(['pending', 'waiting', 'uploading', 'finishing', 'succeeded', 'failed', 'cancelled']);
export const FINISHED_PUBLICATION = new Set(['succeeded', 'failed', 'cancelled']);

/** An ISO 8601 time with a zone (Z or ±hh:mm), parsed to a Date; a bare local time would be ambiguous. */
export const IsoTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, { error: 'must be an ISO 8601 time with a zone, e.g. 2026-03-01T09:00:00Z' })
  .refine(isRealDateTime, { error: 'is not a real date and time (e.g. February has no 30th)' })
  .transform((s) => new Date(s))
  .refine((d) => !Number.isNaN(d.getTime()), { error: 'is not a real time' });

const ChannelStatsSchema = z.object({ subscribers: z.number().optional(), views: z.number().optional(), videos: z.number().optional() });
const VideoStatsSchema = z.object({ views: z.number().optional(), likes: z.number().optional(), comments: z.number().optional() });

export const ChannelSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  kind: z.enum(['youtube']),
  name: z.string().describe('Your name for it (`--channel <name>`), unique among your channels'),
  externalId: z.string().nullable().describe("The platform's channel id (YouTube UC…)"),
  title: z.string().nullable(),
  project: z.string().describe('The API project whose daily quota its calls spend'),
  revoked: z.boolean().describe('Its authorisation was revoked: connect it again to publish'),
  revokedAt: Time.nullable(),
  stats: ChannelStatsSchema,
  statsAt: Time.nullable().describe('When the statistics were fetched'),
  createdAt: Time,
  updatedAt: Time,
});
export const toChannel = (c: Channel) => ({
  id: c.id,
  ownerId: c.ownerId,
  kind: c.kind,
  name: c.name,
  externalId: c.externalId,
  title: c.title,
  project: c.project,
  revoked: c.revokedAt !== null || c.credentials === null,
  revokedAt: iso(c.revokedAt),
  stats: c.stats,
  statsAt: iso(c.statsAt),
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const NO_ANGLES = /^[^<>]*$/;

export const PublicationMetadataSchema = z
  .object({
    title: z.string().trim().min(1).max(100).regex(NO_ANGLES, { error: 'YouTube refuses < and > in titles' }).optional().describe("YouTube's limit: 100 characters, no < or >"),
    description: z
      .string()
      .regex(NO_ANGLES, { error: 'YouTube refuses < and > in descriptions' })
      .refine((d) => Buffer.byteLength(d, 'utf8') <= 5000, { error: 'must be at most 5000 bytes (YouTube counts bytes, not characters)' })
      .optional()
      .describe("YouTube's limit: 5000 bytes, no < or >"),
    tags: z
      .array(z.string().trim().min(1).max(100).regex(/^[^<>,]*$/, { error: 'a tag may not contain <, > or a comma' }))
      .max(100)
      .refine((tags) => tagsLength(tags) <= TAGS_MAX, { error: `must be at most ${TAGS_MAX} characters in total, counted as YouTube does (a tag with a space counts its quotes)` })
      .optional(),
    categoryId: z.string().regex(/^\d{1,3}$/, { error: 'must be a YouTube category id such as "27" (Education)' }).optional(),
    language: z.string().regex(LANGUAGE, { error: 'must be a language tag such as en or pt-BR' }).optional(),
    madeForKids: z.boolean().optional(),
    containsSyntheticMedia: z.boolean().optional().describe('Altered or synthetic content disclosure'),
    localizations: z.record(z.string().regex(LANGUAGE), z.object({ title: z.string().min(1).max(100), description: z.string().max(5000) }).strict()).optional(),
  })
  .strict()
  .describe('Overrides of the render\'s metadata.json; the rest comes from the outputs at upload time');

/** A multilingual job's languages to publish (`de`, `pt-BR`), each once. */
export const PublishLanguagesSchema = z
  .array(z.string().trim().regex(LANGUAGE, { error: 'must be a language tag such as de or pt-BR' }))
  .min(1)
  .max(50)
  .refine((list) => new Set(list.map((l) => l.toLowerCase())).size === list.length, { error: 'names a language twice' })
  .describe("A multilingual job (rendered with options.languages): publish only these of its languages. Default: all of them");

export const PerLanguageSchema = z
  .boolean()
  .describe("A multilingual job: one publication per language (its own video, title, captions and thumbnail) instead of one video with every language's caption track and localized title and description");

export const QuotaUnitsSchema = z.number().describe('Estimated YouTube quota units: videos.insert, one captions.insert per language, thumbnails.set (and playlistItems.insert); the ledger reserves them call by call');

export const PublicationSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  channelId: z.string(),
  jobId: z.string().nullable().describe('The publish job (progress over /api/events)'),
  sourceJobId: z.string().nullable().describe('The render or create job whose outputs it publishes'),
  scheduleId: z.string().nullable(),
  state: PublicationStateSchema,
  privacy: PrivacySchema,
  publishAt: Time.nullable().describe('Scheduled release: uploaded private, public at this time'),
  playlistId: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  fileBytes: z.number().nullable(),
  uploadedBytes: z.number().describe('Bytes the platform confirmed'),
  steps: z.record(z.string(), z.unknown()).describe('Captions, thumbnail and playlist done; why it waits'),
  videoId: z.string().nullable(),
  videoUrl: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  stats: VideoStatsSchema,
  statsAt: Time.nullable(),
  createdAt: Time,
  updatedAt: Time,
  finishedAt: Time.nullable(),
});
export const toPublication = (p: Publication) => ({
  id: p.id,
  ownerId: p.ownerId,
  channelId: p.channelId,
  jobId: p.jobId,
  sourceJobId: p.sourceJobId,
  scheduleId: p.scheduleId,
  state: p.state,
  privacy: p.privacy,
  publishAt: iso(p.publishAt),
  playlistId: p.playlistId,
  metadata: p.metadata as Record<string, unknown>,
  fileBytes: p.fileBytes,
  uploadedBytes: p.uploadOffset,
  steps: p.steps as Record<string, unknown>,
  videoId: p.videoId,
  videoUrl: p.videoUrl,
  errorCode: p.errorCode,
  errorMessage: p.errorMessage,
  stats: p.stats,
  statsAt: iso(p.statsAt),
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
  finishedAt: iso(p.finishedAt),
});

export const CatchUpSchema = z.enum(['once', 'skip']).describe('Missed slots after downtime: once = make the latest missed slot once; skip = record them skipped');
export const TopicsSchema = z.array(z.string().trim().min(3).max(500)).min(1).max(1000).describe('Taken in order, one per slot');
export const GeneratorSchema = z.object({ niche: z.enum(NICHES), seed: z.number().int().min(0).max(2 ** 31 - 1).optional() }).strict().describe('Suggests a topic per slot from the niche\'s templates');
export const SchedulePublishSchema = z
  .object({
    privacy: PrivacySchema.optional(),
    playlistId: z.string().trim().regex(PLAYLIST_ID, { error: 'must be a YouTube playlist id (letters, digits, - and _, as in PLxxxxxxxx; it is in the playlist URL after list=)' }).optional(),
    releaseAfterMinutes: z.number().int().min(0).max(60 * 24 * 365).optional().describe('Upload private, release this long after the slot (publishAt)'),
  })
  .strict();
/**
 * Said for a multilingual option on a schedule: each slot makes one video and publishes it to one channel, while a
 * multilingual job writes one video per language (and `review` would hold every slot for a person).
 */
const ONE_LANGUAGE = 'a schedule makes one video per slot, in one language: choose it with options.language (and a voice with options.voice); for one video in several languages use POST /api/videos with options.languages';
const refused = z.never({ error: ONE_LANGUAGE }).optional();
/** The render options a schedule does not take (the multilingual ones), each refused by name with ONE_LANGUAGE. */
const notOnSchedules = Object.fromEntries(optionsFor('api').filter(([, d]) => d.job !== undefined && !d.appliesTo.includes('schedule')).map(([, d]) => [d.api!, refused]));

/**
 * The create job's options, checked here, not at the slot: the render options (preset, resolution, voice, broll …)
 * and the script's `language` and `targetSeconds`, from the option table's `schedule` surface.
 */
export const ScheduleOptionsSchema = z
  .object({ ...apiScheduleOptionsShape, ...notOnSchedules })
  .strict();

export const ScheduleSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  name: z.string(),
  rule: z.string().describe('As written: `every weekday at 09:00 Europe/Berlin`, or cron'),
  cron: z.string().nullable().describe('What the rule means (null for a one-off)'),
  timezone: z.string(),
  channelId: z.string().nullable().describe('Where each video is published; null: videos are made, not published'),
  topics: z.array(z.string()).optional(),
  generator: z.object({ niche: z.string(), seed: z.number().optional() }).optional(),
  format: z.enum(['short', 'video']).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  publish: z.object({ privacy: PrivacySchema.optional(), playlistId: z.string().optional(), releaseAfterMinutes: z.number().optional() }).optional(),
  enabled: z.boolean(),
  catchUp: CatchUpSchema,
  topicIndex: z.number().describe('How many topics of the list are used'),
  nextRunAt: Time.nullable().describe('The next slot; null when nothing is left'),
  lastRunAt: Time.nullable(),
  createdAt: Time,
  updatedAt: Time,
});
export const toSchedule = (s: Schedule) => ({
  id: s.id,
  ownerId: s.ownerId,
  name: s.name,
  rule: s.rule,
  cron: s.cron,
  timezone: s.timezone,
  channelId: s.channelId,
  ...(s.input.topics ? { topics: s.input.topics } : {}),
  ...(s.input.generator ? { generator: s.input.generator } : {}),
  ...(s.input.format ? { format: s.input.format } : {}),
  ...(s.input.options ? { options: s.input.options } : {}),
  ...(s.input.publish ? { publish: s.input.publish } : {}),
  enabled: s.enabled,
  catchUp: s.catchUp,
  topicIndex: s.topicIndex,
  nextRunAt: iso(s.nextRunAt),
  lastRunAt: iso(s.lastRunAt),
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

export const ScheduleRunSchema = z.object({ slotAt: Time, status: z.enum(['fired', 'skipped']), topic: z.string().nullable(), jobId: z.string().nullable(), publicationId: z.string().nullable(), firedBy: z.string().nullable(), createdAt: Time });
export const toScheduleRun = (r: ScheduleRun) => ({ slotAt: r.slotAt.toISOString(), status: r.status, topic: r.topic, jobId: r.jobId, publicationId: r.publicationId, firedBy: r.firedBy, createdAt: r.createdAt.toISOString() });

export const QuotaSchema = z.object({
  project: z.string(),
  day: z.string().describe('YYYY-MM-DD in America/Los_Angeles (YouTube resets quota at Pacific midnight)'),
  used: z.number(),
  limit: z.number(),
  remaining: z.number(),
  resetsAt: Time,
  calls: z.record(z.string(), z.number()).describe('Units per API method today'),
});
export const toQuota = (q: QuotaStatus) => ({ ...q, resetsAt: q.resetsAt.toISOString() });

export const CalendarEntrySchema = z.object({
  at: Time,
  type: z.enum(['make', 'publish']).describe('make: a schedule slot renders a video; publish: a publication goes (or went) live'),
  state: z.string(),
  title: z.string(),
  channelId: z.string().nullable(),
  scheduleId: z.string().optional(),
  publicationId: z.string().optional(),
  jobId: z.string().optional(),
  videoUrl: z.string().optional(),
});
export const toCalendarEntry = (e: CalendarEntry) => e;

import { z } from 'zod';
import { UPLOAD_PREFIX } from '../sources/media-paths.ts';
import { apiRenderOptionsShape } from '../options/zod.ts';
import type { ApiKey, AuditEntry, Job, Template, Upload, User } from '../store/types.ts';

/** Response shapes shared by route groups, and the mappers from store rows (Dates become ISO strings). */
export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) }).describe('Every error response');

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const Time = z.string().describe('ISO 8601 time');

export const RoleSchema = z.enum(['admin', 'editor', 'viewer']);
export const JobStateSchema = z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']);
export const JobKindSchema = z.enum(['render', 'create', 'publish']);

/** The render options of POST /api/videos and schedules, derived from the option table (src/options/table.ts). */
export const RenderOptionsSchema = z.object(apiRenderOptionsShape).strict();

export const UserSchema = z.object({ id: z.string(), email: z.string(), role: RoleSchema, totp: z.boolean(), createdAt: Time });
export const toUser = (u: User) => ({ id: u.id, email: u.email, role: u.role, totp: Boolean(u.totpSecret), createdAt: u.createdAt.toISOString() });

export const ApiKeySchema = z.object({ id: z.string(), name: z.string(), prefix: z.string(), lastUsedAt: Time.nullable(), createdAt: Time });
export const toApiKey = (k: ApiKey) => ({ id: k.id, name: k.name, prefix: k.prefix, lastUsedAt: iso(k.lastUsedAt), createdAt: k.createdAt.toISOString() });

export const JobSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  kind: JobKindSchema,
  state: JobStateSchema,
  stage: z.string().nullable(),
  progress: z.number().describe('0..1'),
  title: z.string().nullable(),
  options: z.record(z.string(), z.unknown()),
  attempts: z.number(),
  maxAttempts: z.number(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  cancelRequested: z.boolean(),
  createdAt: Time,
  updatedAt: Time,
  startedAt: Time.nullable(),
  finishedAt: Time.nullable(),
  files: z.array(z.string()).optional().describe('Downloadable outputs (succeeded jobs): GET /api/jobs/{id}/files/{name}; a multilingual job lists index.json and <lang>/<name> (GET /api/jobs/{id}/files/{lang}/{name})'),
  input: z.unknown().optional().describe('What the job makes (detail view only)'),
});
export function toJob(j: Job, extra: { files?: string[]; input?: boolean } = {}) {
  return {
    id: j.id,
    ownerId: j.ownerId,
    kind: j.kind,
    state: j.state,
    stage: j.stage,
    progress: j.progress,
    title: j.title,
    options: j.options,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    errorCode: j.errorCode,
    errorMessage: j.errorMessage,
    cancelRequested: j.cancelRequested,
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
    startedAt: iso(j.startedAt),
    finishedAt: iso(j.finishedAt),
    ...(extra.files ? { files: extra.files } : {}),
    ...(extra.input ? { input: j.input } : {}),
  };
}

export const TemplateSchema = z.object({ id: z.string(), ownerId: z.string(), name: z.string(), description: z.string().nullable(), body: z.unknown(), createdAt: Time, updatedAt: Time });
export const toTemplate = (t: Template) => ({ id: t.id, ownerId: t.ownerId, name: t.name, description: t.description, body: t.body, createdAt: t.createdAt.toISOString(), updatedAt: t.updatedAt.toISOString() });

export const UploadSchema = z.object({ id: z.string(), filename: z.string(), mediaType: z.string(), bytes: z.number(), sha256: z.string(), createdAt: Time });
export const toUpload = (u: Upload) => ({ id: u.id, filename: u.filename, mediaType: u.mediaType, bytes: u.bytes, sha256: u.sha256, createdAt: u.createdAt.toISOString() });

export const MediaUploadSchema = UploadSchema.extend({
  category: z.enum(['picture', 'clip', 'audio']).describe('Decided from the content, never from the file name'),
  ref: z.string().describe('What a spec names to use it: "upload:<id>" in scenes[].src, scenes[].background.src or music.src'),
});
export const toMediaUpload = (u: Upload, category: 'picture' | 'clip' | 'audio') => ({ ...toUpload(u), category, ref: `${UPLOAD_PREFIX}${u.id}` });

export const AuditEntrySchema = z.object({ id: z.number(), actorId: z.string().nullable(), action: z.string(), target: z.string().nullable(), details: z.record(z.string(), z.unknown()), ip: z.string().nullable(), createdAt: Time });
export const toAuditEntry = (a: AuditEntry) => ({ id: a.id, actorId: a.actorId, action: a.action, target: a.target, details: a.details, ip: a.ip, createdAt: a.createdAt.toISOString() });

export const UsageSchema = z.object({
  usedBytes: z.number(),
  quotaBytes: z.number().describe('VIDEOGEN_QUOTA_MB'),
  uploadsBytes: z.number(),
  outputsBytes: z.number().describe('Outputs of succeeded jobs'),
});

export const ErasureSchema = z
  .object({ sessions: z.number(), apiKeys: z.number(), jobs: z.number(), jobEvents: z.number(), uploads: z.number(), templates: z.number(), auditAnonymised: z.number(), filesRemoved: z.number() })
  .describe('What was removed; audit entries naming the user keep ids, action and time only');

export const IdParams = z.object({ id: z.string().uuid({ error: 'must be a UUID' }) });
export const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

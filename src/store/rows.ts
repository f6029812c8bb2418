import type { Selectable } from 'kysely';
import type { ApiKey, AuditEntry, Job, JobEvent, JobKind, JobState, Role, Session, Template, Upload, User } from './types.ts';
import type { ApiKeysTable, AuditLogTable, JobEventsTable, JobsTable, SessionsTable, TemplatesTable, UploadsTable, UsersTable } from './db-schema.ts';

/** Row → contract mappers. JSON columns arrive parsed from both drivers; bigints arrive as strings from pg. */
export const json = (value: unknown): string => JSON.stringify(value ?? null);
export const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
export const maybeDate = (value: Date | string | null): Date | null => (value === null ? null : date(value));
/** A JSON object column as its contract type; anything that is not an object reads as `{}`. */
export const record = <T = Record<string, unknown>>(value: unknown): T => (value && typeof value === 'object' ? value : {}) as T;

export function toUser(row: Selectable<UsersTable>): User {
  return { id: row.id, email: row.email, passwordHash: row.password_hash, role: row.role as Role, totpSecret: row.totp_secret, createdAt: date(row.created_at) };
}

export function toSession(row: Selectable<SessionsTable>): Session {
  return { id: row.id, userId: row.user_id, csrfSecret: row.csrf_secret, expiresAt: date(row.expires_at), createdAt: date(row.created_at), lastSeenAt: maybeDate(row.last_seen_at), ip: row.ip, userAgent: row.user_agent };
}

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return { id: row.id, userId: row.user_id, name: row.name, prefix: row.prefix, keyHash: row.key_hash, lastUsedAt: maybeDate(row.last_used_at), createdAt: date(row.created_at) };
}

export function toJob(row: Selectable<JobsTable>): Job {
  return {
    id: row.id,
    ownerId: row.owner_id,
    kind: row.kind as JobKind,
    state: row.state as JobState,
    stage: row.stage,
    progress: Number(row.progress),
    input: row.input,
    options: record(row.options),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    outputDir: row.output_dir,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: maybeDate(row.lease_expires_at),
    cancelRequested: row.cancel_requested,
    runAfter: date(row.run_after),
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    startedAt: maybeDate(row.started_at),
    finishedAt: maybeDate(row.finished_at),
    title: row.title,
  };
}

export function toJobEvent(row: Selectable<JobEventsTable>): JobEvent {
  return { id: Number(row.id), jobId: row.job_id, ownerId: row.owner_id, type: row.type as JobEvent['type'], data: record(row.data), createdAt: date(row.created_at) };
}

export function toTemplate(row: Selectable<TemplatesTable>): Template {
  return { id: row.id, ownerId: row.owner_id, name: row.name, description: row.description, body: row.body, createdAt: date(row.created_at), updatedAt: date(row.updated_at) };
}

export function toUpload(row: Selectable<UploadsTable>): Upload {
  return { id: row.id, ownerId: row.owner_id, filename: row.filename, mediaType: row.media_type, bytes: Number(row.bytes), sha256: row.sha256, path: row.path, createdAt: date(row.created_at) };
}

export function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return { id: Number(row.id), actorId: row.actor_id, action: row.action, target: row.target, details: record(row.details), ip: row.ip, createdAt: date(row.created_at) };
}

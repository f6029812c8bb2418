import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from './db-schema.ts';
import type { AuditRepo, TemplatesRepo, UploadsRepo } from './types.ts';
import { json, toAuditEntry, toTemplate, toUpload } from './rows.ts';

export function templatesRepo(db: Kysely<Database>): TemplatesRepo {
  return {
    async create(t) {
      const row = await db
        .insertInto('templates')
        .values({ id: randomUUID(), owner_id: t.ownerId, name: t.name, description: t.description, body: json(t.body) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTemplate(row);
    },
    async get(id) {
      const row = await db.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toTemplate(row);
    },
    async list(ownerId) {
      const rows = await db.selectFrom('templates').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'desc').execute();
      return rows.map(toTemplate);
    },
    async update(id, patch) {
      const row = await db
        .updateTable('templates')
        .set({
          updated_at: sql`now()` as unknown as Date,
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.body !== undefined ? { body: json(patch.body) } : {}),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toTemplate(row);
    },
    async delete(id) {
      const result = await db.deleteFrom('templates').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export function uploadsRepo(db: Kysely<Database>): UploadsRepo {
  return {
    async create(u) {
      const row = await db
        .insertInto('uploads')
        .values({ id: u.id, owner_id: u.ownerId, filename: u.filename, media_type: u.mediaType, bytes: u.bytes, sha256: u.sha256, path: u.path })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUpload(row);
    },
    async get(id) {
      const row = await db.selectFrom('uploads').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUpload(row);
    },
    async list(ownerId) {
      const rows = await db.selectFrom('uploads').selectAll().where('owner_id', '=', ownerId).orderBy('created_at', 'desc').execute();
      return rows.map(toUpload);
    },
    async delete(id) {
      const result = await db.deleteFrom('uploads').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export function auditRepo(db: Kysely<Database>): AuditRepo {
  return {
    async record(entry) {
      await db.insertInto('audit_log').values({ actor_id: entry.actorId, action: entry.action, target: entry.target, details: json(entry.details), ip: entry.ip }).execute();
    },
    async list(opts) {
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Math.min(Math.max(opts?.limit ?? 100, 1), 1000)).execute();
      return rows.map(toAuditEntry);
    },
    async query(q) {
      let s = db.selectFrom('audit_log').selectAll();
      const userId = q.userId;
      // target is free text (ids of users, jobs, uploads…); a user id matches it exactly.
      if (userId !== undefined) s = s.where((eb) => eb.or([eb('actor_id', '=', userId), eb('target', '=', userId)]));
      if (q.action !== undefined) s = s.where('action', '=', q.action);
      // LIKE with the prefix's own wildcards escaped, so `auth_` means the characters, not "auth + any one".
      if (q.actionPrefix !== undefined) s = s.where('action', 'like', `${q.actionPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      if (q.from) s = s.where('created_at', '>=', q.from);
      if (q.to) s = s.where('created_at', '<', q.to);
      if (q.beforeId !== undefined) s = s.where('id', '<', q.beforeId as never);
      const rows = await s.orderBy('id', 'desc').limit(Math.min(Math.max(q.limit ?? 100, 1), 1000)).execute();
      return rows.map(toAuditEntry);
    },
  };
}

/** Answers of the account, security and admin routes (src/server/routes/{totp,keys,sessions,account,users,audit}.ts). */
import type { User } from '../../api/types.ts';

export interface Setup {
  needsAdmin: boolean;
  command: string;
}

export interface TotpStatus {
  enabled: boolean;
  pending: boolean;
  recoveryCodesLeft: number;
}

export interface TotpSetup {
  secret: string;
  uri: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  lastUsedAt: string | null;
  createdAt: string;
}

export interface Session {
  id: string;
  createdAt: string;
  lastSeenAt: string | null;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export interface Account {
  user: User;
  usage: { usedBytes: number; quotaBytes: number; uploadsBytes: number; outputsBytes: number };
  streams: { open: number; max: number };
}

export interface AuditEntry {
  id: number;
  actorId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
  createdAt: string;
}

/** Mirrors the server's MIN_PASSWORD_LENGTH (src/store/passwords.ts); the server checks it again. */
export const MIN_PASSWORD_LENGTH = 12;

/** The fields a protected action takes besides the password when two-factor is on (src/server/two-factor.ts). */
export interface SecondFactor {
  totp?: string;
  recoveryCode?: string;
}

import { join } from 'node:path';
import type { ServerConfig, VideogenConfig } from '../config.ts';

/** Server settings with every default filled in; the config only carries what the user set. */
export function serverOptions(config: VideogenConfig): ServerConfig {
  const s = config.server ?? {};
  return {
    port: s.port ?? 8080,
    host: s.host ?? '127.0.0.1',
    uploadMaxBytes: s.uploadMaxBytes ?? 25 * 1024 * 1024,
    mediaMaxBytes: s.mediaMaxBytes ?? 500 * 1024 * 1024,
    uploadsDir: s.uploadsDir ?? join(config.home, 'uploads'),
    trustProxy: s.trustProxy ?? false,
    secureCookies: s.secureCookies ?? 'auto',
    sessionHours: s.sessionHours ?? 24 * 7,
    rateLimits: { auth: 10, write: 60, read: 600, ...s.rateLimits },
    quotaBytes: s.quotaBytes ?? 5120 * 1024 * 1024,
    ssePerUser: s.ssePerUser ?? 20,
    ...(s.loginLock ? { loginLock: s.loginLock } : {}),
    ...(s.publicUrl ? { publicUrl: s.publicUrl } : {}),
    ...(s.webDir ? { webDir: s.webDir } : {}),
  };
}

import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createBackup } from './backup.ts';
import { publishControl, withdrawControl } from './control-file.ts';

export interface EmbeddedDuties {
  /** Withdraws the control file and waits for a running backup; call before closing the store. */
  stop(): Promise<void>;
}

/** The URL a command on this machine uses to reach the server: a wildcard listen address is reached on loopback. */
export function localUrlOf(address: AddressInfo | string | null): string | undefined {
  if (!address || typeof address === 'string') return undefined;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? (address.family === 'IPv6' ? '::1' : '127.0.0.1') : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

/**
 * What a server owning the embedded database does once it listens: it publishes its URL and control token (so
 * `videogen admin create` goes through it instead of opening the directory a second time) and makes a backup of the
 * database as it started (kept: the newest few, see backup.ts). A failed backup is logged; it does not stop the server.
 */
export async function startEmbeddedDuties(dataDir: string, address: AddressInfo | string | null, logger: Logger): Promise<EmbeddedDuties> {
  const url = localUrlOf(address);
  if (url) await publishControl(dataDir, url);
  const backup = createBackup(dataDir).then(
    (made) => logger.info({ backup: made.path, bytes: made.bytes }, 'database backup made at start'),
    (error: unknown) => logger.error({ err: error }, 'database backup at start failed'),
  );
  return {
    async stop() {
      await withdrawControl(dataDir);
      await backup;
    },
  };
}

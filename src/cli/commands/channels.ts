import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { isVideogenError, VideogenError } from '../../errors.ts';
import type { Channel, Store } from '../../store/types.ts';
import { USER_OPTION, withAccount, type AccountFlags } from '../account.ts';

const out = (line = '') => process.stdout.write(`${line}\n`);
const num = (n: number | undefined) => (n === undefined ? '–' : n.toLocaleString('en-US'));

interface AddFlags extends AccountFlags {
  name?: string;
  refreshTokenStdin?: boolean;
  open?: boolean;
  port?: string;
  replace?: boolean;
}

/** One token from stdin (never argv: arguments are visible to every user in `ps`). */
async function readTokenFromStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('paste the refresh token, then press Enter and Ctrl-D:\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length !== 1) throw new VideogenError('USAGE', `--refresh-token-stdin reads exactly one token from standard input; got ${lines.length === 0 ? 'nothing' : `${lines.length} lines`}`);
  return lines[0]!;
}

/**
 * Hands the URL to the desktop's opener, without a shell (the URL is one argument, never parsed as a command line).
 * Best effort: the URL is printed anyway.
 */
function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener on this machine: the printed URL is the way.
  }
}

function port(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new VideogenError('USAGE', '--port must be a port number (1–65535)');
  return n;
}

export async function channelNamed(store: Store, ownerId: string, name: string): Promise<Channel> {
  const channel = await store.channels.byName(ownerId, name);
  if (channel) return channel;
  const names = (await store.channels.list(ownerId)).map((c) => c.name);
  throw new VideogenError('NOT_FOUND', `no channel named "${name}"; ${names.length ? `yours: ${names.join(', ')}` : 'connect one with `videogen channels add`'}`);
}

const status = (c: Channel) => (c.revokedAt ? `revoked ${c.revokedAt.toISOString().slice(0, 10)}` : 'connected');

export function registerChannels(program: Command): void {
  const channels = program.command('channels').description('YouTube channels this account publishes to (OAuth; tokens sealed with VIDEOGEN_SECRET_KEY).');

  channels
    .command('add')
    .description('Connect a channel: prints a Google sign-in URL and waits (5 min) for the browser to come back to 127.0.0.1. Headless: --refresh-token-stdin.')
    .option('--name <name>', "what you will call it in --channel (default: the channel's title)")
    .option('--refresh-token-stdin', 'read a refresh token from standard input instead of signing in through a browser')
    .option('--open', 'also hand the URL to the desktop browser (off by default: the URL is printed)')
    .option('--port <n>', 'loopback port for the redirect (default: any free port)')
    .option('--replace', 'reconnect: replace the stored authorisation of a channel with this name')
    .option(...USER_OPTION)
    .action(async (flags: AddFlags) => {
      const loopbackPort = port(flags.port);
      // The YouTube client loads when a channel is connected, not on every CLI start.
      const [{ connectChannel }, { loopbackAuthorize }] = await Promise.all([import('../../publish/channels.ts'), import('../../publish/loopback.ts')]);
      await withAccount(flags, async ({ store, user, config }) => {
        // Checked before any sign-in: a token we could not store must not be fetched at all.
        if (!config.secretKey) throw new VideogenError('SECRET_KEY_MISSING', 'set VIDEOGEN_SECRET_KEY (32 bytes: `openssl rand -hex 32`) before connecting a channel: refresh tokens are stored encrypted with it');
        let refreshToken: string;
        if (flags.refreshTokenStdin) refreshToken = await readTokenFromStdin();
        else {
          const abort = new AbortController();
          const onSigint = () => abort.abort();
          process.once('SIGINT', onSigint);
          try {
            const tokens = await loopbackAuthorize(config.publish.youtube, {
              ...(loopbackPort !== undefined ? { port: loopbackPort } : {}),
              signal: abort.signal,
              loginHint: user.email,
              onAuthorizationUrl: (url) => {
                out('Open this address in a browser signed in to the Google account that owns the channel:');
                out();
                out(`  ${url}`);
                out();
                out('Waiting for the browser to come back (5 minutes)…');
                if (flags.open) openInBrowser(url);
              },
            });
            refreshToken = tokens.refreshToken!;
          } finally {
            process.off('SIGINT', onSigint);
          }
        }
        const channel = await connectChannel({ store, config }, { ownerId: user.id, refreshToken, ...(flags.name ? { name: flags.name } : {}), ...(flags.replace ? { replace: true } : {}), revokeOnFailure: !flags.refreshTokenStdin });
        await store.audit.record({ actorId: user.id, action: 'channel.connect', target: channel.id, details: { name: channel.name, externalId: channel.externalId, via: flags.refreshTokenStdin ? 'cli:stdin' : 'cli:loopback' }, ip: null });
        const what = channel.title && channel.title !== channel.name ? `${channel.name}: ${channel.title}` : channel.name;
        out(`connected ${what} (${channel.externalId ?? 'unknown id'}) for ${user.email}; publish with --channel "${channel.name}"`);
      });
    });

  channels
    .command('list')
    .description('Connected channels: name, title, YouTube id, state, statistics.')
    .option('--json', 'print JSON')
    .option(...USER_OPTION)
    .action(async (flags: AccountFlags & { json?: boolean }) => {
      await withAccount(flags, async ({ store, user }) => {
        const list = await store.channels.list(user.id);
        // Never the credentials: only what a person needs to tell channels apart.
        const visible = list.map((c) => ({ name: c.name, title: c.title, externalId: c.externalId, state: c.revokedAt ? 'revoked' : 'connected', stats: c.stats, statsAt: c.statsAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString() }));
        if (flags.json) return out(JSON.stringify(visible, null, 2));
        if (!list.length) return out('no channels yet: `videogen channels add` connects one');
        for (const c of list) out(`${c.name}  ${c.title ?? '(untitled)'}  ${c.externalId ?? '–'}  ${status(c)}  subscribers ${num(c.stats.subscribers)} · views ${num(c.stats.views)} · videos ${num(c.stats.videos)}`);
      }, 'read');
    });

  channels
    .command('remove <name>')
    .description('Revoke the authorisation at Google and delete the channel, with its publication records and the schedules that publish to it (videos stay on YouTube).')
    .option('--force', 'even while uploads to it are unfinished (they stop)')
    .option(...USER_OPTION)
    .action(async (name: string, flags: AccountFlags & { force?: boolean }) => {
      await withAccount(flags, async ({ store, user, config }) => {
        const channel = await channelNamed(store, user.id, name);
        const unfinished = await store.publications.list({ ownerId: user.id, channelId: channel.id, state: ['pending', 'waiting', 'uploading', 'finishing'] });
        if (unfinished.length && !flags.force) throw new VideogenError('CONFLICT', `${unfinished.length} publication(s) to ${channel.name} are unfinished; let them finish, or remove with --force`);
        for (const p of unfinished) if (p.jobId) await store.jobs.requestCancel(p.jobId);
        let revoked = channel.credentials === null;
        if (!revoked) {
          const { revokeChannel } = await import('../../publish/channels.ts');
          try {
            await revokeChannel({ store, config }, channel);
            revoked = true;
          } catch (error) {
            // A token sealed with a key we no longer have cannot be revoked here; the channel can still go.
            if (!isVideogenError(error) || !error.code.startsWith('SECRET_KEY_')) throw error;
            process.stderr.write(`warning: ${error.message}; revoke videogen's access at https://myaccount.google.com/permissions yourself\n`);
          }
        }
        await store.channels.delete(channel.id);
        await store.audit.record({ actorId: user.id, action: 'channel.remove', target: channel.id, details: { name: channel.name, externalId: channel.externalId, revoked, via: 'cli' }, ip: null });
        out(`removed ${channel.name}${revoked ? ' (authorisation revoked at Google)' : ''}`);
      });
    });

  channels
    .command('stats [name]')
    .description('Channel totals and per-video views, likes and comments, as last fetched (every VIDEOGEN_STATS_MINUTES while a server runs).')
    .option('--json', 'print JSON')
    .option(...USER_OPTION)
    .action(async (name: string | undefined, flags: AccountFlags & { json?: boolean }) => {
      await withAccount(flags, async ({ store, user }) => {
        const list = name ? [await channelNamed(store, user.id, name)] : await store.channels.list(user.id);
        const report = [];
        for (const c of list) {
          const pubs = (await store.publications.list({ ownerId: user.id, channelId: c.id, state: 'succeeded' })).filter((p) => p.videoId);
          report.push({
            channel: { name: c.name, title: c.title, externalId: c.externalId, stats: c.stats, statsAt: c.statsAt?.toISOString() ?? null },
            videos: pubs.map((p) => ({ videoId: p.videoId, url: p.videoUrl, title: p.metadata.title ?? null, stats: p.stats, statsAt: p.statsAt?.toISOString() ?? null })),
          });
        }
        if (flags.json) return out(JSON.stringify(report, null, 2));
        if (!report.length) return out('no channels yet: `videogen channels add` connects one');
        for (const { channel, videos } of report) {
          out(`${channel.name}  ${channel.title ?? ''}  subscribers ${num(channel.stats.subscribers)} · views ${num(channel.stats.views)} · videos ${num(channel.stats.videos)}  (${channel.statsAt ? `as of ${channel.statsAt}` : 'not fetched yet'})`);
          if (!videos.length) out('  no published videos yet');
          for (const v of videos) out(`  ${v.url ?? v.videoId}  views ${num(v.stats.views)} · likes ${num(v.stats.likes)} · comments ${num(v.stats.comments)}  ${v.title ?? ''}`);
        }
      }, 'read');
    });
}

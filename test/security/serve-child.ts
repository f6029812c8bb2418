// A real server in its own process (so the test can read its RSS from /proc), with the production source adapters,
// one editor and an API key; prints {url, key} as one JSON line and stops on SIGTERM.
import { defaultSources } from '../../src/server/default-sources.ts';
import { apiKeyFor, createUser, login, startServer } from '../server/helpers.ts';

const server = await startServer({ sources: defaultSources(), server: { rateLimits: { auth: 10_000, write: 10_000, read: 10_000 } } });
await createUser(server.store, 'hostile@example.com');
const { key } = await apiKeyFor(server.url, await login(server.url, 'hostile@example.com'));
process.stdout.write(`${JSON.stringify({ url: server.url, key })}\n`);
process.once('SIGTERM', () => {
  void server.close().finally(() => process.exit(0));
});

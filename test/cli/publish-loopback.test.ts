import { describe, expect, it } from 'vitest';
import { receiveAuthorizationCode } from '../../src/publish/loopback.ts';

/** Starts the one-shot callback server and hands back its redirect URI as soon as it listens. */
function start(state: string, opts: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  let ready!: (uri: string) => void;
  const listening = new Promise<string>((resolve) => (ready = resolve));
  const result = receiveAuthorizationCode({ state, ...opts, onListening: ready });
  result.catch(() => undefined);
  return { listening, result };
}

describe('loopback OAuth callback', () => {
  it('refuses a wrong or missing state (400, keeps waiting), then takes exactly one matching callback', async () => {
    const { listening, result } = start('the-state');
    const uri = await listening;
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const wrong = await fetch(`${uri}?code=stolen&state=other`);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Not this sign-in');
    expect((await fetch(`${uri}?code=stolen`)).status).toBe(400);
    expect((await fetch(uri.replace('/callback', '/elsewhere'))).status).toBe(404);
    const right = await fetch(`${uri}?code=the-code&state=the-state`);
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('you can close this tab');
    await expect(result).resolves.toEqual({ code: 'the-code', redirectUri: uri });
    // The server is gone once the answer is in.
    await expect(fetch(`${uri}?code=again&state=the-state`)).rejects.toThrow();
  });

  it('fails clearly on error=access_denied with the right state', async () => {
    const { listening, result } = start('s2');
    const uri = await listening;
    const answer = await fetch(`${uri}?error=access_denied&state=s2`);
    expect(answer.status).toBe(400);
    await expect(result).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/not granted/) });
  });

  it('an error= with a foreign state does not end the wait', async () => {
    const ac = new AbortController();
    const { listening, result } = start('s3', { signal: ac.signal });
    const uri = await listening;
    expect((await fetch(`${uri}?error=access_denied&state=forged`)).status).toBe(400);
    ac.abort();
    await expect(result).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('times out with USAGE naming the headless alternative', async () => {
    const { result } = start('s4', { timeoutMs: 50 });
    await expect(result).rejects.toMatchObject({ code: 'USAGE', message: expect.stringMatching(/--refresh-token-stdin/) });
  });
});

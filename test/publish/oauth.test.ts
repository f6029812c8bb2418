import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationUrl, exchangeCode, pkcePair, refreshAccessToken, revokeToken, YOUTUBE_SCOPES } from '../../src/publish/youtube/oauth.ts';
import { startFakeYouTube, type FakeYouTube } from './fake-youtube.ts';

let yt: FakeYouTube;
beforeAll(async () => {
  yt = await startFakeYouTube();
});
afterAll(async () => {
  await yt.close();
});

/** Follows the consent page's redirect as a browser would, without a listener: the code and state from Location. */
async function consent(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('Google OAuth (installed-app flow with PKCE) against the fake', () => {
  it('builds a verifier of 43+ characters whose S256 challenge differs each time', () => {
    const a = pkcePair();
    const b = pkcePair();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(a.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
  });

  it('round-trips: consent URL → code + state → tokens → refresh → revoke → invalid_grant is CHANNEL_REAUTH', async () => {
    const cfg = yt.settings();
    const { verifier, challenge } = pkcePair();
    const redirectUri = 'http://127.0.0.1:53682/callback';
    const url = new URL(authorizationUrl(cfg, { redirectUri, state: 'st-1', codeChallenge: challenge }));
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(url.searchParams.get('include_granted_scopes')).toBe('true');
    expect(url.searchParams.get('scope')).toBe(YOUTUBE_SCOPES.join(' '));
    const back = await consent(url.toString());
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe('st-1');
    const code = back.searchParams.get('code')!;

    const tokens = await exchangeCode(cfg, { code, redirectUri, codeVerifier: verifier });
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.accessToken).toBeTruthy();
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    // A code is single-use.
    await expect(exchangeCode(cfg, { code, redirectUri, codeVerifier: verifier })).rejects.toMatchObject({ code: 'CHANNEL_REAUTH' });

    const fresh = await refreshAccessToken(cfg, tokens.refreshToken!);
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    await revokeToken(cfg, tokens.refreshToken!);
    await revokeToken(cfg, tokens.refreshToken!); // already revoked: still fine
    await expect(refreshAccessToken(cfg, tokens.refreshToken!)).rejects.toMatchObject({ code: 'CHANNEL_REAUTH' });
  });

  it('refuses a code with the wrong PKCE verifier', async () => {
    const cfg = yt.settings();
    const { challenge } = pkcePair();
    const redirectUri = 'http://127.0.0.1:1/cb';
    const back = await consent(authorizationUrl(cfg, { redirectUri, state: 's', codeChallenge: challenge }));
    await expect(exchangeCode(cfg, { code: back.searchParams.get('code')!, redirectUri, codeVerifier: pkcePair().verifier })).rejects.toMatchObject({ code: 'CHANNEL_REAUTH' });
  });

  it('names the missing client settings, fails retryably on 5xx and unreachable endpoints, and maps invalid_client', async () => {
    expect(() => authorizationUrl(yt.settings({ clientId: undefined }), { redirectUri: 'http://127.0.0.1/', state: 's', codeChallenge: 'c' })).toThrow(/YOUTUBE_CLIENT_ID/);
    await expect(refreshAccessToken(yt.settings({ clientSecret: undefined }), 'x')).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('YOUTUBE_CLIENT_SECRET') });
    yt.failNext('POST /token', 503);
    await expect(refreshAccessToken(yt.settings(), yt.issueRefreshToken())).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
    await expect(refreshAccessToken(yt.settings({ tokenBase: 'http://127.0.0.1:1' }), 'x')).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
    await expect(refreshAccessToken(yt.settings({ clientSecret: 'wrong' }), yt.issueRefreshToken())).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('revokeRefreshTokens() makes every refresh answer invalid_grant', async () => {
    const rt = yt.issueRefreshToken();
    await refreshAccessToken(yt.settings(), rt);
    yt.revokeRefreshTokens();
    await expect(refreshAccessToken(yt.settings(), rt)).rejects.toMatchObject({ code: 'CHANNEL_REAUTH' });
  });
});

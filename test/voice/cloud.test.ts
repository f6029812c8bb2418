import { afterEach, describe, expect, it } from 'vitest';
import { ElevenLabsTtsProvider, wordsFromAlignment } from '../../src/voice/elevenlabs.ts';
import { OpenAiTtsProvider } from '../../src/voice/openai.ts';
import { startHttp, s16le } from './http-server.ts';
import { tone } from './helpers.ts';

const FAST_RETRY = { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 };
let close: (() => Promise<void>) | undefined;
afterEach(async () => { await close?.(); close = undefined; });

describe('OpenAiTtsProvider', () => {
  it('posts the documented request and reads 24 kHz PCM', async () => {
    const pcm = tone(0.8, 24_000);
    const srv = await startHttp(() => ({ status: 200, headers: { 'content-type': 'audio/pcm' }, body: s16le(pcm) }));
    close = srv.close;
    const openai = new OpenAiTtsProvider({ apiKey: 'sk-test', baseUrl: srv.baseUrl });
    expect(await openai.available()).toBe(true);

    const result = await openai.synthesize('Hello there', 'female', { rate: 1.25 });

    expect(result).toMatchObject({ sampleRate: 24_000, channels: 1 });
    expect(Array.from(result.pcm)).toEqual(Array.from(pcm));
    const [req] = srv.requests;
    expect(req).toMatchObject({ method: 'POST', url: '/v1/audio/speech' });
    expect(req!.headers.authorization).toBe('Bearer sk-test');
    expect(req!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req!.body)).toEqual({ model: 'gpt-4o-mini-tts', input: 'Hello there', voice: 'nova', response_format: 'pcm', speed: 1.25 });
  });

  it('explains a 401 and names the key variable, without retrying', async () => {
    const srv = await startHttp(() => ({ status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error: { message: 'Incorrect API key provided' } }) }));
    close = srv.close;
    const openai = new OpenAiTtsProvider({ apiKey: 'sk-bad', baseUrl: srv.baseUrl, retry: FAST_RETRY });
    const error = await openai.synthesize('Hi', 'alloy').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TTS_UNAVAILABLE', details: { status: 401 } });
    expect((error as Error).message).toMatch(/HTTP 401.*Incorrect API key provided.*OPENAI_API_KEY/);
    expect(srv.requests).toHaveLength(1);
  });

  it('retries 503 and dropped connections, then succeeds', async () => {
    const srv = await startHttp((_req, n) => (n === 1 ? { status: 503, body: 'busy' } : n === 2 ? 'reset' : { status: 200, body: s16le(tone(0.1, 24_000)) }));
    close = srv.close;
    const openai = new OpenAiTtsProvider({ apiKey: 'k', baseUrl: srv.baseUrl, retry: FAST_RETRY });
    expect((await openai.synthesize('Hi', 'onyx')).pcm.length).toBe(2_400);
    expect(srv.requests.length).toBeGreaterThanOrEqual(2);
  });

  it('is unavailable without a key and reports a refused connection clearly', async () => {
    expect(await new OpenAiTtsProvider().available()).toBe(false);
    await expect(new OpenAiTtsProvider().synthesize('Hi', 'male')).rejects.toMatchObject({ code: 'TTS_UNAVAILABLE' });
    const closed = await startHttp(() => ({ status: 200, body: '' }));
    await closed.close(); // a port that was just free: nothing listens there now
    const nothing = new OpenAiTtsProvider({ apiKey: 'k', baseUrl: closed.baseUrl, retry: { ...FAST_RETRY, attempts: 2 } });
    await expect(nothing.synthesize('Hi', 'male')).rejects.toThrow(/cannot reach OpenAI TTS.*ECONNREFUSED/);
  });
});

describe('ElevenLabsTtsProvider', () => {
  it('posts to /with-timestamps with the key header and turns alignment into words', async () => {
    const pcm = tone(0.5, 24_000);
    const alignment = {
      characters: [...'Hi you'],
      character_start_times_seconds: [0, 0.1, 0.2, 0.25, 0.3, 0.4],
      character_end_times_seconds: [0.1, 0.2, 0.25, 0.3, 0.4, 0.5],
    };
    const srv = await startHttp(() => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ audio_base64: Buffer.from(s16le(pcm)).toString('base64'), alignment }),
    }));
    close = srv.close;
    const eleven = new ElevenLabsTtsProvider({ apiKey: 'xi-test', baseUrl: srv.baseUrl });
    const result = await eleven.synthesize('Hi you', 'male');
    expect(Array.from(result.pcm)).toEqual(Array.from(pcm));
    expect(result.words).toEqual([{ text: 'Hi', offsetMs: 0, durationMs: 200 }, { text: 'you', offsetMs: 250, durationMs: 250 }]);
    const [req] = srv.requests;
    expect(req!.url).toBe('/v1/text-to-speech/pNInz6obpgDQGcFmaJgB/with-timestamps?output_format=pcm_24000');
    expect(req!.headers['xi-api-key']).toBe('xi-test');
    expect(JSON.parse(req!.body)).toEqual({ text: 'Hi you', model_id: 'eleven_multilingual_v2' });
  });

  it('plain endpoint returns raw PCM', async () => {
    const srv = await startHttp(() => ({ status: 200, body: s16le(tone(0.2, 24_000)) }));
    close = srv.close;
    const eleven = new ElevenLabsTtsProvider({ apiKey: 'k', baseUrl: srv.baseUrl, timestamps: false });
    const result = await eleven.synthesize('Hi', '21m00Tcm4TlvDq8ikWAM', { rate: 1.1 });
    expect(result.pcm.length).toBe(4_800);
    expect(srv.requests[0]!.url).toBe('/v1/text-to-speech/21m00Tcm4TlvDq8ikWAM?output_format=pcm_24000');
    expect(JSON.parse(srv.requests[0]!.body)).toMatchObject({ voice_settings: { speed: 1.1 } });
  });

  it('explains a 401', async () => {
    const srv = await startHttp(() => ({ status: 401, body: JSON.stringify({ detail: { status: 'invalid_api_key', message: 'Invalid API key' } }) }));
    close = srv.close;
    const eleven = new ElevenLabsTtsProvider({ apiKey: 'bad', baseUrl: srv.baseUrl });
    await expect(eleven.synthesize('Hi', 'female')).rejects.toThrow(/ElevenLabs rejected the API key \(HTTP 401\): Invalid API key; check ELEVENLABS_API_KEY/);
  });

  it('groups characters into words', () => {
    expect(wordsFromAlignment({ characters: [' ', 'a', ' ', ' '], character_start_times_seconds: [0, 1, 2, 3], character_end_times_seconds: [1, 2, 3, 4] }))
      .toEqual([{ text: 'a', offsetMs: 1000, durationMs: 1000 }]);
  });
});

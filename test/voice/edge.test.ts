import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { EdgeTtsProvider } from '../../src/voice/edge.ts';
import { escapeSsmlText, longVoiceName, secMsGec, splitText } from '../../src/voice/edge-protocol.ts';
import { catalogueVoices } from '../../src/voice/edge-voices.ts';
import { encodeWav, rms } from '../../src/audio/wav.ts';
import { startFakeEdge } from './fake-edge-server.ts';
import type { FakeEdgeServer } from './fake-edge-server.ts';
import { hasBinary, tone } from './helpers.ts';

const NOW = 1_700_000_123_456; // fixed clock so the Sec-MS-GEC value is known
const FAST_RETRY = { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 };
const WORDS = [
  { text: 'Hello', offset: 1_000_000, duration: 3_250_000 },
  { text: 'world', offset: 4_500_000, duration: 4_000_000 },
];

let server: FakeEdgeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Edge protocol pieces', () => {
  it('computes Sec-MS-GEC like edge-tts (vector computed with the Python formula)', () => {
    expect(secMsGec(NOW)).toBe('AE4CF72E466874182A75878E20EADA83D29A1C12CAD9C3E0E014CCE0BFA55880');
    // Same 5-minute window → same token; next window → different.
    expect(secMsGec(NOW + 60_000)).toBe(secMsGec(NOW));
    expect(secMsGec(NOW + 300_000)).not.toBe(secMsGec(NOW));
  });

  it('expands short voice names and escapes text', () => {
    expect(longVoiceName('en-US-AriaNeural')).toBe('Microsoft Server Speech Text to Speech Voice (en-US, AriaNeural)');
    expect(longVoiceName('zh-CN-liaoning-XiaobeiNeural')).toBe('Microsoft Server Speech Text to Speech Voice (zh-CN-liaoning, XiaobeiNeural)');
    expect(() => longVoiceName('Aria')).toThrow(/not an Edge voice/);
    expect(escapeSsmlText('a < b & c > d\u000b')).toBe('a &lt; b &amp; c &gt; d ');
  });

  it('splits long text on spaces without breaking entities', () => {
    const text = escapeSsmlText('one & two '.repeat(50));
    const chunks = splitText(text, 64);
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) {
      expect(Buffer.byteLength(c)).toBeLessThanOrEqual(64);
      expect(c).not.toMatch(/&(?!amp;)/);
    }
    expect(chunks.join(' ')).toBe(text.trim());
  });

  it('has the 86-entry catalogue offline', () => {
    expect(catalogueVoices()).toHaveLength(86);
    expect(catalogueVoices('de').map((v) => v.id)).toContain('de-CH-LeniNeural');
  });
});

describe('EdgeTtsProvider against a local Read-aloud server', () => {
  it('sends the protocol messages and assembles audio and word boundaries', async () => {
    const pcm = tone(1.5, 24_000);
    server = await startFakeEdge({ audio: encodeWav(pcm, 24_000), contentType: 'audio/x-wav', words: WORDS });
    const edge = new EdgeTtsProvider({ baseUrl: server.baseUrl, now: () => NOW, outputFormat: 'riff-24khz-16bit-mono-pcm', retry: FAST_RETRY });

    const result = await edge.synthesize('Hello <world> & co', 'female', { rate: 1.1 });

    expect(result.sampleRate).toBe(24_000);
    expect(Array.from(result.pcm)).toEqual(Array.from(pcm));
    expect(result.words).toEqual([
      { text: 'Hello', offsetMs: 100, durationMs: 325 },
      { text: 'world', offsetMs: 450, durationMs: 400 },
    ]);

    const [conn] = server.connections;
    expect(conn).toBeDefined();
    const q = conn!.url.searchParams;
    expect(q.get('TrustedClientToken')).toBe('6A5AA1D4EAFF4E9FB37E23D68491D6F4');
    expect(q.get('Sec-MS-GEC')).toBe(secMsGec(NOW));
    expect(q.get('Sec-MS-GEC')).toMatch(/^[0-9A-F]{64}$/);
    expect(q.get('Sec-MS-GEC-Version')).toMatch(/^1-\d+\.\d+\.\d+\.\d+$/);
    expect(q.get('ConnectionId')).toMatch(/^[0-9a-f]{32}$/);
    expect(conn!.headers.origin).toBe('chrome-extension://jdiccldimpdaibmpdkjnbmckianbfold');

    const [config, ssml] = conn!.messages;
    expect(config).toMatch(/^X-Timestamp:\w{3} \w{3} \d{2} \d{4} \d{2}:\d{2}:\d{2} GMT\+0000 \(Coordinated Universal Time\)\r\n/);
    expect(config).toContain('Content-Type:application/json; charset=utf-8\r\nPath:speech.config\r\n\r\n');
    const body = JSON.parse(config!.split('\r\n\r\n')[1]!) as { context: { synthesis: { audio: { metadataoptions: unknown; outputFormat: string } } } };
    expect(body.context.synthesis.audio.metadataoptions).toEqual({ sentenceBoundaryEnabled: 'false', wordBoundaryEnabled: 'true' });
    expect(body.context.synthesis.audio.outputFormat).toBe('riff-24khz-16bit-mono-pcm');

    expect(ssml).toMatch(/^X-RequestId:[0-9a-f]{32}\r\nContent-Type:application\/ssml\+xml\r\nX-Timestamp:.+Z\r\nPath:ssml\r\n\r\n/);
    expect(ssml).toContain("<voice name='Microsoft Server Speech Text to Speech Voice (en-US, AriaNeural)'>");
    expect(ssml).toContain("<prosody pitch='+0Hz' rate='+10%' volume='+0%'>Hello &lt;world&gt; &amp; co</prosody>");
    expect(ssml).toMatch(/^[\s\S]*<speak version='1.0' xmlns='http:\/\/www.w3.org\/2001\/10\/synthesis' xml:lang='en-US'>/);
  });

  it('asks for MP3 by default and decodes it with ffmpeg', async (ctx) => {
    if (!hasBinary('ffmpeg')) {
      console.warn('ffmpeg not found: skipping the Edge MP3 decode test');
      ctx.skip();
    }
    const wav = encodeWav(tone(2, 24_000), 24_000);
    const mp3 = spawnSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'wav', '-i', 'pipe:0', '-f', 'mp3', '-b:a', '48k', 'pipe:1'], { input: wav });
    expect(mp3.status).toBe(0);
    server = await startFakeEdge({ audio: new Uint8Array(mp3.stdout), words: WORDS });
    const edge = new EdgeTtsProvider({ baseUrl: server.baseUrl, ffmpegPath: 'ffmpeg', retry: FAST_RETRY });
    const result = await edge.synthesize('Hello world', 'en-US-AndrewMultilingualNeural');
    expect(server.connections[0]!.messages[0]).toContain('"outputFormat":"audio-24khz-48kbitrate-mono-mp3"');
    expect(result.sampleRate).toBe(24_000);
    expect(result.pcm.length / 24_000).toBeGreaterThan(1.9);
    expect(result.pcm.length / 24_000).toBeLessThan(2.2);
    expect(rms(result.pcm)).toBeGreaterThan(0.1);
  });

  it.each([[503], ['reset' as const]])('retries after a failed first connection (%s)', async (failure) => {
    server = await startFakeEdge({ audio: encodeWav(tone(0.5, 24_000), 24_000), failFirst: { count: 1, with: failure } });
    const edge = new EdgeTtsProvider({ baseUrl: server.baseUrl, outputFormat: 'riff-24khz-16bit-mono-pcm', retry: FAST_RETRY });
    const result = await edge.synthesize('Hi', 'male');
    expect(server.attempts).toBe(2);
    expect(result.pcm.length).toBe(12_000);
  });

  it('gives up with TTS_FAILED after the retry budget', async () => {
    server = await startFakeEdge({ audio: new Uint8Array(0), failFirst: { count: 10, with: 503 } });
    const edge = new EdgeTtsProvider({ baseUrl: server.baseUrl, retry: FAST_RETRY });
    await expect(edge.synthesize('Hi', 'male')).rejects.toMatchObject({ code: 'TTS_FAILED', details: { status: 503 } });
    expect(server.attempts).toBe(3);
  });

  it('aborts a stalled synthesis promptly with CANCELLED', async () => {
    server = await startFakeEdge({ audio: new Uint8Array(0), stall: true });
    const edge = new EdgeTtsProvider({ baseUrl: server.baseUrl, retry: FAST_RETRY });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 150);
    await expect(edge.synthesize('Hi', 'male', { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(server.attempts).toBe(1);
  });

  it('times out a stalled connection', async () => {
    server = await startFakeEdge({ audio: new Uint8Array(0), stall: true });
    const edge = new EdgeTtsProvider({ baseUrl: server.baseUrl, receiveTimeoutMs: 100, retry: { ...FAST_RETRY, attempts: 2 } });
    await expect(edge.synthesize('Hi', 'male')).rejects.toThrow(/stopped responding/);
    expect(server.attempts).toBe(2);
  });

  it('lists voices from the service and maps named voices per language', async () => {
    server = await startFakeEdge({
      audio: new Uint8Array(0),
      voices: [
        { ShortName: 'en-US-AriaNeural', Gender: 'Female', Locale: 'en-US', VoiceTag: { VoicePersonalities: ['Positive', 'Confident'] } },
        { ShortName: 'de-DE-KatjaNeural', Gender: 'Female', Locale: 'de-DE' },
      ],
    });
    const edge = new EdgeTtsProvider({ baseUrl: server.baseUrl });
    expect(await edge.voices('de')).toEqual([{ id: 'de-DE-KatjaNeural', provider: 'edge', name: 'Katja', language: 'de-DE', gender: 'female' }]);
    expect((await edge.voices()).length).toBe(2);
    expect(edge.namedVoice('male', 'en')).toBe('en-US-AndrewMultilingualNeural');
    expect(edge.namedVoice('female_friendly', 'en')).toBe('en-US-AvaMultilingualNeural');
    expect(edge.namedVoice('female', 'es-MX')).toBe('es-MX-DaliaNeural');
    expect(edge.namedVoice('male_warm', 'ja')).toBe('ja-JP-KeitaNeural');
  });
});

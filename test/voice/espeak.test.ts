import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EspeakProvider } from '../../src/voice/espeak.ts';
import { rms } from '../../src/audio/wav.ts';

const SENTENCE = 'Videogen turns documents into narrated explainer videos.';
const SYSTEM_BINARY = '/usr/bin/espeak-ng';
const hasSystem = existsSync(SYSTEM_BINARY);
if (!hasSystem) console.warn(`\n!!! ${SYSTEM_BINARY} is missing: the system espeak-ng tests are SKIPPED (apt install espeak-ng) !!!\n`);

function expectSpeech(result: { pcm: Int16Array; sampleRate: number }) {
  expect(result.sampleRate).toBe(22_050);
  const seconds = result.pcm.length / result.sampleRate;
  expect(seconds).toBeGreaterThan(0.5);
  expect(seconds).toBeLessThan(10);
  expect(rms(result.pcm)).toBeGreaterThan(0.02);
}

describe('espeak-ng (wasm build)', () => {
  const wasm = new EspeakProvider({ engine: 'wasm' });

  it('synthesises a sentence', async () => {
    expect((await wasm.engine()).kind).toBe('wasm');
    expectSpeech(await wasm.synthesize(SENTENCE, 'en-us+f3'));
  });

  it('maps rate to words per minute (faster is shorter)', async () => {
    const normal = await wasm.synthesize(SENTENCE, 'male');
    const fast = await wasm.synthesize(SENTENCE, 'male', { rate: 1.5 });
    expect(fast.pcm.length).toBeLessThan(normal.pcm.length * 0.85);
  });

  it('speaks other languages through named voices and lists voices', async () => {
    expect(wasm.namedVoice('female', 'de')).toBe('de+f3');
    expect(wasm.namedVoice('male', 'zh')).toBe('cmn+m3');
    expectSpeech(await wasm.synthesize('Guten Tag, wie geht es Ihnen heute?', 'female', { language: 'de' }));
    const voices = await wasm.voices('de');
    expect(voices.map((v) => v.id)).toContain('de');
    expect((await wasm.voices()).length).toBeGreaterThan(100);
  });

  it('never treats text as options and rejects odd voice ids', async () => {
    expectSpeech(await wasm.synthesize('-v xx --help <b>bold</b> & "quotes"', 'en-us'));
    await expect(wasm.synthesize('hi', '-w /tmp/x')).rejects.toMatchObject({ code: 'TTS_FAILED' });
    await expect(wasm.synthesize('hi', 'xx-nope')).rejects.toMatchObject({ code: 'TTS_FAILED' });
    expect(process.exitCode).toBeUndefined();
  });
});

describe.skipIf(!hasSystem)('espeak-ng (system binary)', () => {
  const system = new EspeakProvider({ engine: 'system', binary: SYSTEM_BINARY });

  it('synthesises a sentence', async () => {
    expect((await system.engine()).kind).toBe('system');
    expectSpeech(await system.synthesize(SENTENCE, 'en-us+m3'));
  });

  it('is aborted by a signal', async () => {
    await expect(system.synthesize(SENTENCE, 'male', { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('lists voices by language', async () => {
    const fr = await system.voices('fr');
    expect(fr.map((v) => v.id)).toContain('fr-fr');
  });

  it('auto mode prefers the system binary, and falls back to wasm without one', async () => {
    expect((await new EspeakProvider({ binary: SYSTEM_BINARY }).engine()).kind).toBe('system');
    expect((await new EspeakProvider({ binary: '/nonexistent/espeak-ng' }).engine()).kind).toBe('wasm');
    expect(await new EspeakProvider({ engine: 'system', binary: '/nonexistent/espeak-ng' }).available()).toBe(false);
  });
});

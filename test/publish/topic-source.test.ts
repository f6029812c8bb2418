import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { topicSourceResolver } from '../../src/publish/topic-source.ts';
import { createJobInput } from '../../src/publish/scheduler.ts';
import { generateTopic, checkGenerator } from '../../src/publish/topic-generator.ts';
import { validateSpec } from '../../src/spec/index.ts';
import type { Schedule } from '../../src/store/index.ts';

// No model configured: the env is empty on purpose.
const config = loadConfig({ home: '/tmp/videogen-topic-source' }, { PATH: process.env.PATH });
const resolve = topicSourceResolver(config);
const signal = new AbortController().signal;

describe('topicSourceResolver', () => {
  it('makes the Short `videogen create --topic … --format short` makes, offline, from what a schedule stores', async () => {
    const schedule = { input: { format: 'short', generator: { niche: 'history', seed: 3 }, options: { language: 'en' } } } as unknown as Schedule;
    const spec = await resolve(createJobInput(schedule, 'The Roman Empire'), { signal });
    expect(validateSpec(spec).ok).toBe(true);
    expect(spec.aspect).toBe('9:16');
    expect(JSON.stringify(spec)).toContain('Roman Empire');
    // Same input, same script.
    expect(await resolve(createJobInput(schedule, 'The Roman Empire'), { signal })).toEqual(spec);
  });

  it('a long video needs a model: LLM_UNAVAILABLE names the fix', async () => {
    await expect(resolve({ source: { topic: 'How DNS works', format: 'video' } }, { signal })).rejects.toMatchObject({ code: 'LLM_UNAVAILABLE', message: expect.stringContaining('format short') });
  });

  it('anything but a topic source is USAGE', async () => {
    await expect(resolve({ source: { url: 'https://example.com' } }, { signal })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(resolve({ source: { topic: '  ' } }, { signal })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(resolve({ source: { topic: 'x', niche: 'cooking' } }, { signal })).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('niche must be one of') });
    await expect(resolve(null, { signal })).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('topic generator', () => {
  it('the same slot gets the same topic; slots get varied topics of the niche', () => {
    const gen = { niche: 'facts', seed: 1 };
    const slots = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i, 9)));
    const topics = slots.map((s) => generateTopic(gen, s));
    expect(slots.map((s) => generateTopic(gen, s))).toEqual(topics);
    expect(new Set(topics).size).toBeGreaterThan(15);
    expect(generateTopic({ niche: 'facts', seed: 2 }, slots[0]!)).not.toBe(undefined);
    for (const t of topics) expect(t).toMatch(/^[A-Z]/);
  });
  it('refuses a niche the templates do not have', () => {
    expect(() => checkGenerator({ niche: 'cooking' })).toThrow(/niche must be one of/);
  });
});

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

  it("writes the Short to the schedule's targetSeconds (the option table's name), as create --duration does", async () => {
    const words = async (targetSeconds: number) => {
      const schedule = { input: { format: 'short', options: { targetSeconds } } } as unknown as Schedule;
      const spec = await resolve(createJobInput(schedule, 'Why octopuses are smart'), { signal });
      return spec.scenes.map((scene) => ('narration' in scene ? String(scene.narration ?? '') : '')).join(' ').split(/\s+/).filter(Boolean).length;
    };
    const [short, long] = [await words(30), await words(60)];
    expect(short).toBeGreaterThan(10);
    expect(long).toBeGreaterThan(short * 1.4);
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
  it('a seeded sequence: the same schedule makes the same topics, never one subject twice in a row, 60 before any repeats', () => {
    const gen = { niche: 'facts', seed: 1 };
    const topics = Array.from({ length: 60 }, (_, i) => generateTopic(gen, i));
    expect(Array.from({ length: 60 }, (_, i) => generateTopic(gen, i))).toEqual(topics);
    expect(new Set(topics).size).toBe(60);
    // The subject is the topic without its framing: neighbours never share it, across rounds too.
    const subjectOf = (t: string) => t.toLowerCase().replace(/^(the surprising side of|what most people miss about|a one-minute guide to|the simple truth about) /, '');
    for (let i = 1; i < 80; i++) expect(subjectOf(generateTopic(gen, i))).not.toBe(subjectOf(generateTopic(gen, i - 1)));
    // The first round is the plain subjects; another seed, another order.
    expect(topics.slice(0, 12).every((t) => t === subjectOf(t) || t[0] === subjectOf(t)[0]?.toUpperCase())).toBe(true);
    expect(Array.from({ length: 12 }, (_, i) => generateTopic({ niche: 'facts', seed: 2 }, i))).not.toEqual(topics.slice(0, 12));
    for (const t of topics) expect(t).toMatch(/^[A-Z]/);
  });

  it('refuses a niche the templates do not have', () => {
    expect(() => checkGenerator({ niche: 'cooking' })).toThrow(/niche must be one of/);
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { fanoutEnabled } from '../../src/queue/segment-fanout.ts';

describe('fan-out switch', () => {
  const config = (env: Record<string, string>) => loadConfig({ home: '/tmp/videogen-fanout-config' }, env);

  it('is on with Redis unless VIDEOGEN_FANOUT turns it off, and never without Redis', () => {
    expect(fanoutEnabled(config({ REDIS_URL: 'redis://127.0.0.1:6379' }))).toBe(true);
    expect(fanoutEnabled(config({ REDIS_URL: 'redis://127.0.0.1:6379', VIDEOGEN_FANOUT: '1' }))).toBe(true);
    for (const off of ['0', 'false', 'off', 'no', ' OFF ']) expect(fanoutEnabled(config({ REDIS_URL: 'redis://127.0.0.1:6379', VIDEOGEN_FANOUT: off }))).toBe(false);
    expect(fanoutEnabled(config({}))).toBe(false);
  });
});

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../src/errors.ts';

const codes = Object.keys(ERROR_CODES) as ErrorCode[];

describe('error table', () => {
  it.each(codes)('%s has a docs page that agrees with its declared HTTP status', (code) => {
    const path = `docs/errors/${code}.md`;
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const page = readFileSync(path, 'utf8');
    expect(page.startsWith(`# ${code}\n`)).toBe(true);
    // The cause line states our own status; later lines may quote an upstream provider's.
    const said = /\*\*Cause\.\*\*[^\n]*?HTTP (\d{3})/.exec(page)?.[1];
    if (said) expect(Number(said), `${path} says HTTP ${said}`).toBe(ERROR_CODES[code].status);
  });

  it('has no docs page for a code that does not exist', () => {
    const pages = readdirSync('docs/errors').map((f) => f.replace(/\.md$/, ''));
    expect(pages.filter((p) => !(p in ERROR_CODES))).toEqual([]);
  });

  it('declares upstream provider failures as 502/503 and input mistakes as not retryable', () => {
    for (const code of ['TTS_FAILED', 'LLM_FAILED'] as const) expect(ERROR_CODES[code].status).toBe(502);
    for (const code of ['TTS_UNAVAILABLE', 'FFMPEG_MISSING'] as const) expect(ERROR_CODES[code].status).toBe(503);
    for (const code of ['SOURCE_UNREADABLE', 'TTS_UNAVAILABLE', 'FFMPEG_MISSING', 'SPEC_INVALID', 'SOURCE_FORBIDDEN', 'LIMIT_EXCEEDED'] as const) expect(ERROR_CODES[code].retry).toBe(false);
  });
});

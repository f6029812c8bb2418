import { describe, expect, it } from 'vitest';
import { isRealDateTime } from '../../src/util/real-date.ts';

describe('isRealDateTime', () => {
  it.each([
    ['2027-02-28T09:00Z', true],
    ['2028-02-29T09:00:00+01:00', true],
    ['2026-12-24', true],
    ['2026-12-31T23:59:59.999Z', true],
    ['2027-02-29T09:00Z', false],
    ['2027-02-30T09:00Z', false],
    ['2027-04-31T09:00+02:00', false],
    ['2027-13-01T09:00Z', false],
    ['2027-00-10T09:00Z', false],
    ['2027-01-00', false],
    ['2027-01-10T24:00Z', false],
    ['2027-01-10T12:60Z', false],
    ['2027-01-10T12:00:61Z', false],
    ['next tuesday', false],
  ])('%s → %s', (text, real) => expect(isRealDateTime(text)).toBe(real));
});

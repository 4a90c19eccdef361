import { describe, expect, it } from 'vitest';
import { activeOn, isIsoDate, listingActive } from './dates.ts';

describe('dates', () => {
  it('recognises real calendar dates written YYYY-MM-DD', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2026-12-31', '1999-01-01']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-1-1',
      '20260101',
      '2026-01-01T00:00:00Z',
      '',
    ])
      expect(isIsoDate(bad), bad).toBe(false);
  });

  it('validity is from inclusive, to exclusive; open bounds; no date = always', () => {
    expect(activeOn('2025-01-01', '2025-01-01', undefined)).toBe(true);
    expect(activeOn('2024-12-31', '2025-01-01', undefined)).toBe(false);
    expect(activeOn('2025-01-01', undefined, '2025-01-01')).toBe(false);
    expect(activeOn('2024-12-31', undefined, '2025-01-01')).toBe(true);
    expect(activeOn(undefined, '2030-01-01', '2031-01-01')).toBe(true);
  });

  it('a listing counts from listed until delisted', () => {
    const listing = { authority: 'OFAC' as const, program: 'P', listed: '2022-04-20', delisted: '2024-01-01' };
    expect(listingActive(listing, '2022-04-19')).toBe(false);
    expect(listingActive(listing, '2022-04-20')).toBe(true);
    expect(listingActive(listing, '2024-01-01')).toBe(false);
    expect(listingActive({ authority: 'UN', program: 'P' }, '1990-01-01')).toBe(true);
  });
});

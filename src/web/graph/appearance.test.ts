import { describe, expect, it } from 'vitest';
import { labelLines, ringColors, stakeLabel, FLAG_COLORS } from './appearance.ts';

describe('appearance', () => {
  it.each([
    [{ kind: 'OWNS' as const, percent: 60 }, '60%'],
    [{ kind: 'OWNS' as const, percent: 33.3333 }, '33.33%'],
    [{ kind: 'OWNS' as const, percentMin: 25, percentMax: 50 }, '25–50%'],
    [{ kind: 'OWNS' as const }, 'share ?'],
    [{ kind: 'OWNS' as const, percent: 90, votingPercent: 100 }, '90% (votes 100%)'],
    [{ kind: 'CONTROLS' as const, basis: 'board appointment' }, 'controls (board appointment)'],
    [{ kind: 'OPERATES' as const }, 'operates'],
    [{ kind: 'LINKED_TO' as const, basis: 'director' }, 'linked: director'],
  ])('labels %o as %s', (stake, expected) => {
    expect(stakeLabel(stake)).toBe(expected);
  });

  it('wraps long names on two lines', () => {
    expect(labelLines('Lotus Bay Holdings Ltd')).toEqual(['Lotus Bay Holdings Ltd']);
    expect(labelLines('Kestria State Energy Group Corporation')).toEqual(['Kestria State Energy Group', 'Corporation']);
    expect(labelLines('A'.repeat(30) + ' ' + 'B'.repeat(40))[1]).toHaveLength(26);
  });

  it('rings a node in up to three flag colours, most severe first; listed and owned share one', () => {
    expect(ringColors([])).toEqual([]);
    expect(ringColors(['NEAR_SENSITIVE_SITE', 'STATE_CONTROL', 'DATA_WARNING', 'STATE_OWNERSHIP'])).toEqual([
      FLAG_COLORS.STATE_CONTROL,
      FLAG_COLORS.STATE_OWNERSHIP,
      FLAG_COLORS.NEAR_SENSITIVE_SITE,
    ]);
    expect(ringColors(['SANCTIONED', 'SANCTIONED_OWNERSHIP'])).toEqual([FLAG_COLORS.SANCTIONED]);
  });
});

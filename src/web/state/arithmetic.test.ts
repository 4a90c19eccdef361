import { describe, expect, it } from 'vitest';
import type { Explanation, ExplanationEdge } from '../../domain/analysis/types.ts';
import { figureArithmetic, pathArithmetic } from './arithmetic.ts';

const own = (source: string, target: string, percent?: number, extra: Partial<ExplanationEdge> = {}) => ({
  key: `own:${source}->${target}`,
  source,
  target,
  kind: 'OWNS' as const,
  ...(percent === undefined ? {} : { percent }),
  ...extra,
});

const base: Omit<Explanation, 'flag' | 'paths' | 'figure'> = {
  rule: 'r',
  citation: 'c',
  threshold: 50,
  comparison: '>=',
  summary: 's',
};

describe('arithmetic', () => {
  it('multiplies shares along an effective-ownership path', () => {
    expect(pathArithmetic({ edges: [own('a', 'b', 60), own('b', 'c', 50)], share: 30 })).toBe('60% × 50% = 30%');
  });

  it('names the stake that counts on a sanctions path', () => {
    expect(pathArithmetic({ edges: [own('a', 'b', 60), own('b', 'c', 50)], share: 50 })).toBe('stake counted: 50%');
  });

  it('adds up the stakes of several blocked holders and compares with the threshold', () => {
    const explanation: Explanation = {
      ...base,
      flag: 'SANCTIONED_OWNERSHIP',
      figure: 50,
      paths: [
        { edges: [own('x', 'c', 30)], share: 30 },
        { edges: [own('y', 'c', 20)], share: 20 },
      ],
    };
    expect(figureArithmetic(explanation)).toBe('30% + 20% = 50% ≥ 50%');
  });

  it('shows a near miss with the failing comparison, and bands with figureMax', () => {
    expect(
      figureArithmetic({
        ...base,
        flag: 'SANCTIONED_OWNERSHIP',
        figure: 49.9,
        paths: [
          { edges: [own('x', 'c', 25)], share: 25 },
          { edges: [own('y', 'c', 24.9)], share: 24.9 },
        ],
      }),
    ).toBe('25% + 24.9% = 49.9% < 50%');
    expect(
      figureArithmetic({
        ...base,
        flag: 'DATA_WARNING',
        figure: 25,
        figureMax: 50,
        paths: [{ edges: [own('x', 'c', undefined, { percentMin: 25, percentMax: 50 })], share: 25, shareMax: 50 }],
      }),
    ).toBe('25–50% < 50%');
  });

  it('writes distances in km for proximity', () => {
    expect(
      figureArithmetic({
        ...base,
        flag: 'NEAR_SENSITIVE_SITE',
        threshold: 1.609344,
        comparison: '<=',
        figure: 0.999,
        paths: [],
      }),
    ).toBe('0.999 km ≤ 1.609 km');
  });
});

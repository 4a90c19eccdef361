/**
 * The arithmetic behind a flag, as an investigator checks it by hand: effective ownership multiplies the shares
 * along a path ("60% × 50% = 30%"); the sanctions rules add the stakes that count ("30% + 20% = 50% ≥ 50%").
 */
import type { Explanation, ExplanationEdge, ExplanationPath } from '../../domain/analysis/types.ts';

const n = (value: number) => `${Number(value.toFixed(3))}`;
const pct = (value: number) => `${n(value)}%`;
const close = (a: number, b: number) => Math.abs(a - b) < 0.01;

/** The share an edge carries on a path: exact percent, band, or the 100 an operator or control counts as. */
export function edgeShare(edge: ExplanationEdge): { min: number; max: number; text: string } {
  if (edge.percent !== undefined) return { min: edge.percent, max: edge.percent, text: pct(edge.percent) };
  if (edge.percentMin !== undefined || edge.percentMax !== undefined) {
    const min = edge.percentMin ?? 0;
    const max = edge.percentMax ?? 100;
    return { min, max, text: `${n(min)}–${pct(max)}` };
  }
  if (edge.implied === 'operator' || edge.kind === 'OPERATES' || edge.kind === 'CONTROLS')
    return { min: 100, max: 100, text: '100%' };
  return { min: 0, max: 100, text: '?' };
}

/** True when the path's share is the product of its edges' shares (effective ownership). */
export function isProductPath(path: ExplanationPath): boolean {
  if (path.edges.length < 2) return false;
  if (!path.edges.every((e) => e.kind === 'OWNS' || e.implied === 'operator')) return false;
  const product = path.edges.reduce((p, e) => (p * edgeShare(e).min) / 100, 100);
  return close(product, path.share);
}

const COMPARISON: Record<NonNullable<Explanation['comparison']>, string> = { '>=': '≥', '>': '>', '<=': '≤' };
const FAIL: Record<NonNullable<Explanation['comparison']>, string> = { '>=': '<', '>': '≤', '<=': '>' };

function shareText(path: ExplanationPath): string {
  return path.shareMax !== undefined && !close(path.shareMax, path.share)
    ? `${n(path.share)}–${pct(path.shareMax)}`
    : pct(path.share);
}

/** One path's arithmetic: the product of its shares, or the stake that counts (its last edge). */
export function pathArithmetic(path: ExplanationPath): string {
  if (isProductPath(path)) return `${path.edges.map((e) => edgeShare(e).text).join(' × ')} = ${shareText(path)}`;
  const last = path.edges[path.edges.length - 1];
  return last ? `stake counted: ${edgeShare(last).text}` : pct(path.share);
}

function unit(explanation: Explanation) {
  return explanation.flag === 'NEAR_SENSITIVE_SITE' ? (v: number) => `${n(v)} km` : pct;
}

function met(explanation: Explanation, figure: number): boolean {
  const threshold = explanation.threshold ?? 0;
  switch (explanation.comparison ?? '>=') {
    case '>=':
      return figure >= threshold - 1e-9;
    case '>':
      return figure > threshold + 1e-9;
    case '<=':
      return figure <= threshold + 1e-9;
  }
}

/**
 * The whole figure against the threshold. When the paths' shares add up to the figure (the sanctions rules, or
 * effective ownership through several paths), the sum is written out.
 */
export function figureArithmetic(explanation: Explanation): string | null {
  if (explanation.figure === null) return null;
  const fmt = unit(explanation);
  const figure =
    explanation.figureMax !== undefined && !close(explanation.figureMax, explanation.figure)
      ? `${n(explanation.figure)}–${fmt(explanation.figureMax)}`
      : fmt(explanation.figure);
  const shares = explanation.paths.map((p) => p.share);
  const sum = shares.reduce((a, b) => a + b, 0);
  const additive =
    explanation.flag !== 'NEAR_SENSITIVE_SITE' &&
    shares.length > 1 &&
    !explanation.pathsTruncated &&
    close(sum, explanation.figure);
  const left = additive ? `${explanation.paths.map(shareText).join(' + ')} = ${figure}` : figure;
  if (explanation.threshold === null) return left;
  const comparison = explanation.comparison ?? '>=';
  const sign = met(explanation, explanation.figure) ? COMPARISON[comparison] : FAIL[comparison];
  return `${left} ${sign} ${fmt(explanation.threshold)}`;
}

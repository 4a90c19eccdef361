import { describe, expect, it } from 'vitest';
import { DENSE_MAX, newBlockSystem, solveBlock, solveWithInverseDiagonal } from './linear.ts';

describe('block systems x = r + C x', () => {
  it('solves the two-company cross-holding exactly, with the diagonal of the inverse', () => {
    // x_A = 0.7 + 0.2 x_B ; x_B = 0 + 0.3 x_A
    const sys = newBlockSystem(2);
    sys.rows.push(0, 1);
    sys.cols.push(1, 0);
    sys.coefs.push(0.2, 0.3);
    sys.rhs.set([0.7, 0]);
    const out = new Float64Array(2);
    const { converged, diagonal } = solveWithInverseDiagonal(sys, out);
    expect(converged).toBe(true);
    expect(out[0]).toBeCloseTo(0.7 / 0.94, 14);
    expect(out[1]).toBeCloseTo(0.21 / 0.94, 14);
    expect(diagonal![0]).toBeCloseTo(1 / 0.94, 14);
  });

  it('reports a singular system (a cycle held 100 percent from inside) instead of looping', () => {
    const sys = newBlockSystem(2);
    sys.rows.push(0, 1);
    sys.cols.push(1, 0);
    sys.coefs.push(1, 1);
    sys.rhs.set([0.1, 0]);
    const out = new Float64Array(2);
    expect(solveBlock(sys, out)).toBe(false);
    expect(solveWithInverseDiagonal(sys, out).diagonal).toBeNull();
  });

  it('large groups are solved by Gauss-Seidel to the same answer', () => {
    const s = DENSE_MAX + 72;
    const sys = newBlockSystem(s);
    for (let i = 0; i < s; i++) {
      sys.rows.push(i);
      sys.cols.push((i + 1) % s);
      sys.coefs.push(0.5);
      sys.rhs[i] = i === 0 ? 0.5 : 0;
    }
    const out = new Float64Array(s);
    expect(solveBlock(sys, out)).toBe(true);
    // x_0 = 0.5 + 0.5 x_1, x_i = 0.5 x_{i+1}: x_0 = 0.5 / (1 - 0.5^s)
    expect(out[0]).toBeCloseTo(0.5 / (1 - 0.5 ** s), 12);
  });
});

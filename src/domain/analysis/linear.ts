/**
 * Small linear systems x = r + C x for one cross-holding group (a strongly connected component), where C holds the
 * shares among the group's members. This is the block form of X = B (I - A)^-1: solving (I - C) x = r. Groups up to
 * DENSE_MAX members are solved exactly by Gaussian elimination with partial pivoting; larger ones by Gauss-Seidel
 * iteration to a tolerance of 1e-14 with a cap on sweeps. A singular system (a group whose members are held 100
 * percent by one another, spectral radius 1) is reported as not converged instead of looping.
 */

/** Groups up to this size are solved densely. */
export const DENSE_MAX = 128;
/** Gauss-Seidel stops when no value moves by more than this (values are fractions, 0..1). */
export const TOLERANCE = 1e-14;
/** Gauss-Seidel gives up after this many sweeps. */
export const MAX_SWEEPS = 10_000;
/** ... or after this many coefficient visits in total. */
const MAX_WORK = 200_000_000;

/** x = r + C x over `size` unknowns; C as coordinate triples (x[row] += coef * x[col]). */
export interface BlockSystem {
  size: number;
  rows: number[];
  cols: number[];
  coefs: number[];
  rhs: Float64Array;
}

/** An empty system of `size` unknowns (no coefficients, zero right-hand side). */
export function newBlockSystem(size: number): BlockSystem {
  return { size, rows: [], cols: [], coefs: [], rhs: new Float64Array(size) };
}

/** LU factorisation (in place, partial pivoting) of the dense matrix I - C. Null when singular. */
function factor(sys: BlockSystem): { lu: Float64Array; piv: Int32Array } | null {
  const s = sys.size;
  const lu = new Float64Array(s * s);
  for (let i = 0; i < s; i++) lu[i * s + i] = 1;
  for (let k = 0; k < sys.rows.length; k++) lu[sys.rows[k]! * s + sys.cols[k]!]! -= sys.coefs[k]!;
  const piv = new Int32Array(s);
  for (let c = 0; c < s; c++) {
    let best = c;
    let bestAbs = Math.abs(lu[c * s + c]!);
    for (let r = c + 1; r < s; r++) {
      const a = Math.abs(lu[r * s + c]!);
      if (a > bestAbs) {
        bestAbs = a;
        best = r;
      }
    }
    if (!(bestAbs > 1e-12)) return null;
    piv[c] = best;
    if (best !== c) {
      for (let j = 0; j < s; j++) {
        const t = lu[c * s + j]!;
        lu[c * s + j] = lu[best * s + j]!;
        lu[best * s + j] = t;
      }
    }
    const d = lu[c * s + c]!;
    for (let r = c + 1; r < s; r++) {
      const f = lu[r * s + c]! / d;
      if (f === 0) continue;
      lu[r * s + c] = f;
      for (let j = c + 1; j < s; j++) lu[r * s + j]! -= f * lu[c * s + j]!;
    }
  }
  return { lu, piv };
}

function luSolve(lu: Float64Array, piv: Int32Array, s: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let c = 0; c < s; c++) {
    const p = piv[c]!;
    if (p !== c) {
      const t = x[c]!;
      x[c] = x[p]!;
      x[p] = t;
    }
  }
  for (let r = 0; r < s; r++) {
    let v = x[r]!;
    for (let j = 0; j < r; j++) v -= lu[r * s + j]! * x[j]!;
    x[r] = v;
  }
  for (let r = s - 1; r >= 0; r--) {
    let v = x[r]!;
    for (let j = r + 1; j < s; j++) v -= lu[r * s + j]! * x[j]!;
    x[r] = v / lu[r * s + r]!;
  }
  return x;
}

function gaussSeidel(sys: BlockSystem, out: Float64Array): boolean {
  const s = sys.size;
  const nnz = sys.rows.length;
  const start = new Int32Array(s + 1);
  for (let k = 0; k < nnz; k++) start[sys.rows[k]! + 1]!++;
  for (let i = 0; i < s; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, s);
  const cols = new Int32Array(nnz);
  const coefs = new Float64Array(nnz);
  for (let k = 0; k < nnz; k++) {
    const at = fill[sys.rows[k]!]!++;
    cols[at] = sys.cols[k]!;
    coefs[at] = sys.coefs[k]!;
  }
  out.set(sys.rhs);
  const sweeps = Math.min(MAX_SWEEPS, Math.max(10, Math.floor(MAX_WORK / Math.max(1, nnz + s))));
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let delta = 0;
    for (let i = 0; i < s; i++) {
      let v = sys.rhs[i]!;
      for (let k = start[i]!; k < start[i + 1]!; k++) v += coefs[k]! * out[cols[k]!]!;
      const d = Math.abs(v - out[i]!);
      if (d > delta) delta = d;
      out[i] = v;
    }
    if (!Number.isFinite(delta)) return false;
    if (delta <= TOLERANCE) return true;
  }
  return false;
}

/**
 * Solves x = r + C x into `out`. Returns false when the system is singular or the iteration did not converge;
 * `out` then holds the last iterate (possibly huge), which the caller must cap and report.
 */
export function solveBlock(sys: BlockSystem, out: Float64Array): boolean {
  if (sys.size <= DENSE_MAX) {
    const f = factor(sys);
    if (f !== null) {
      const x = luSolve(f.lu, f.piv, sys.size, sys.rhs);
      let ok = true;
      for (let i = 0; i < sys.size; i++) {
        const v = x[i]!;
        if (!Number.isFinite(v) || v < -1e-9) ok = false;
        out[i] = v < 0 ? 0 : v;
      }
      if (ok) return true;
    }
  }
  return gaussSeidel(sys, out);
}

/**
 * Solves x = r + C x and also returns the diagonal of (I - C)^-1 (the sum over closed walks from each member back
 * to itself), when the system is small enough to factor densely and not singular; otherwise null.
 */
export function solveWithInverseDiagonal(
  sys: BlockSystem,
  out: Float64Array,
): { converged: boolean; diagonal: Float64Array | null } {
  const s = sys.size;
  if (s <= DENSE_MAX) {
    const f = factor(sys);
    if (f !== null) {
      const x = luSolve(f.lu, f.piv, s, sys.rhs);
      const diagonal = new Float64Array(s);
      const unit = new Float64Array(s);
      let ok = true;
      for (let i = 0; i < s; i++) {
        unit[i] = 1;
        const column = luSolve(f.lu, f.piv, s, unit);
        unit[i] = 0;
        diagonal[i] = column[i]!;
        if (!(column[i]! >= 1 - 1e-9) || !Number.isFinite(column[i]!)) ok = false;
        const v = x[i]!;
        if (!Number.isFinite(v) || v < -1e-9) ok = false;
        out[i] = v < 0 ? 0 : v;
      }
      if (ok) return { converged: true, diagonal };
    }
  }
  return { converged: gaussSeidel(sys, out), diagonal: null };
}

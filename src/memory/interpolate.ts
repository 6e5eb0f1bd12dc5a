/**
 * Monotone cubic interpolation (PCHIP, Fritsch–Carlson with the Fritsch–Butland interior slopes, as
 * in SciPy's PchipInterpolator). Between two points the curve stays between their values, so run time
 * is monotone wherever the measured points are, with no overshoot at a local extremum.
 *
 * faasim interpolates measured run times in log-memory and log-duration: a CPU-bound run time falls
 * as 1/memory, which is a straight line there, so two points already give the exact curve for it.
 */

export interface Pchip {
  /** ascending, distinct */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** slopes at the points */
  readonly ds: Float64Array;
}

export function pchip(xs: readonly number[], ys: readonly number[]): Pchip {
  const n = xs.length;
  if (n !== ys.length || n < 2) throw new Error('pchip needs at least two points and as many ys as xs');
  for (let i = 1; i < n; i++)
    if (!((xs[i] as number) > (xs[i - 1] as number))) throw new Error('pchip xs must ascend strictly');
  const x = Float64Array.from(xs);
  const y = Float64Array.from(ys);
  const h = new Float64Array(n - 1);
  const delta = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    h[i] = (x[i + 1] as number) - (x[i] as number);
    delta[i] = ((y[i + 1] as number) - (y[i] as number)) / (h[i] as number);
  }
  const d = new Float64Array(n);
  if (n === 2) {
    d[0] = delta[0] as number;
    d[1] = delta[0] as number;
    return { xs: x, ys: y, ds: d };
  }
  for (let k = 1; k < n - 1; k++) {
    const d0 = delta[k - 1] as number;
    const d1 = delta[k] as number;
    if (d0 * d1 <= 0) {
      d[k] = 0;
      continue;
    }
    const w1 = 2 * (h[k] as number) + (h[k - 1] as number);
    const w2 = (h[k] as number) + 2 * (h[k - 1] as number);
    d[k] = (w1 + w2) / (w1 / d0 + w2 / d1);
  }
  d[0] = endSlope(h[0] as number, h[1] as number, delta[0] as number, delta[1] as number);
  d[n - 1] = endSlope(h[n - 2] as number, h[n - 3] as number, delta[n - 2] as number, delta[n - 3] as number);
  return { xs: x, ys: y, ds: d };
}

/** One-sided three-point slope, kept monotone (shape-preserving end condition). */
function endSlope(h0: number, h1: number, del0: number, del1: number): number {
  const d = ((2 * h0 + h1) * del0 - h0 * del1) / (h0 + h1);
  if (Math.sign(d) !== Math.sign(del0)) return 0;
  if (Math.sign(del0) !== Math.sign(del1) && Math.abs(d) > Math.abs(3 * del0)) return 3 * del0;
  return d;
}

/** Value at x inside [xs[0], xs[n-1]]; exact at the points. */
export function evalPchip(p: Pchip, x: number): number {
  const { xs, ys, ds } = p;
  const n = xs.length;
  if (x <= (xs[0] as number)) return ys[0] as number;
  if (x >= (xs[n - 1] as number)) return ys[n - 1] as number;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  const x0 = xs[lo] as number;
  if (x === x0) return ys[lo] as number;
  const h = (xs[hi] as number) - x0;
  const t = (x - x0) / h;
  const t2 = t * t;
  const t3 = t2 * t;
  return (
    (2 * t3 - 3 * t2 + 1) * (ys[lo] as number) +
    (t3 - 2 * t2 + t) * h * (ds[lo] as number) +
    (-2 * t3 + 3 * t2) * (ys[hi] as number) +
    (t3 - t2) * h * (ds[hi] as number)
  );
}

/** PCHIP: exact at the points, monotone between monotone points, no overshoot. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evalPchip, pchip } from '../../src/memory/interpolate.js';

describe('pchip', () => {
  test('two points give the straight line between them', () => {
    const p = pchip([0, 10], [5, 25]);
    // slope (25 − 5) / 10 = 2 → at 2.5: 5 + 2 × 2.5 = 10
    expect(evalPchip(p, 2.5)).toBeCloseTo(10, 12);
    expect(evalPchip(p, 0)).toBe(5);
    expect(evalPchip(p, 10)).toBe(25);
  });

  test('a local maximum is flat: no overshoot above the highest point', () => {
    // 1 → 3 → 1: the interior slope is set to 0 at x = 1, so nothing between 0 and 2 exceeds 3
    const p = pchip([0, 1, 2], [1, 3, 1]);
    for (let x = 0; x <= 2; x += 0.01) expect(evalPchip(p, x)).toBeLessThanOrEqual(3 + 1e-12);
  });

  test('property: on monotone decreasing points the curve decreases and stays between neighbours', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.01, max: 10, noNaN: true }),
            fc.double({ min: 0, max: 10, noNaN: true }),
          ),
          { minLength: 2, maxLength: 8 },
        ),
        (steps) => {
          // build ascending xs and descending ys from positive steps
          const xs: number[] = [0];
          const ys: number[] = [100];
          for (const [dx, dy] of steps) {
            xs.push((xs[xs.length - 1] as number) + dx);
            ys.push((ys[ys.length - 1] as number) - dy);
          }
          const p = pchip(xs, ys);
          let prev = Infinity;
          const last = xs[xs.length - 1] as number;
          for (let i = 0; i <= 200; i++) {
            const x = (last * i) / 200;
            const y = evalPchip(p, x);
            expect(y).toBeLessThanOrEqual(prev + 1e-9);
            prev = y;
          }
          xs.forEach((x, i) => expect(evalPchip(p, x)).toBe(ys[i]));
        },
      ),
      { numRuns: 200 },
    );
  });
});

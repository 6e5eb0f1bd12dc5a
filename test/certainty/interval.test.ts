/** The t quantiles and the mean interval, against printed tables and hand arithmetic. */
import { describe, expect, test } from 'vitest';
import { meanInterval } from '../../src/certainty/interval.js';
import { t975 } from '../../src/certainty/t-quantile.js';

describe('t(0.975, ν)', () => {
  test('the printed table at 1, 4, 9 and 30 degrees of freedom', () => {
    expect(t975(1)).toBe(12.7062);
    expect(t975(4)).toBe(2.7764);
    expect(t975(9)).toBe(2.2622);
    expect(t975(30)).toBe(2.0423);
  });
  test('the expansion above 30 agrees with printed values at 40, 60 and 120 (4 decimals) and tends to z = 1.95996', () => {
    expect(t975(40)).toBeCloseTo(2.0211, 4);
    expect(t975(60)).toBeCloseTo(2.0003, 4);
    expect(t975(120)).toBeCloseTo(1.9799, 4);
    expect(t975(999)).toBeCloseTo(1.96234, 4);
    // continuous with the table: 31 lies between 30 (2.0423) and 40, at its printed 2.0395
    expect(t975(31)).toBeCloseTo(2.0395, 4);
  });
  test('refuses degrees of freedom that are not whole and ≥ 1', () => {
    expect(() => t975(0)).toThrow(RangeError);
    expect(() => t975(2.5)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  test('hand-computed: 1, 2, 3, 4, 5', () => {
    // mean 3; s² = (4+1+0+1+4)/4 = 2.5; s/√5 = √0.5 = 0.70711; t(0.975, 4) = 2.7764 → ± 1.96321
    const i = meanInterval([1, 2, 3, 4, 5]);
    expect(i.mean).toBe(3);
    expect(i.n).toBe(5);
    expect(i.low).toBeCloseTo(3 - 2.7764 * Math.sqrt(0.5), 12);
    expect(i.high).toBeCloseTo(3 + 1.96321, 5);
  });
  test('equal values give a zero-width interval', () => {
    expect(meanInterval([7, 7, 7])).toEqual({ mean: 7, low: 7, high: 7, n: 3 });
  });
  test('one value has no interval', () => {
    expect(() => meanInterval([1])).toThrow(/at least 2/);
  });
});

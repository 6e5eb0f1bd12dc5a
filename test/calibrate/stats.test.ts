import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, quantileSorted } from '../../src/calibrate/stats.js';

describe('chi-square tail', () => {
  it('matches the closed forms for even df: df 2 → e^(−x/2), df 4 → e^(−x/2)(1 + x/2)', () => {
    for (const x of [0.5, 3, 7.5, 50]) {
      expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
      expect(chiSquareSurvival(x, 4) / (Math.exp(-x / 2) * (1 + x / 2))).toBeCloseTo(1, 10);
    }
  });
  it('gives the table’s 5 % critical values: 3.841 (1 df), 18.307 (10 df)', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 7);
  });
});

describe('quantiles', () => {
  it('interpolate between order statistics: p50 of 1..4 is 2.5, p90 is 1 + 0.9 × 3 = 3.7', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
  });
});

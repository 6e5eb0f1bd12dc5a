/**
 * ActivePeriods (src/providers/shared/active-periods.ts) driven alone: busy and idle reports of one
 * instance, as the platform makes them (alternating, time never going back), and the billed ms the
 * idle reports add up to. Rule: a request that starts while the instance is still inside the billed
 * window of its previous period (from the period's start to start + billed length) continues that
 * period; the minimum and the rounding apply once to the merged period.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ActivePeriods, type PeriodRule } from '../../src/providers/shared/active-periods.js';

const FLEX: PeriodRule = { minMs: 1000, stepMs: 100, fromReady: true };
const CLOUD_RUN: PeriodRule = { minMs: 0, stepMs: 100, fromReady: false };

/** Billed ms of one instance (serial 0, created at `initFrom` with `initMs`) busy over `intervals`. */
function billed(rule: PeriodRule, intervals: [number, number][], initMs = 0, initFrom = 0): number {
  const p = new ActivePeriods(rule);
  p.start(0, initFrom, initMs);
  let sum = 0;
  for (const [from, to] of intervals) {
    p.busy(0, from);
    sum += p.idle(0, to);
  }
  return sum;
}

describe('a request inside the previous billed window continues the period', () => {
  test('Flex: 0..100 then five 100 ms requests 200 ms apart from 100,000 ms bill 2 × 1 s', () => {
    // The brief's repro (s → ms): 0..100 alone → 1,000 ms. Then 100,000..100,100, 100,200..100,300, …,
    // 100,800..100,900: each starts inside the window 100,000..101,000 of the first → one period
    // 100,000..100,900 = 900 ms → 1,000 ms minimum. Total 2,000 ms (closing each would bill 6,000).
    const later = [0, 1, 2, 3, 4].map((i): [number, number] => [100_000 + i * 200, 100_100 + i * 200]);
    expect(billed(FLEX, [[0, 100], ...later])).toBe(2000);
  });

  test('Cloud Run: 20 requests of 10 ms, 50 ms apart bill 1,000 ms, not 20 × 100 ms', () => {
    // starts 0, 50, …, 950; each inside the 100 ms-rounded window of the period so far
    // (0..10 → window 0..100; 50..60 → 0..100; 100..110 → 0..200; …) → one period 0..960 → 1,000 ms
    const reqs = Array.from({ length: 20 }, (_, i): [number, number] => [i * 50, i * 50 + 10]);
    expect(billed(CLOUD_RUN, reqs)).toBe(1000);
  });

  test('a gap longer than the billed window opens a new period', () => {
    // Flex 0..250 → window 0..1,000. Next at 1,001..1,251: outside → 1,000 + 1,000 = 2,000 ms.
    expect(
      billed(FLEX, [
        [0, 250],
        [1001, 1251],
      ]),
    ).toBe(2000);
    // Cloud Run 0..250 → window 0..300; 301..551 → 300 + 300 = 600 ms
    expect(
      billed(CLOUD_RUN, [
        [0, 250],
        [301, 551],
      ]),
    ).toBe(600);
  });

  test('a request at the window’s very end continues it (as back to back does at the busy end)', () => {
    // Flex 0..250, window 0..1,000; 1,000..1,250 → one period 0..1,250 → 1,300 ms (two would bill 2,000)
    expect(
      billed(FLEX, [
        [0, 250],
        [1000, 1250],
      ]),
    ).toBe(1300);
    // Cloud Run 0..250 → 0..300; 300..550 → one period 0..550 → 600 ms (two: 300 + 300, the same)
    expect(
      billed(CLOUD_RUN, [
        [0, 250],
        [300, 550],
      ]),
    ).toBe(600);
  });

  test('Flex: the window starts when INIT ends', () => {
    // created at 0, INIT 500: busy 0..600 bills 500..600 → 1,000 ms, window 500..1,500. A request
    // at 1,400..1,700 continues it: 500..1,700 = 1,200 ms. At 1,501 it would open a new period.
    expect(
      billed(
        FLEX,
        [
          [0, 600],
          [1400, 1700],
        ],
        500,
      ),
    ).toBe(1200);
    expect(
      billed(
        FLEX,
        [
          [0, 600],
          [1501, 1801],
        ],
        500,
      ),
    ).toBe(2000);
  });
});

/** Random busy intervals of one instance: gaps ≥ 0 (0 = back to back) and lengths > 0, in ms. */
const intervals = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 2500 })), {
    minLength: 1,
    maxLength: 40,
  })
  .map((pairs) => {
    const out: [number, number][] = [];
    let t = 0;
    for (const [gap, len] of pairs) {
      out.push([t + gap, t + gap + len]);
      t += gap + len;
    }
    return out;
  });

/** Length of the union of [from, to + extendMs] over the intervals (sorted by start). */
function unionMs(list: [number, number][], extendMs: number): number {
  let sum = 0;
  let curFrom = Number.NEGATIVE_INFINITY;
  let curTo = Number.NEGATIVE_INFINITY;
  for (const [from, to] of list) {
    const end = to + extendMs;
    if (from > curTo) {
      if (curTo > curFrom) sum += curTo - curFrom;
      curFrom = from;
      curTo = end;
    } else curTo = Math.max(curTo, end);
  }
  return sum + (curTo - curFrom);
}

describe('property: billed time never exceeds the busy time plus one rounding step per period', () => {
  for (const [name, rule] of [
    ['Flex (1 s minimum, 100 ms steps)', FLEX],
    ['Cloud Run (100 ms steps)', CLOUD_RUN],
  ] as const) {
    test(name, () => {
      // R = max(minimum, step): a period's billed window ends at most R after its last busy end (or
      // at its start + the minimum), and a new period starts only past the previous window, so the
      // windows are disjoint and each lies inside the union of [busy start, busy end + R]. Billing
      // each busy interval on its own breaks this as soon as two fall inside one window.
      const r = Math.max(rule.minMs, rule.stepMs);
      fc.assert(
        fc.property(intervals, (list) => {
          const b = billed(rule, list);
          const busy = list.reduce((a, [from, to]) => a + (to - from), 0);
          expect(b).toBeGreaterThanOrEqual(busy);
          expect(b).toBeLessThanOrEqual(unionMs(list, r) + 1e-6);
        }),
        { numRuns: 300 },
      );
    });
  }
});

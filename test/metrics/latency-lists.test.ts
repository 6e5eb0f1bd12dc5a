/**
 * LatencyLists keeps every function's latencies of one kind without a recorder object per function;
 * its figures must be those of a LatencyRecorder per function fed the same samples, on the same
 * exact limit and shared budget (issue 12 §3). Checked against that reference on random streams
 * with small limits, budgets and hand-off counts, so lists do go to recorders (exact ones, or
 * histograms) partway through.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LatencyLists } from '../../src/metrics/latency-lists.js';
import { ExactBudget, LatencyRecorder } from '../../src/metrics/latency.js';

const PS = [0, 0.25, 0.5, 0.9, 0.99, 1];

function figures(r: LatencyRecorder | null): number[] | null {
  return r === null ? null : [r.count, r.mean(), r.min(), r.max(), r.exact ? 1 : 0, ...r.quantiles(PS)];
}

const stream = fc.array(
  // few functions, so each gets past the limits; spread over two record blocks (4,096 functions each) and beyond
  fc.tuple(fc.constantFrom(0, 1, 2, 4095, 4096, 9000), fc.double({ min: 0, max: 1e5, noNaN: true })),
  { maxLength: 300 },
);

describe('LatencyLists', () => {
  test('the same figures, states and merged totals as one LatencyRecorder per function', () => {
    fc.assert(
      fc.property(
        stream,
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
        fc.integer({ min: 1, max: 80 }),
        (adds, limit, shared, handoff) => {
          const fns = [...new Set(adds.map(([fn]) => fn))].sort((a, b) => a - b);
          const refBudget = shared === null ? undefined : new ExactBudget(shared);
          const ref = new Map<number, LatencyRecorder>();
          const lists = new LatencyLists(limit, shared === null ? null : new ExactBudget(shared), handoff);
          for (const [fn, ms] of adds) {
            let r = ref.get(fn);
            if (r === undefined) {
              r = new LatencyRecorder(limit, refBudget);
              ref.set(fn, r);
            }
            r.add(ms);
            lists.add(fn, ms);
          }
          for (const fn of [...fns, 3, 20_000]) {
            expect(figures(lists.recorder(fn))).toEqual(figures(ref.get(fn) ?? null));
            expect(lists.count(fn)).toBe(ref.get(fn)?.count ?? 0);
            expect(lists.exact(fn)).toBe(ref.get(fn)?.exact ?? true);
            expect(lists.exportState(fn)).toEqual(ref.get(fn)?.exportState() ?? null);
          }
          // totals over functions in index order: sums added in the same order, to the bit
          const a = new LatencyRecorder(50);
          const b = new LatencyRecorder(50);
          for (const fn of fns) {
            a.merge(ref.get(fn) as LatencyRecorder);
            lists.mergeInto(b, fn);
          }
          expect(figures(b)).toEqual(figures(a));
        },
      ),
    );
  });

  test('worked by hand: a limit of 2 turns the list into a histogram at its third sample', () => {
    const lists = new LatencyLists(2, null, 64);
    lists.add(7, 10);
    lists.add(7, 30);
    expect(lists.exact(7)).toBe(true);
    expect(lists.exportState(7)).toEqual({
      n: 2,
      sum: 40,
      min: 10,
      max: 30,
      exact: Float64Array.of(10, 30),
      buckets: null,
    });
    lists.add(7, 20);
    expect(lists.exact(7)).toBe(false);
    const r = lists.recorder(7) as LatencyRecorder;
    // (10 + 30 + 20) / 3 = 20
    expect([r.count, r.mean(), r.min(), r.max()]).toEqual([3, 20, 10, 30]);
    expect(lists.recorder(6)).toBeNull();
  });

  test('a state taken from a shard is the function’s recorder from then on', () => {
    const src = new LatencyRecorder(5);
    for (const x of [4, 1, 3]) src.add(x);
    const lists = new LatencyLists(5, null);
    lists.importState(9000, src.exportState(), 5);
    expect(figures(lists.recorder(9000))).toEqual(figures(src));
    expect(lists.count(9000)).toBe(3);
  });
});

test('a list handed to its recorder at 3 samples stays exact and counts on from there', () => {
  const budget = new ExactBudget(10);
  const lists = new LatencyLists(100, budget, 3);
  for (const x of [5, 1, 9, 3]) lists.add(0, x);
  // four samples kept exactly, each taken from the budget of 10
  expect(budget.remaining).toBe(6);
  expect(lists.exact(0)).toBe(true);
  const r = lists.recorder(0) as LatencyRecorder;
  expect(lists.recorder(0)).toBe(r);
  // mean (5 + 1 + 9 + 3) / 4 = 4.5
  expect([r.count, r.mean(), r.min(), r.max()]).toEqual([4, 4.5, 1, 9]);
});

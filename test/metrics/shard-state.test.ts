/**
 * The pieces a simulate shard is rebuilt from (src/run/shard-state.ts, LatencyRecorder.exportState):
 * a recorder restored from its state merges into a total exactly as the original does, and the peak of
 * per-instant changes added across shards is the peak of the sum, decreases of an instant first.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LatencyRecorder } from '../../src/metrics/latency.js';
import { peakOfSum, type Steps } from '../../src/run/shard-state.js';
import { fromExactJson, toExactJson } from '../../src/util/exact-json.js';

const steps = (pairs: [number, number][]): Steps => ({
  timesMs: Float64Array.from(pairs.map((p) => p[0])),
  deltas: Int32Array.from(pairs.map((p) => p[1])),
});

describe('peakOfSum', () => {
  test('hand-computed: a request ending at 10 ms and another starting then make 1, not 2', () => {
    // shard A: +1 at 0, −1 at 10; shard B: +1 at 10, −1 at 20. Levels: 1 on [0, 10), 1 on [10, 20)
    expect(
      peakOfSum([
        steps([
          [0, 1],
          [10, -1],
        ]),
        steps([
          [10, 1],
          [20, -1],
        ]),
      ]),
    ).toBe(1);
    // B starts at 5 instead: 2 on [5, 10)
    expect(
      peakOfSum([
        steps([
          [0, 1],
          [10, -1],
        ]),
        steps([
          [5, 1],
          [20, -1],
        ]),
      ]),
    ).toBe(2);
    expect(peakOfSum([])).toBe(0);
  });

  test('equals the peak of one log holding every change (sorted, one net change per instant)', () => {
    const log = fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: -3, max: 3 })), {
      maxLength: 40,
    });
    fc.assert(
      fc.property(fc.array(log, { minLength: 1, maxLength: 4 }), (logs) => {
        const net = new Map<number, number>();
        for (const l of logs) for (const [t, d] of l) net.set(t, (net.get(t) ?? 0) + d);
        let level = 0;
        let peak = 0;
        for (const t of [...net.keys()].sort((a, b) => a - b)) {
          level += net.get(t) as number;
          peak = Math.max(peak, level);
        }
        const perShard = logs.map((l) => {
          const m = new Map<number, number>();
          for (const [t, d] of l) m.set(t, (m.get(t) ?? 0) + d);
          return steps([...m.entries()].sort((a, b) => a[0] - b[0]));
        });
        expect(peakOfSum(perShard)).toBe(peak);
      }),
    );
  });
});

describe('LatencyRecorder state', () => {
  test('restored through exact JSON, a recorder merges into a total with the very same figures', () => {
    const samples = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 60 });
    fc.assert(
      fc.property(
        fc.array(samples, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 30 }),
        (lists, limit) => {
          const originals = lists.map((l) => {
            const r = new LatencyRecorder(limit);
            for (const x of l) r.add(x);
            return r;
          });
          const restored = originals.map((r) =>
            LatencyRecorder.fromState(
              fromExactJson(toExactJson(r.exportState())) as ReturnType<LatencyRecorder['exportState']>,
              limit,
            ),
          );
          const total = (rs: LatencyRecorder[]): number[] => {
            const t = new LatencyRecorder(100);
            for (const r of rs) t.merge(r);
            return [t.count, t.mean(), t.max(), t.min(), ...t.quantiles([0.5, 0.9, 0.99])];
          };
          expect(total(restored)).toEqual(total(originals));
          for (let i = 0; i < originals.length; i++)
            expect((restored[i] as LatencyRecorder).exact).toBe((originals[i] as LatencyRecorder).exact);
        },
      ),
    );
  });
});

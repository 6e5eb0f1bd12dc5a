/**
 * The pieces a simulate shard is rebuilt from (src/run/shard-state.ts, LatencyRecorder.exportState):
 * a recorder restored from its state merges into a total exactly as the original does, and the peak of
 * per-instant changes added across shards is the peak of the sum, decreases of an instant first; an
 * instant where a shard's count fell after it rose (a run of 0 ms) is exact when no other shard
 * changes that count then, and a clash otherwise.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { LatencyRecorder } from '../../src/metrics/latency.js';
import { AccountSteps, peakOfSum, type Steps } from '../../src/run/shard-state.js';
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
    ).toEqual({ peak: 1 });
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
    ).toEqual({ peak: 2 });
    expect(peakOfSum([])).toEqual({ peak: 0 });
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
        expect(peakOfSum(perShard)).toEqual({ peak });
      }),
    );
  });
});

/** The in-flight log an AccountSteps records from ±1 changes at instants (a run's events in order). */
function record(events: [number, number][]): Steps {
  let now = 0;
  const a = new AccountSteps(() => now);
  for (const [t, d] of events) {
    now = t;
    if (d > 0) a.onInvocation();
    else a.onInvocationEnd();
  }
  return a.export().inFlight;
}

describe('AccountSteps and peakOfSum at instants where a count fell after it rose (runs of 0 ms)', () => {
  test('hand-computed: the rise within the instant is recorded, and counted where no other shard changes', () => {
    // shard A: a request over [0, 10); at 10 it ends, and a 0 ms request begins and ends: +1 −1 at 10
    // after the −1, so A's running sum at 10 is −1, 0, −1 (the level before is 1): peak 1 + 0 = 1
    // shard B: requests over [0, 20) and [5, 20): level 2 from 5 to 20
    const a = record([
      [0, 1],
      [10, -1],
      [10, 1],
      [10, -1],
    ]);
    expect([...a.timesMs]).toEqual([0, 10]);
    expect([...a.deltas]).toEqual([1, -1]);
    // the instant at index 1 is mixed (−1 +1 −1 fell after it rose), its rise over the level before 0
    expect(a.mixed).toEqual({ at: Int32Array.from([1]), rise: Int32Array.from([0]) });
    const b = record([
      [0, 1],
      [5, 1],
      [20, -1],
      [20, -1],
    ]);
    expect(b.mixed).toEqual({ at: new Int32Array(0), rise: new Int32Array(0) });
    // levels: [0, 5) 2, [5, 10) 3, at 10: 3 − 1 + 1 − 1 → peak within 3, then 2 until 20
    expect(peakOfSum([a, b])).toEqual({ peak: 3 });
    // a 0 ms request at 30 in A alone, when B is at 0 and A at 0: the whole run counts it, peak 1 there
    const c = record([
      [30, 1],
      [30, -1],
    ]);
    expect([...c.deltas]).toEqual([0]);
    expect(c.mixed).toEqual({ at: Int32Array.from([0]), rise: Int32Array.from([1]) });
    expect(peakOfSum([c])).toEqual({ peak: 1 });
    // with B at level 2 through 12 (no change at 12), a 0 ms request there peaks at 2 + 1 = 3
    const d = record([
      [12, 1],
      [12, -1],
    ]);
    expect(peakOfSum([d, b])).toEqual({ peak: 3 });
    // B changes at 20 too: the order across shards decides the peak (2 − 1 − 1 + 1 − 1: 2 or 3)
    const e = record([
      [20, 1],
      [20, -1],
    ]);
    expect(peakOfSum([b, e])).toEqual({ clashAtMs: 20, logs: [0, 1] });
  });

  test('the peak of the whole run wherever no two shards meet at an instant one of them is mixed', () => {
    // per shard: instants 0..5, each with a random sequence of ±1 (a shard's events in order)
    const shard = fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 5 }),
        fc.array(fc.constantFrom(1, -1), { minLength: 1, maxLength: 5 }),
      ),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(fc.array(shard, { minLength: 1, maxLength: 3 }), (shards) => {
        const perInstant = shards.map((s) => {
          const m = new Map<number, number[]>();
          for (const [t, seq] of s) m.set(t, [...(m.get(t) ?? []), ...seq]);
          return m;
        });
        const logs = perInstant.map((m) =>
          record(
            [...m.entries()]
              .sort((x, y) => x[0] - y[0])
              .flatMap(([t, seq]) => seq.map((d): [number, number] => [t, d])),
          ),
        );
        const fellAfterRose = (seq: number[]): boolean =>
          seq.some((d, i) => d < 0 && seq.slice(0, i).includes(1));
        // the whole run: a shard alone at an instant runs its events in its order; several shards
        // that none is mixed run every decrease first (completions and expiries come before arrivals)
        let level = 0;
        let peak = 0;
        let clash = NaN;
        for (let t = 0; t <= 5; t++) {
          const seqs = perInstant.flatMap((m) => (m.has(t) ? [m.get(t) as number[]] : []));
          if (seqs.length > 1 && seqs.some(fellAfterRose)) {
            clash = t;
            break;
          }
          const all = seqs.length === 1 ? (seqs[0] as number[]) : seqs.flat().sort((x, y) => x - y);
          for (const d of all) {
            level += d;
            peak = Math.max(peak, level);
          }
        }
        const got = peakOfSum(logs);
        if (Number.isNaN(clash)) expect(got).toEqual({ peak });
        else expect('clashAtMs' in got && got.clashAtMs).toBe(clash);
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

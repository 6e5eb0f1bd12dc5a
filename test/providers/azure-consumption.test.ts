/**
 * Azure Functions Consumption billing on traces built by hand. Prices from pricing/azure-consumption.json:
 * $0.000016 per GB-s, $0.20 per million executions, free grant 400,000 GB-s and 1,000,000
 * executions a month. The span is a thousandth of a 30-day month, so monthly = span × 1,000.
 * INIT is set to 0 so that no request waits on a cold start and overlaps the next.
 */
import { describe, expect, test } from 'vitest';
import { costLine, cents, every, merge, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const NO_INIT = { kind: 'constant' as const, ms: 0 };
const base = { provider: 'azure-consumption', spanMs: SPAN_MILLI_MONTH, init: NO_INIT };

describe('monthly bills with the free grant', () => {
  test('hand-computed (not a published example): 512 MB observed, 3,000,000 executions of 1 s a month → $17.60 + $0.40 = $18.00', async () => {
    // Not Microsoft's example: the stored copies of https://azure.microsoft.com/en-us/pricing/details/functions/
    // that faasim could read end before the page's "Pricing example" section, and the one stored copy
    // that reaches it (da-dk) begins a different example (1,536 MB observed, 2,000,000 executions a
    // month) and is cut off before its numbers. This bill is worked out from faasim's sheet instead:
    //   3,000,000 × 1 s = 3,000,000 s × 512 MB / 1,024 = 1,500,000 GB-s; − 400,000 free = 1,100,000 GB-s
    //   × $0.000016 = $17.60; executions 3,000,000 − 1,000,000 free = 2,000,000 × $0.20/M = $0.40;
    //   total $18.00. (The two rates are unconfirmed in pricing/azure-consumption.json.)
    // Trace: 3,000 executions in the span (× 1,000 = 3M a month), 1 s each at 512 MB. Three function
    // apps of 1,000 executions 2.5 s apart, so no two executions of one app overlap (overlapping
    // executions on one instance would share memory and bill less than this arithmetic).
    const rows = merge(...['a', 'b', 'c'].map((fn) => every(1000, 2500, { fn, run: 1000, memoryMb: 512 })));
    const r = await simulate(rows, { ...base, freeTier: true });
    expect(costLine(r, 'duration').quantity).toBeCloseTo(1_500_000, 6);
    expect(costLine(r, 'requests').quantity).toBeCloseTo(3_000_000, 6);
    expect(
      cents(
        costLine(r, 'duration').monthlyUsd +
          costLine(r, 'requests').monthlyUsd +
          costLine(r, 'free-tier').monthlyUsd,
      ),
    ).toBe(18.0);
    expect(cents(r.cost.monthlyUsd)).toBe(18.0);
  });

  test('modal.com guide (third party): 3,000,000 executions of 1 s at the full 1.5 GB → $66.00', async () => {
    // Source: https://modal.com/blog/azure-function-pricing-guide (2025-05-22), "Pricing example":
    //   3 million executions × 1 second × 1.5 GB = 4,500,000 GB-s; − 400,000 GB-s = 4,100,000 GB-s
    //   × $0.000016 = $65.60; executions 3 million − 1 million = 2 million × $0.20 = $0.40; total $66.00
    //   (the guide's total line reads "$65.50 + $0.40 = $66.00"; $65.60 + $0.40 is the $66.00 it gives).
    const rows = merge(...['a', 'b', 'c'].map((fn) => every(1000, 2500, { fn, run: 1000, memoryMb: 1536 })));
    const r = await simulate(rows, { ...base, freeTier: true });
    expect(costLine(r, 'duration').quantity).toBeCloseTo(4_500_000, 6);
    expect(cents(r.cost.monthlyUsd)).toBe(66.0);
  });
});

describe('rounding', () => {
  test('100 ms minimum and 128 MB rounding: 40 ms at 200 MB bills as 100 ms at 256 MB', async () => {
    // 1,000 executions of 40 ms at 200 MB observed, 2.5 s apart. Each bills max(100, 40) = 100 ms at
    // ceil(200 / 128) × 128 = 256 MB: 0.25 GB × 0.1 s = 0.025 GB-s. Month: 1,000 × 1,000 × 0.025 =
    // 25,000 GB-s × $0.000016 = $0.40 (unrounded it would be 200/1024 × 0.04 × 1M = 7,812.5 GB-s, $0.125).
    // Executions: 1M × $0.20/M = $0.20. Free grant off.
    const r = await simulate(every(1000, 2500, { run: 40, memoryMb: 200 }), base);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(25_000, 6);
    expect(cents(costLine(r, 'duration').monthlyUsd)).toBe(0.4);
    expect(cents(r.cost.monthlyUsd)).toBe(0.6);
  });

  test('memory is billed at least 128 MB and at most 1,536 MB', async () => {
    // 1,000 × 1 s at 64 MB → 128 MB: 0.125 GB-s each → 125,000 GB-s a month.
    // 1,000 × 1 s at 3,000 MB (more than an instance has) → 1,536 MB: 1.5 GB-s → 1,500,000 GB-s.
    const low = await simulate(every(1000, 2500, { run: 1000, memoryMb: 64 }), base);
    expect(costLine(low, 'duration').quantity).toBeCloseTo(125_000, 6);
    const high = await simulate(every(1000, 2500, { run: 1000, memoryMb: 3000 }), base);
    expect(costLine(high, 'duration').quantity).toBeCloseTo(1_500_000, 6);
  });

  test('execution time rounds up to the next 1 ms', async () => {
    // 1,000 × 150.2 ms at 1,024 MB → 151 ms × 1 GB = 0.151 GB-s → 151,000 GB-s a month
    const r = await simulate(every(1000, 2500, { run: 150.2, memoryMb: 1024 }), base);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(151_000, 6);
  });
});

describe('an instance bills the memory of all the executions in flight on it, once', () => {
  // Microsoft samples "the memory usage of the process" and rounds it up to 128 MB, "tak[ing] into
  // account concurrency, which is multiple concurrent function executions in the same process"
  // (functions-consumption-costs.md): at each instant an instance bills the sum of its executions'
  // memory, rounded up to 128 MB, at most its 1,536 MB; the same sum decides what fits on it.
  test('three 500 MB executions of 1 s together on one instance bill 1,536 MB × 1 s', async () => {
    // 3 × 500 = 1,500 MB ≤ 1,536: one instance. Billed ceil(1,500 / 128) × 128 = 1,536 MB × 1 s =
    // 1.5 GB-s in the span → 1,500 GB-s a month × $0.000016 = $0.024 (the largest alone, 512 MB ×
    // 1 s, billed a third of it: 500 GB-s).
    const r = await simulate(every(3, 0, { run: 1000, memoryMb: 500 }), base);
    expect([r.outcomes.coldStarts, r.outcomes.peakInstances]).toEqual([1, 1]);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(1500, 9);
    expect(costLine(r, 'duration').monthlyUsd).toBeCloseTo(0.024, 12);
  });

  test('a burst of 100 × 500 MB bills what the executions bill alone: 50 GB-s, not a third of it', async () => {
    // The acceptance run's repro: 100 simultaneous 1 s executions at 500 MB. Instances run them
    // three at a time (1,500 MB fits, 2,000 does not), three starting together as three end, so
    // each 1 s slot of an instance bills 1,536 MB; the hundredth runs alone at 512 MB.
    // 33 × 1,536 + 512 = 51,200 MB-s = 50 GB-s, as 100 × 512 MB × 1 s alone → 50,000 GB-s a month.
    const r = await simulate(every(100, 0, { run: 1000, memoryMb: 500 }), base);
    expect(r.outcomes.throttledSync).toBe(0);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(50_000, 6);
  });

  test('two overlapping executions bill the sum of their memory while both run', async () => {
    // A at 0: 1,000 ms at 300 MB. B at 200: 1,000 ms at 600 MB, on the same instance (100
    // executions per instance). Billed: 0..200 at 384 MB (300 rounded up), 200..1,000 at 1,024 MB
    // (900 rounded up), 1,000..1,200 at 640 MB (600): 76,800 + 819,200 + 128,000 = 1,024,000 MB-ms
    // = 1.0 GB-s, here as much as each alone (0.375 + 0.625). Month: 1,000 GB-s × $0.000016 = $0.016.
    const r = await simulate(
      [
        { t: 0, run: 1000, memoryMb: 300 },
        { t: 200, run: 1000, memoryMb: 600 },
      ],
      base,
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(1000, 9);
    expect(costLine(r, 'duration').monthlyUsd).toBeCloseTo(0.016, 12);
  });

  test('small executions together round up once: two of 40 MB bill 128 MB, not 2 × 128', async () => {
    // both 0..1,000 on one instance: 80 MB → 128 MB × 1 s = 0.125 GB-s → 125 GB-s a month
    // (alone each would bill the 128 MB minimum: 250)
    const r = await simulate(every(2, 0, { run: 1000, memoryMb: 40 }), base);
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(125, 9);
  });

  test('with one execution per instance the same two executions bill separately', async () => {
    // --per-instance-concurrency 1: B finds the instance full and may not add one before 1,000 ms
    // (one new instance a second), so it waits; at 1,000 A completes (completions come first) and B
    // runs 1,000..2,000 on that instance, alone: 0.375 + 0.625 = 1.0 GB-s → 1,000 GB-s a month.
    const r = await simulate(
      [
        { t: 0, run: 1000, memoryMb: 300 },
        { t: 200, run: 1000, memoryMb: 600 },
      ],
      { ...base, perInstanceConcurrency: 1 },
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(1000, 9);
    expect(r.queueing?.servedAfterWait).toBe(1);
    expect(r.queueing?.wait.maxMs).toBe(800);
  });

  test('without memory_used_mb the configured observed memory is used, else --memory', async () => {
    // 1,000 × 1 s; --observed-memory 300 → 384 MB → 375 GB-s in the span → 375,000 a month
    const rows = every(1000, 2500, { run: 1000 });
    const observed = await simulate(rows, { ...base, observedMemoryMb: 300, memoryMb: 1024 });
    expect(costLine(observed, 'duration').quantity).toBeCloseTo(375_000, 6);
    // no --observed-memory: --memory 1,024 is read as the observed memory → 1,000,000 GB-s
    const byMemory = await simulate(rows, { ...base, memoryMb: 1024 });
    expect(costLine(byMemory, 'duration').quantity).toBeCloseTo(1_000_000, 6);
    expect(byMemory.cost.assumptions.some((a) => a.includes('no memory_used_mb'))).toBe(true);
  });

  test("a function's own memory setting is what its executions bill (issue 11 §1b: it billed at --memory)", async () => {
    // api: 1,000 × 1 s at its own 1,024 MB → 1,000 s × 1 GB = 1,000 GB-s in the span;
    // worker: 1,000 × 1 s at --memory 128 → 125 GB-s; together 1,125 GB-s → 1,125,000 a month
    // (before the fix both billed at 128 MB: 250 GB-s → 250,000)
    const rows = merge(
      every(1000, 2500, { fn: 'api', run: 1000 }),
      every(1000, 2500, { fn: 'worker', run: 1000 }, 1000),
    );
    const r = await simulate(rows, { ...base, memoryMb: 128, functions: { api: { memoryMb: 1024 } } });
    expect(costLine(r, 'duration').quantity).toBeCloseTo(1_125_000, 6);
    expect(r.cost.assumptions).toContain(
      "2,000 executions had no memory_used_mb: billed at 1,000 at 128 MB, 1,000 at 1024 MB (each function's memory setting, read as observed memory)",
    );
    // --observed-memory still decides for every function
    const observed = await simulate(rows, {
      ...base,
      memoryMb: 128,
      observedMemoryMb: 512,
      functions: { api: { memoryMb: 1024 } },
    });
    expect(costLine(observed, 'duration').quantity).toBeCloseTo(1_000_000, 6);
  });
});

describe("an instance's 1.5 GB is shared by the executions in flight on it (issue 11 §1b)", () => {
  test('two overlapping 1,000 MB executions do not fit one 1,536 MB instance: the second waits for the first', async () => {
    // A at 0: 1,000 ms at 1,000 MB → 1,024 MB billed; B at 200, the same. 1,000 + 1,000 > 1,536 MB, so B
    // needs a new instance, whose token comes at 1,000 ms (one a second); at 1,000 A completes first
    // (completions before capacity changes) and B takes its instance: 1,000..2,000, alone.
    // Billed: 2 × 1 s × 1 GB = 2 GB-s → 2,000 GB-s a month (before: one instance, the union
    // 0..1,200 at 1 GB = 1.2 GB-s → 1,200). B waited 800 ms.
    const r = await simulate(
      [
        { t: 0, run: 1000, memoryMb: 1000 },
        { t: 200, run: 1000, memoryMb: 1000 },
      ],
      base,
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(r.queueing?.wait.maxMs).toBe(800);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(2000, 9);
  });

  test('without memory_used_mb each execution holds the observed-memory setting: 600 MB ones go two to an instance', async () => {
    // 3 async-free requests at 0 of 5 s, --observed-memory 600: 2 × 600 = 1,200 ≤ 1,536 < 1,800, so the
    // first two share the first instance and the third waits for a second instance (token at 1,000 ms).
    const r = await simulate(every(3, 0, { run: 5000 }), { ...base, observedMemoryMb: 600, spanMs: 60_000 });
    expect(r.outcomes.coldStarts).toBe(2);
    expect(r.outcomes.latency.all.maxMs).toBe(6000);
  });
});

describe('scale-out', () => {
  test('at most one new instance per second: simultaneous requests wait for their instance', async () => {
    // one execution per instance; three requests at 0 of 5 s: instances at 0, 1,000 and 2,000 ms
    // (INIT 0) → latencies 5,000, 6,000 and 7,000 ms; none rejected.
    const r = await simulate(every(3, 0, { run: 5000 }), {
      ...base,
      perInstanceConcurrency: 1,
      spanMs: 60_000,
    });
    expect([r.outcomes.coldStarts, r.outcomes.throttledSync]).toEqual([3, 0]);
    expect(r.outcomes.latency.all.maxMs).toBe(7000);
    expect(r.queueing?.timeoutMs).toBe(230_000);
  });

  test('other triggers (async requests) scale out at most once every 30 s: the same burst is served by one instance', async () => {
    // Three async requests at 0 of 5 s, one execution per instance, INIT 0. The first gets an
    // instance at 0; the 30 s bucket is then empty, so the others wait in the queue and are retried
    // 1 s after arriving, then doubling: at 1, 3, 7, 15 s (asyncFirstRetryMs 1 s).
    //   request 2: busy instance at 1 and 3 s; at 7 s the instance (free since 5 s) takes it → 7..12 s
    //   request 3: at 7 s request 2 took the instance first; at 15 s it is free → 15..20 s
    // No second instance: its token would come at 30 s. Latencies 5, 12, 20 s; queue delays 0, 7, 15 s.
    const r = await simulate(every(3, 0, { run: 5000, async: true }), {
      ...base,
      perInstanceConcurrency: 1,
      spanMs: 60_000,
    });
    expect(r.outcomes.coldStarts).toBe(1);
    expect(r.outcomes.asyncRetries).toBe(3 + 4);
    expect(r.outcomes.latency.all.maxMs).toBe(20_000);
    expect(r.outcomes.latency.all.meanMs).toBeCloseTo((5000 + 12_000 + 20_000) / 3, 9);
  });
});

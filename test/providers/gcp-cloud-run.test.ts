/**
 * Google Cloud Run billing, hand-computed (no worked example with numbers was found in the stored
 * copies of the pricing page faasim could read).
 * Tier 1 request-based prices (pricing/gcp-cloud-run.json): $0.000024 per vCPU-s, $0.0000025 per
 * GiB-s, $0.40 per million requests; free 180,000 vCPU-s, 360,000 GiB-s and 2M requests a month.
 * Instance-based: $0.000018 per vCPU-s, $0.000002 per GiB-s. The memory and request rates and the
 * instance-based free tier are unconfirmed (the stored pricing pages are cut off before them).
 * --memory 2048 → 2 GiB with 1 vCPU.
 * Span: a thousandth of a 30-day month (monthly = span × 1,000).
 */
import { describe, expect, test } from 'vitest';
import { costLine, every, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const INIT_100 = { kind: 'constant' as const, ms: 100 };
const base = { provider: 'gcp-cloud-run', spanMs: SPAN_MILLI_MONTH, init: INIT_100, memoryMb: 2048 };

describe('several requests per instance', () => {
  test('80 simultaneous requests with concurrency 80: one cold start, instance time billed once', async () => {
    // all 80 at t=0, 500 ms each: one instance, busy 0..600 (INIT 100 + 500) → 600 ms, already a
    // multiple of 100 ms. 0.6 s × 1 vCPU = 0.6 vCPU-s and × 2 GiB = 1.2 GiB-s in the span; a month:
    // 600 vCPU-s ($0.0144), 1,200 GiB-s ($0.003), 80,000 requests ($0.032).
    const r = await simulate(every(80, 0, { run: 500 }), base);
    expect(r.config.perInstanceConcurrency).toBe(80);
    expect([r.outcomes.coldStarts, r.outcomes.peakInstances]).toEqual([1, 1]);
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(600, 9);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(1200, 9);
    expect(r.cost.monthlyUsd).toBeCloseTo(0.0144 + 0.003 + 0.032, 12);
  });

  test('the same burst with concurrency 1: 80 instances, each billed its 600 ms', async () => {
    // 80 × 0.6 s = 48 vCPU-s and 96 GiB-s in the span → 48,000 vCPU-s ($1.152), 96,000 GiB-s ($0.24)
    const r = await simulate(every(80, 0, { run: 500 }), { ...base, perInstanceConcurrency: 1 });
    expect([r.outcomes.coldStarts, r.outcomes.peakInstances]).toEqual([80, 80]);
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(48_000, 9);
    expect(r.cost.monthlyUsd).toBeCloseTo(1.152 + 0.24 + 0.032, 12);
  });

  test('below 1 vCPU an instance serves one request at a time, and more cannot be configured', async () => {
    const r = await simulate([{ t: 0, run: 10 }], { ...base, memoryMb: 512 });
    expect(r.config.perInstanceConcurrency).toBe(1);
    await expect(
      simulate([{ t: 0, run: 10 }], { ...base, memoryMb: 512, perInstanceConcurrency: 80 }),
    ).rejects.toThrow(/one request per instance/);
  });
});

describe('rounding', () => {
  test('each busy period rounds up to 100 ms: 250 ms bills 300 ms', async () => {
    // INIT 0; 1,000 requests of 250 ms, 2.5 s apart: one instance, 1,000 periods of 300 ms = 300 s
    // → 300,000 vCPU-s a month × $0.000024 = $7.20 (unrounded: $6.00).
    const r = await simulate(every(1000, 2500, { run: 250 }), { ...base, init: { kind: 'constant', ms: 0 } });
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(300_000, 6);
    expect(costLine(r, 'cpu').monthlyUsd).toBeCloseTo(7.2, 9);
  });
  test('back-to-back requests on one instance are one busy period, rounded once', async () => {
    // INIT 0; 0..250 and 250..500 on the same instance: one period of 500 ms (already a multiple of
    // 100 ms) → 0.5 vCPU-s in the span; two periods would each round 250 → 300 ms (0.6 vCPU-s).
    const spanMs = 10_000;
    const r = await simulate(
      [
        { t: 0, run: 250 },
        { t: 250, run: 250 },
      ],
      { ...base, init: { kind: 'constant', ms: 0 }, spanMs },
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'cpu').quantity * (spanMs / (30 * 86_400_000))).toBeCloseTo(0.5, 9);
  });

  test('requests inside the rounded window of the period so far continue it: 20 × 10 ms, 50 ms apart', async () => {
    // INIT 0; starts 0, 50, …, 950, each 10 ms, one instance. 0..10 is billed as 0..100, 50 starts
    // inside it; 100..110 starts at the window's end (0..60 → 100 ms) and so on: one period 0..960
    // → 1,000 ms → 1 vCPU-s and 2 GiB-s in the span (twenty periods of 100 ms would bill 2 vCPU-s).
    const spanMs = 10_000;
    const r = await simulate(every(20, 50, { run: 10 }), {
      ...base,
      init: { kind: 'constant', ms: 0 },
      spanMs,
    });
    expect(r.outcomes.coldStarts).toBe(1);
    const toSpan = spanMs / (30 * 86_400_000);
    expect(costLine(r, 'cpu').quantity * toSpan).toBeCloseTo(1, 9);
    expect(costLine(r, 'duration').quantity * toSpan).toBeCloseTo(2, 9);
  });

  test('a gap past the rounded window opens a new period', async () => {
    // INIT 0; 0..250 billed as 0..300; 301..551 starts after it: 300 + 300 ms = 0.6 vCPU-s
    const spanMs = 10_000;
    const r = await simulate(
      [
        { t: 0, run: 250 },
        { t: 301, run: 250 },
      ],
      { ...base, init: { kind: 'constant', ms: 0 }, spanMs },
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'cpu').quantity * (spanMs / (30 * 86_400_000))).toBeCloseTo(0.6, 9);
  });
});

describe('maximum instances and the request queue', () => {
  test('over the maximum a request waits up to max(3.5 × mean startup, 10 s), then gets a 429', async () => {
    // --max-instances 1, one request per instance, INIT 1 s: 3.5 × 1 s < 10 s → the wait is 10 s.
    // A at 0 runs 20 s; B at 100 waits and is rejected at 10,100. C at 30,000 is warm.
    const cfg = {
      ...base,
      perInstanceConcurrency: 1,
      maxInstances: 1,
      init: { kind: 'constant' as const, ms: 1000 },
      spanMs: 60_000,
    };
    const r = await simulate(
      [
        { t: 0, run: 20_000 },
        { t: 100, run: 50 },
        { t: 30_000, run: 50 },
      ],
      cfg,
    );
    expect(r.queueing?.timeoutMs).toBe(10_000);
    expect([r.outcomes.throttledSync, r.queueing?.rejectedAfterWait, r.outcomes.servedWarm]).toEqual([
      1, 1, 1,
    ]);
  });

  test('a request that finds capacity within the wait is served late, not rejected', async () => {
    // INIT 4 s: the wait is 3.5 × 4 s = 14 s. A at 0 busy 0..9,000 (4 s INIT + 5 s); B at 100 starts
    // at 9,000 on A's instance: waited 8,900 ms.
    const cfg = {
      ...base,
      perInstanceConcurrency: 1,
      maxInstances: 1,
      init: { kind: 'constant' as const, ms: 4000 },
      spanMs: 60_000,
    };
    const r = await simulate(
      [
        { t: 0, run: 5000 },
        { t: 100, run: 50 },
      ],
      cfg,
    );
    expect(r.queueing?.timeoutMs).toBe(14_000);
    expect([r.outcomes.throttledSync, r.queueing?.servedAfterWait, r.queueing?.wait.maxMs]).toEqual([
      0, 1, 8900,
    ]);
  });
});

describe('minimum instances and instance-based billing', () => {
  test('an idle minimum instance bills at the idle rates; its busy time at the active rates', async () => {
    // one minimum instance (2 GiB, 1 vCPU), one request of 1 s at 0 (warm, INIT done ahead); span
    // 2,592 s. Busy 1 s → 1,000 vCPU-s and 2,000 GiB-s a month ($0.024 + $0.005); idle 2,591 s →
    // 2,591,000 vCPU-s × $0.0000025 = $6.4775 and 5,182,000 GiB-s × $0.0000025 = $12.955;
    // 1,000 requests $0.0004.
    const r = await simulate([{ t: 0, run: 1000 }], { ...base, provisioned: 1 });
    expect(r.outcomes.servedWarm).toBe(1);
    expect(costLine(r, 'provisioned-cpu').quantity).toBeCloseTo(2_591_000, 6);
    expect(r.cost.monthlyUsd).toBeCloseTo(0.024 + 0.005 + 6.4775 + 12.955 + 0.0004, 9);
  });

  test("instance-based billing: the instance's whole life in the window, no request charge", async () => {
    // --billing instance, keep-alive 15 min: a request at 0 (INIT 100 + 1 s) creates an instance that
    // lives 0..1,100 + 900,000 ms; the span is 60 s, so 60 s are billed: × (30 d / 60 s) = 43,200 →
    // 2,592,000 vCPU-s × $0.000018 = $46.656 and 5,184,000 GiB-s × $0.000002 = $10.368.
    const r = await simulate([{ t: 0, run: 1000 }], { ...base, billingMode: 'instance', spanMs: 60_000 });
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(2_592_000, 6);
    expect(costLine(r, 'requests').monthlyUsd).toBe(0);
    expect(r.cost.monthlyUsd).toBeCloseTo(46.656 + 10.368, 9);
  });

  test('free tier at Tier 1 prices: 180,000 vCPU-s, 360,000 GiB-s, 2M requests', async () => {
    // the 250 ms case with --free-tier: 300,000 vCPU-s − 180,000 = 120,000 × $0.000024 = $2.88;
    // 600,000 GiB-s − 360,000 = 240,000 × $0.0000025 = $0.60; 1M requests < 2M free → $0. Total $3.48.
    const r = await simulate(every(1000, 2500, { run: 250 }), {
      ...base,
      init: { kind: 'constant', ms: 0 },
      freeTier: true,
    });
    expect(r.cost.monthlyUsd).toBeCloseTo(3.48, 9);
  });
});

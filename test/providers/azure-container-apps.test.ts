/**
 * Azure Container Apps (Consumption plan) billing and scaling, hand-computed. No worked example with
 * numbers was found in the stored copies of Azure's pages (the pricing page's tables render
 * client-side and the billing page has none), so these are computed from the rules of
 * https://learn.microsoft.com/azure/container-apps/billing and the sheet's rates
 * (pricing/azure-container-apps.json): active $0.000024 per vCPU-s and $0.000003 per GiB-s, idle
 * $0.000003 per vCPU-s and $0.000003 per GiB-s, $0.40 per million requests; free 180,000 vCPU-s,
 * 360,000 GiB-s and 2M requests a month.
 * --memory 2048 → a replica of 1 vCPU with 2 GiB. A new replica starts in 37 s (the sheet's measured
 * median), replicas above the minimum are removed 300 s after their last request.
 * Span: a thousandth of a 30-day month, 2,592 s (monthly = span × 1,000).
 */
import { describe, expect, test } from 'vitest';
import { cents, costLine, every, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const base = { provider: 'azure-container-apps', spanMs: SPAN_MILLI_MONTH, memoryMb: 2048 };
const INIT_0 = { kind: 'constant' as const, ms: 0 };

describe('scale to zero', () => {
  test('the first request waits for a new replica (37 s), which runs until 300 s after its last request', async () => {
    // replica 0..338 s: 37 s start + 1 s run + 300 s cool-down. Latency 37,000 + 1,000 ms.
    // Monthly: 338,000 vCPU-s × $0.000024 = $8.112; 676,000 GiB-s × $0.000003 = $2.028;
    // 1,000 requests × $0.40/M = $0.0004. Total $10.1404.
    const r = await simulate([{ t: 0, run: 1000 }], base);
    expect([r.outcomes.coldStarts, r.outcomes.servedCold]).toEqual([1, 1]);
    expect(r.outcomes.latency.cold.maxMs).toBeCloseTo(38_000, 6);
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(338_000, 6);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(676_000, 6);
    expect(r.cost.monthlyUsd).toBeCloseTo(8.112 + 2.028 + 0.0004, 9);
  });

  test('a request within the cool-down is warm and restarts it; one after it scaled to zero is cold again', async () => {
    // A at 0: replica 0..338 s (as above). B at 100 s: warm, idle from 101 s, removed at 401 s.
    // C at 500 s: the app is at zero again: a second replica, 500..(500 + 37 + 1 + 300) = 838 s.
    const r = await simulate(
      [
        { t: 0, run: 1000 },
        { t: 100_000, run: 1000 },
        { t: 500_000, run: 1000 },
      ],
      base,
    );
    expect([r.outcomes.coldStarts, r.outcomes.servedWarm, r.outcomes.servedCold]).toEqual([2, 1, 2]);
    // alive 401 s + 338 s = 739 s → 739,000 vCPU-s a month
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(739_000, 6);
  });

  test('a replica serves its 10 concurrent requests at once; the 11th starts a second replica', async () => {
    const ten = await simulate(every(10, 0, { run: 1000 }), { ...base, init: INIT_0 });
    expect([ten.outcomes.coldStarts, ten.outcomes.peakInstances]).toEqual([1, 1]);
    const eleven = await simulate(every(11, 0, { run: 1000 }), { ...base, init: INIT_0 });
    expect([eleven.outcomes.coldStarts, eleven.outcomes.peakInstances]).toEqual([2, 2]);
  });
});

describe('minimum replicas and the idle rate', () => {
  test('a minimum replica bills the idle rates while nothing is in flight', async () => {
    // --provisioned 1: one replica all span. Busy 0..1 s (active), idle 2,591 s.
    // Monthly active: 1,000 vCPU-s × $0.000024 = $0.024, 2,000 GiB-s × $0.000003 = $0.006;
    // idle: 2,591,000 vCPU-s × $0.000003 = $7.773, 5,182,000 GiB-s × $0.000003 = $15.546;
    // requests $0.0004. Total $23.3494.
    const r = await simulate([{ t: 0, run: 1000 }], { ...base, provisioned: 1, init: INIT_0 });
    expect(r.outcomes.coldStarts).toBe(0);
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(1000, 6);
    expect(costLine(r, 'provisioned-cpu').quantity).toBeCloseTo(2_591_000, 6);
    expect(costLine(r, 'provisioned-capacity').quantity).toBeCloseTo(5_182_000, 6);
    expect(r.cost.monthlyUsd).toBeCloseTo(0.024 + 0.006 + 7.773 + 15.546 + 0.0004, 9);
  });

  test('while the app runs a replica above its minimum, the minimum replica bills the active rate too', async () => {
    // one request per replica, two at t=0: the minimum replica takes A; B starts a replica above
    // the minimum, alive 0..301 s (1 s + 300 s cool-down). Meanwhile the minimum replica is active
    // (301 s), then idle for 2,592 − 301 = 2,291 s.
    // Monthly active: (301 + 301) × 1,000 = 602,000 vCPU-s × $0.000024 = $14.448, 1,204,000 GiB-s × $0.000003 = $3.612;
    // idle: 2,291,000 vCPU-s × $0.000003 = $6.873, 4,582,000 GiB-s × $0.000003 = $13.746; requests $0.0008.
    const r = await simulate(every(2, 0, { run: 1000 }), {
      ...base,
      provisioned: 1,
      perInstanceConcurrency: 1,
      init: INIT_0,
    });
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(602_000, 6);
    expect(costLine(r, 'provisioned-cpu').quantity).toBeCloseTo(2_291_000, 6);
    expect(r.cost.monthlyUsd).toBeCloseTo(14.448 + 3.612 + 6.873 + 13.746 + 0.0008, 9);
  });
});

describe('the monthly free grant', () => {
  test('180,000 vCPU-s, 360,000 GiB-s and 2M requests come off the bill', async () => {
    // the scale-to-zero case: 338,000 vCPU-s, 676,000 GiB-s, 1,000 requests a month ($10.1404).
    // Credit: 180,000 × $0.000024 = $4.32, 360,000 × $0.000003 = $1.08, 1,000 × $0.40/M = $0.0004.
    // Bill: $10.1404 − $5.4004 = $4.74.
    const r = await simulate([{ t: 0, run: 1000 }], { ...base, freeTier: true });
    expect(costLine(r, 'free-tier').monthlyUsd).toBeCloseTo(-(4.32 + 1.08 + 0.0004), 9);
    expect(cents(r.cost.monthlyUsd)).toBe(4.74);
  });
});

/**
 * Google Cloud Functions (1st gen) billing. Tier 1 prices (pricing/gcp-functions-gen1.json):
 * $0.40 per million invocations beyond 2 million free; $0.0000025 per GB-s; $0.00001 per GHz-s (these two
 * unconfirmed: no stored copy of the pricing page reaches them);
 * free 400,000 GB-s and 200,000 GHz-s a month at Tier 1 prices. Tier 2: $0.0000035 per GB-s,
 * $0.000014 per GHz-s. Memory → CPU: 128 MB 200 MHz, 256 MB 400 MHz, 1,024 MB 1.4 GHz, 2 GB 2.4 GHz.
 * Span: a thousandth of a 30-day month (monthly = span × 1,000). INIT 0.
 */
import { describe, expect, test } from 'vitest';
import { cents, costLine, every, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const base = {
  provider: 'gcp-functions-gen1',
  spanMs: SPAN_MILLI_MONTH,
  init: { kind: 'constant' as const, ms: 0 },
};

describe('monthly bills with the free tier (hand-computed)', () => {
  // Not Google's "Pricing examples": the stored copies of the pricing page faasim could read
  // (http://web.archive.org/web/20210110062715/https://cloud.google.com/functions/pricing and a 2017
  // archive copy) end before that section, and no other stored copy quotes its numbers. These bills
  // are worked out from faasim's sheet, with the arithmetic below.
  test('128 MB / 200 MHz, 10 million invocations of 300 ms a month → $3.20 + $0 + $4.00 = $7.20', async () => {
    // invocations 10M − 2M free = 8M × $0.0000004 = $3.20; compute 10M × 0.3 s = 3M s:
    // 375,000 GB-s − 400,000 free → $0; 600,000 GHz-s − 200,000 free = 400,000 × $0.00001 = $4.00.
    // Trace: 10,000 invocations 259 ms apart in the span (× 1,000 = 10M a month).
    const r = await simulate(every(10_000, 259, { run: 300 }), { ...base, memoryMb: 128, freeTier: true });
    expect(costLine(r, 'duration').quantity).toBeCloseTo(375_000, 6);
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(600_000, 6);
    expect(cents(r.cost.monthlyUsd)).toBe(7.2);
  });

  test('256 MB / 400 MHz, 50 million invocations of 500 ms a month → $19.20 + $14.625 + $98.00 = $131.825 (no egress)', async () => {
    // invocations (50M − 2M) × $0.0000004 = $19.20; 25M s × 0.25 GB = 6,250,000 GB-s − 400,000 =
    // 5,850,000 × $0.0000025 = $14.625; 25M s × 0.4 GHz = 10,000,000 GHz-s − 200,000 = 9,800,000 ×
    // $0.00001 = $98.00. Network egress is not modelled. Total $131.825.
    // faasim's lines are before the free tier ($20.00, $15.625, $100.00); the credit line takes off
    // 2M × $0.0000004 + 400,000 × $0.0000025 + 200,000 × $0.00001 = $0.80 + $1.00 + $2.00.
    const r = await simulate(every(50_000, 51, { run: 500 }), { ...base, memoryMb: 256, freeTier: true });
    expect(costLine(r, 'requests').monthlyUsd).toBeCloseTo(20.0, 9);
    expect(costLine(r, 'duration').monthlyUsd).toBeCloseTo(15.625, 9);
    expect(costLine(r, 'cpu').monthlyUsd).toBeCloseTo(100.0, 9);
    expect(r.cost.monthlyUsd).toBeCloseTo(19.2 + 14.625 + 98.0, 9);
  });
});

describe('rounding and the memory → CPU table', () => {
  test("260 ms is billed as 300 ms (the pricing page's own rounding example)", async () => {
    // Source: http://web.archive.org/web/20210110062715/https://cloud.google.com/functions/pricing
    // ("Compute time is measured in 100ms increments, rounded up to the nearest increment. For
    // example, a function executing for 260ms would be billed as 300ms."; same words in a 2017 copy).
    // 1,000 × 260 ms at 128 MB → 300 ms each. Month: 1M × 0.3 s = 300,000 s → 37,500 GB-s ($0.09375)
    // and 60,000 GHz-s ($0.60); unrounded it would be 32,500 GB-s and 52,000 GHz-s.
    const r = await simulate(every(1000, 2500, { run: 260 }), { ...base, memoryMb: 128 });
    expect(costLine(r, 'duration').quantity).toBeCloseTo(37_500, 6);
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(60_000, 6);
    expect(costLine(r, 'cpu').monthlyUsd).toBeCloseTo(0.6, 12);
  });

  test("1,024 MB comes with 1.4 GHz, not twice 512 MB's 0.8; 8 GB with the same 4.8 GHz as 4 GB", async () => {
    // 1,000 × 1 s: 1M s a month × 1.4 GHz = 1,400,000 GHz-s → $14.00
    const r = await simulate(every(1000, 2500, { run: 1000 }), { ...base, memoryMb: 1024 });
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(1_400_000, 6);
    expect(cents(costLine(r, 'cpu').monthlyUsd)).toBe(14.0);
    const big = await simulate(every(1000, 2500, { run: 1000 }), { ...base, memoryMb: 8192 });
    expect(costLine(big, 'cpu').quantity).toBeCloseTo(4_800_000, 6);
  });

  test('a size it does not offer maps to the next one up: 300 MB → 512 MB', async () => {
    const r = await simulate(
      [
        { t: 0, run: 100 },
        { t: 1000, run: 100 },
      ],
      { ...base, memoryMb: 300 },
    );
    expect(r.config.memoryMb).toBe(512);
    expect(r.config.memoryNote).toContain('0.8 GHz');
  });
});

describe('regions', () => {
  test('Tier 2 prices, with the free tier credited at Tier 1 prices', async () => {
    // the 128 MB bill above in europe-west3 (tier 2): invocations $3.20; memory 375,000 × $0.0000035 =
    // $1.3125 − 375,000 × $0.0000025 = $0.9375 credit → $0.375; CPU 600,000 × $0.000014 = $8.40 −
    // 200,000 × $0.00001 = $2.00 credit → $6.40. Total $9.975.
    const r = await simulate(every(10_000, 259, { run: 300 }), {
      ...base,
      memoryMb: 128,
      freeTier: true,
      region: 'europe-west3',
    });
    expect(r.cost.monthlyUsd).toBeCloseTo(9.975, 9);
  });
});

describe('minimum instances', () => {
  test('an idle minimum instance bills memory at the GB-s rate and CPU at the idle rate', async () => {
    // 256 MB (0.4 GHz), one minimum instance, one request of 1 s at 0; span 2,592 s.
    // Idle 2,591 s: 0.25 GB → 647.75 GB-s, 0.4 GHz → 1,036.4 GHz-s; × 1,000 a month:
    // 647,750 × $0.0000025 = $1.619375 and 1,036,400 × $0.000001 = $1.0364.
    // The request: 1 s → 250 GB-s ($0.000625) and 400 GHz-s ($0.004) a month; 1,000 invocations ($0.0004).
    const r = await simulate([{ t: 0, run: 1000 }], { ...base, memoryMb: 256, provisioned: 1 });
    expect(costLine(r, 'provisioned-capacity').quantity).toBeCloseTo(647_750, 6);
    expect(costLine(r, 'provisioned-cpu').quantity).toBeCloseTo(1_036_400, 6);
    expect(r.cost.monthlyUsd).toBeCloseTo(1.619375 + 1.0364 + 0.000625 + 0.004 + 0.0004, 9);
  });
});

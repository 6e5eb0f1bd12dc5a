/**
 * Cloudflare Workers (Standard) billing. Prices (pricing/cloudflare-workers.json): $5 a month minimum,
 * including 10 million requests and 30 million CPU ms; then $0.30 per million requests and $0.02 per
 * million CPU ms; wall time not billed. Span: a thousandth of a 30-day month (monthly = span × 1,000).
 */
import { describe, expect, test } from 'vitest';
import { cents, costLine, every, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const base = { provider: 'cloudflare-workers', spanMs: SPAN_MILLI_MONTH };

describe('published pricing examples', () => {
  // Source: https://developers.cloudflare.com/workers/platform/pricing/ ("Example pricing", Examples 1
  // and 2), read in stored copies of that page (Markdown version "Last updated Jul 7, 2026", and an
  // older one headed "Example pricing: Standard Usage Model"). Example 1: subscription $5.00; requests
  // (15,000,000 − 10,000,000) / 1,000,000 × $0.30 = $1.50; CPU ((7 × 15,000,000) − 30,000,000) /
  // 1,000,000 × $0.02 = $1.50; total $8.00. Example 2: 15 M requests, 80 % (12 M) static assets, the
  // rest invoking the Worker at 7 ms; static requests are free: $5.00 subscription, $0 else, $5.00.
  test('Example 1: 15 million requests a month at 7 ms CPU each → $8.00', async () => {
    // subscription $5.00; requests (15M − 10M) / 1M × $0.30 = $1.50;
    // CPU (7 × 15M − 30M) / 1M × $0.02 = $1.50. Trace: 15,000 requests 172 ms apart, 7 ms CPU each,
    // 40 ms wall time each (not billed).
    const r = await simulate(every(15_000, 172, { run: 40, cpuMs: 7 }), base);
    expect(cents(costLine(r, 'requests').monthlyUsd)).toBe(1.5);
    expect(cents(costLine(r, 'cpu').monthlyUsd)).toBe(1.5);
    expect(costLine(r, 'duration').monthlyUsd).toBe(0);
    expect(cents(r.cost.monthlyUsd)).toBe(8.0);
  });

  test('Example 2: 15 million requests of which 12 million static assets (free), 7 ms CPU → $5.00', async () => {
    // only the 3 million dynamic requests reach the Worker: 3M < 10M included; 21M CPU ms < 30M → $5.00
    const r = await simulate(every(3000, 800, { run: 40, cpuMs: 7 }), base);
    expect(cents(r.cost.monthlyUsd)).toBe(5.0);
  });
});

describe('CPU time', () => {
  test('without cpu_ms, --cpu-fraction × run time: 70 ms runs at 0.1 are 7 ms of CPU', async () => {
    const r = await simulate(every(15_000, 172, { run: 70 }), { ...base, cpuFraction: 0.1 });
    expect(costLine(r, 'cpu').quantity).toBeCloseTo(105_000_000, 3);
    expect(cents(r.cost.monthlyUsd)).toBe(8.0);
  });

  test('without cpu_ms or a fraction, CPU is the whole run time, and the report says so', async () => {
    // 15M × 70 ms = 1,050M CPU ms − 30M = 1,020M × $0.02/M = $20.40
    const r = await simulate(every(15_000, 172, { run: 70 }), base);
    expect(costLine(r, 'cpu').monthlyUsd).toBeCloseTo(20.4, 9);
    expect(r.cost.assumptions.join(' ')).toContain('upper bound');
  });

  test('cold starts are rare and take at most 5 ms', async () => {
    const r = await simulate(every(1000, 1000, { run: 20, cpuMs: 2 }), base);
    expect(r.outcomes.coldStarts).toBe(1);
    expect(r.outcomes.latency.cold.maxMs).toBeLessThanOrEqual(25);
  });
});

/**
 * Azure Functions Flex Consumption billing on hand-built traces. Prices from pricing/azure-flex.json
 * (East US 2, unconfirmed Retail-Prices reads): on demand $0.000026 per GB-s and $0.40 per million
 * executions, free grant 100,000 GB-s and 250,000 executions; always ready: baseline $0.000004 per
 * GB-s, execution time $0.000016 per GB-s, executions $0.40 per million. No worked Flex example
 * with numbers was found in the stored copies faasim could read, so every bill here is computed by hand.
 * Span: a thousandth of a 30-day month (monthly = span × 1,000). INIT 0 unless stated.
 */
import { describe, expect, test } from 'vitest';
import { cents, costLine, every, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const NO_INIT = { kind: 'constant' as const, ms: 0 };
const base = { provider: 'azure-flex', spanMs: SPAN_MILLI_MONTH, init: NO_INIT, memoryMb: 2048 };

describe('on-demand active periods', () => {
  test('the 1 s minimum: 1,000 executions of 200 ms each bill 1 s of a 2 GB instance', async () => {
    // executions 2.5 s apart, each its own busy period: max(1,000, 200) = 1,000 ms × 2 GB = 2 GB-s.
    // Month: 1,000 × 1,000 × 2 = 2,000,000 GB-s × $0.000026 = $52.00 (unrounded 200 ms: $10.40);
    // executions 1,000,000 × $0.40/M = $0.40. Total $52.40.
    const r = await simulate(every(1000, 2500, { run: 200 }), base);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(2_000_000, 6);
    expect(cents(costLine(r, 'duration').monthlyUsd)).toBe(52.0);
    expect(cents(r.cost.monthlyUsd)).toBe(52.4);
  });

  test('past 1 s a period rounds up to 100 ms: 1,250 ms bills 1,300 ms', async () => {
    // 1.3 s × 2 GB = 2.6 GB-s each → 2,600,000 GB-s a month × $0.000026 = $67.60
    const r = await simulate(every(1000, 2500, { run: 1250 }), base);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(2_600_000, 6);
    expect(cents(costLine(r, 'duration').monthlyUsd)).toBe(67.6);
  });

  test('executions overlapping on one instance share its active period', async () => {
    // 16 executions per 2 GB instance. A 0..600 ms and B 300..900 ms on one instance: one period
    // 0..900 → 1 s minimum → 2 GB-s in the span (two separate periods would bill 4 GB-s).
    const r = await simulate(
      [
        { t: 0, run: 600 },
        { t: 300, run: 600 },
      ],
      { ...base, spanMs: 10_000 },
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'duration').quantity * (10_000 / (30 * 86_400_000))).toBeCloseTo(2, 9);
  });

  test('back-to-back executions on one instance are one active period', async () => {
    // A 0..250 ms, B 250..500 ms on the same instance: the instance never stops executing, so one
    // period 0..500 → 1 s minimum → 2 GB-s in the span. Billing them as two periods would charge the
    // 1 s minimum twice (4 GB-s). Same as one execution 0..500.
    const spanMs = 10_000;
    const toSpan = spanMs / (30 * 86_400_000);
    const two = await simulate(
      [
        { t: 0, run: 250 },
        { t: 250, run: 250 },
      ],
      { ...base, spanMs },
    );
    const one = await simulate([{ t: 0, run: 500 }], { ...base, spanMs });
    expect(two.outcomes.coldStarts).toBe(1);
    expect(costLine(two, 'duration').quantity * toSpan).toBeCloseTo(2, 9);
    expect(costLine(one, 'duration').quantity * toSpan).toBeCloseTo(2, 9);
  });

  test('a chain of back-to-back executions bills its whole length once, rounded once', async () => {
    // 6 executions of 250 ms back to back: one period 0..1,500 → 1.5 s × 2 GB = 3 GB-s (six periods would bill 12).
    const spanMs = 10_000;
    const chain = [0, 250, 500, 750, 1000, 1250].map((t) => ({ t, run: 250 }));
    const r = await simulate(chain, { ...base, spanMs });
    expect(costLine(r, 'duration').quantity * (spanMs / (30 * 86_400_000))).toBeCloseTo(3, 9);
  });

  test('a request inside the billed window of the previous period continues it', async () => {
    // 0..250 is billed as 0..1,000 (the minimum); 251..501 starts inside that window, so the period
    // goes on: 0..501 → 1 s minimum → 2 GB-s (two periods would bill the minimum twice: 4 GB-s).
    const spanMs = 10_000;
    const r = await simulate(
      [
        { t: 0, run: 250 },
        { t: 251, run: 250 },
      ],
      { ...base, spanMs },
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'duration').quantity * (spanMs / (30 * 86_400_000))).toBeCloseTo(2, 9);
  });

  test('a gap past the billed window opens a new period', async () => {
    // 0..250 billed as 0..1,000; 1,001..1,251 starts after it: two periods of 1 s → 4 GB-s
    const spanMs = 10_000;
    const r = await simulate(
      [
        { t: 0, run: 250 },
        { t: 1001, run: 250 },
      ],
      { ...base, spanMs },
    );
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'duration').quantity * (spanMs / (30 * 86_400_000))).toBeCloseTo(4, 9);
  });

  test('short executions 200 ms apart share one 1 s minimum (the acceptance run’s repro)', async () => {
    // INIT 500 ms; executions of 100 ms at 0 s, then at 100.0, 100.2, 100.4, 100.6 and 100.8 s, one
    // instance (its keep-alive outlives the 100 s gap). 0.5..0.6 s → 1 s. Then 100.0..100.1: window
    // 100.0..101.0, and each next one starts inside it → one period 100.0..100.9 = 900 ms → 1 s.
    // 2 s × 2 GB = 4 GB-s in the hour; a month (× 720) 2,880 GB-s (billing six periods: 8,640).
    const rows = [0, 100_000, 100_200, 100_400, 100_600, 100_800].map((t) => ({ t, run: 100 }));
    const r = await simulate(rows, { ...base, init: { kind: 'constant', ms: 500 }, spanMs: 3_600_000 });
    expect(r.outcomes.coldStarts).toBe(1);
    expect(costLine(r, 'duration').quantity).toBeCloseTo(2880, 6);
  });

  test('INIT is not billed: the period starts when the instance is ready', async () => {
    // INIT 3 s, run 1,500 ms: the instance is busy 0..4,500 but active 3,000..4,500 → 1.5 s × 2 GB = 3 GB-s
    const r = await simulate([{ t: 0, run: 1500 }], {
      ...base,
      init: { kind: 'constant', ms: 3000 },
      spanMs: 10_000,
    });
    expect(costLine(r, 'duration').quantity * (10_000 / (30 * 86_400_000))).toBeCloseTo(3, 9);
  });

  test('free grant: 100,000 GB-s and 250,000 executions off the on-demand bill', async () => {
    // as the first test: 2,000,000 GB-s − 100,000 = 1,900,000 × $0.000026 = $49.40;
    // executions 1,000,000 − 250,000 = 750,000 × $0.40/M = $0.30. Total $49.70.
    const r = await simulate(every(1000, 2500, { run: 200 }), { ...base, freeTier: true });
    expect(cents(r.cost.monthlyUsd)).toBe(49.7);
  });
});

describe('instance sizes', () => {
  test('--memory maps to the smallest size that holds it: 1,024 MB → 2 GB instances with 16 at once', async () => {
    const r = await simulate([{ t: 0, run: 100 }], { ...base, memoryMb: 1024, spanMs: 1000 });
    expect([r.config.memoryMb, r.config.perInstanceConcurrency]).toEqual([2048, 16]);
    expect(r.config.memoryNote).toContain('2 GB');
  });

  test('512 MB instances serve 4 at once, 4 GB instances 32', async () => {
    const small = await simulate([{ t: 0, run: 100 }], { ...base, memoryMb: 512, spanMs: 1000 });
    const large = await simulate([{ t: 0, run: 100 }], { ...base, memoryMb: 4096, spanMs: 1000 });
    expect([small.config.perInstanceConcurrency, large.config.perInstanceConcurrency]).toEqual([4, 32]);
  });
});

describe('always-ready instances', () => {
  test('baseline all the time, busy time at the always-ready rate, executions without free grant', async () => {
    // one always-ready 2 GB instance for the whole span (2,592 s): baseline 2 GB × 2,592 s = 5,184 GB-s
    // → 5,184,000 GB-s a month × $0.000004 = $20.736. 1,000 executions of 200 ms, 2.5 s apart, all
    // on it: periods of 1 s × 2 GB = 2 GB-s → 2,000,000 GB-s × $0.000016 = $32.00; executions
    // 1,000,000 × $0.40/M = $0.40. The free grant (on) does not apply to them. Total $53.136.
    const r = await simulate(every(1000, 2500, { run: 200 }), { ...base, provisioned: 1, freeTier: true });
    expect(costLine(r, 'provisioned-capacity').quantity).toBeCloseTo(5_184_000, 6);
    expect(costLine(r, 'provisioned-duration').quantity).toBeCloseTo(2_000_000, 6);
    expect(costLine(r, 'provisioned-requests').quantity).toBeCloseTo(1_000_000, 6);
    expect(costLine(r, 'duration').quantity).toBe(0);
    expect(r.cost.monthlyUsd).toBeCloseTo(53.136, 9);
  });
});

/**
 * AWS Lambda Managed Instances, hand-computed (AWS's pricing page has no worked example faasim could
 * read). Sheet (pricing/aws-lambda-managed-instances.json, all prices unconfirmed): m7g.large
 * $0.0816 an hour on demand, a 15 % management fee on that, $0.20 per million requests; three
 * instances at least; 64 requests per vCPU at once for Node.js (32 for Java and .NET, 16 for Python).
 * Span: a thousandth of a 30-day month, 2,592 s (monthly = span × 1,000).
 */
import { describe, expect, test } from 'vitest';
import { costLine, every, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const base = { provider: 'aws-lambda-managed-instances', spanMs: SPAN_MILLI_MONTH };

describe('Lambda Managed Instances', () => {
  test('three instances bill all month whatever the traffic, plus the fee and requests', async () => {
    // 3 × 720 h = 2,160 instance-hours × $0.0816 = $176.256; fee 15 % = $26.4384; 1,000 requests × $0.20/M = $0.0002
    const r = await simulate([{ t: 0, run: 100 }], base);
    expect([r.outcomes.coldStarts, r.outcomes.servedWarm]).toEqual([0, 1]);
    expect(costLine(r, 'instances').quantity).toBeCloseTo(2160, 9);
    expect(costLine(r, 'management-fee').monthlyUsd).toBeCloseTo(26.4384, 9);
    expect(r.cost.monthlyUsd).toBeCloseTo(176.256 + 26.4384 + 0.0002, 9);
  });

  test('an instance takes vCPUs × requests per vCPU at once: 128 for Node.js, 32 for Python on an m7g.large', async () => {
    expect((await simulate([{ t: 0, run: 100 }], base)).config.perInstanceConcurrency).toBe(2 * 64);
    expect(
      (await simulate([{ t: 0, run: 100 }], { ...base, runtime: 'python3.12' })).config
        .perInstanceConcurrency,
    ).toBe(2 * 16);
  });

  test('past the three instances (384 requests at once) a fourth is added in 5 min, and removed 15 min after its last request', async () => {
    // the 385th request waits 300 s for the new instance, runs 1 s; the instance lives 0..1,201 s.
    // Instance-hours a month: (3 × 2,592 + 1,201) × 1,000 / 3,600 = 2,493.61
    const r = await simulate(every(385, 0, { run: 1000 }), base);
    expect(r.outcomes.coldStarts).toBe(1);
    expect(r.outcomes.latency.cold.maxMs).toBeCloseTo(301_000, 6);
    expect(costLine(r, 'instances').quantity).toBeCloseTo(((3 * 2592 + 1201) * 1000) / 3600, 9);
  });

  test('an environment has at least 1 vCPU at 2 GiB: --memory 512 runs at 2 GB, and says so', async () => {
    const r = await simulate([{ t: 0, run: 100 }], { ...base, memoryMb: 512 });
    expect(r.functions[0]?.memoryMb).toBe(2048);
    expect(r.config.memoryNote).toMatch(/2 GB with 1 vCPU/);
  });
});

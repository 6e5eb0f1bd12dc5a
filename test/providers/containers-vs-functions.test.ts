/**
 * "Should this be a container instead?" (issue 15): the same trace on AWS Lambda, AWS Fargate and
 * Azure Container Apps, at --memory 512 (Fargate: 0.25 vCPU, 0.5 GB; Container Apps: 0.25 vCPU,
 * 0.5 GiB). Steady high traffic makes the always-on containers cheaper; a few short bursts a day make
 * Lambda cheaper. Rates: Lambda x86 $0.0000166667 per GB-s, $0.20 per million requests; Fargate
 * $0.000011244 per vCPU-s and $0.000001235 per GB-s; Container Apps active $0.000024 per vCPU-s,
 * $0.000003 per GiB-s, $0.40 per million requests.
 */
import { describe, expect, test } from 'vitest';
import { MONTH_MS } from '../../src/pricing/cost.js';
import type { SimulationResult } from '../../src/simulate.js';
import { costLine, every, simulate, type Row } from '../helpers/csv-trace.js';

const MONTH_S = MONTH_MS / 1000; // 2,592,000
const base = { memoryMb: 512 };
/** Fargate's own option (src/providers/aws-fargate/options.ts), held under its key, untyped on SimulationConfig */
const FARGATE_SCALE_TO_ZERO = { scaleToZero: true };

async function onEach(
  rows: Row[],
  over: object,
  acaMinReplicas = 0,
): Promise<Record<string, SimulationResult>> {
  const out: Record<string, SimulationResult> = {};
  for (const provider of ['aws-lambda', 'aws-fargate', 'azure-container-apps']) {
    out[provider] = await simulate(rows, {
      ...base,
      ...over,
      provider,
      ...(provider === 'azure-container-apps' ? { provisioned: acaMinReplicas } : {}),
    });
  }
  return out;
}

describe('steady high traffic: the containers are cheaper', () => {
  test('50 requests a second of 100 ms for 10 minutes', async () => {
    // 5 requests in flight at any time: one task or replica (10 at once) serves them all.
    const r = await onEach(every(30_000, 20, { run: 100 }), { spanMs: 600_000 }, 1);
    const lambda = r['aws-lambda'] as SimulationResult;
    const fargate = r['aws-fargate'] as SimulationResult;
    const aca = r['azure-container-apps'] as SimulationResult;
    // Lambda: 50 × 2,592,000 = 129.6 M requests a month × $0.20/M = $25.92;
    // 129.6 M × 0.1 s × 0.5 GB = 6.48 M GB-s × $0.0000166667 = $108.00 (plus the INIT of a few cold starts)
    expect(costLine(lambda, 'requests').monthlyUsd).toBeCloseTo(25.92, 6);
    expect(costLine(lambda, 'duration').quantity).toBeCloseTo(6_480_000, 0);
    expect(lambda.cost.monthlyUsd).toBeGreaterThan(25.92 + 108);
    // Fargate: its one minimum task all month: 2,592,000 s × (0.25 × 0.000011244 + 0.5 × 0.000001235) = $8.885376
    expect(fargate.outcomes.peakInstances).toBe(1);
    expect(fargate.cost.monthlyUsd).toBeCloseTo(MONTH_S * (0.25 * 0.000011244 + 0.5 * 0.000001235), 6);
    // Container Apps with one minimum replica (scaled from zero, the first 37 s would pile up 1,850
    // requests and start all 10 replicas): that replica is never idle (5 requests in flight), so it
    // bills the active rate all month: 2,592,000 s × (0.25 × 0.000024 + 0.5 × 0.000003) = $19.44,
    // plus requests: 129.6 M × $0.40/M = $51.84
    expect(aca.outcomes.peakInstances).toBe(1);
    expect(aca.cost.monthlyUsd).toBeCloseTo(MONTH_S * (0.25 * 0.000024 + 0.5 * 0.000003) + 51.84, 6);
    expect(fargate.cost.monthlyUsd).toBeLessThan(aca.cost.monthlyUsd);
    expect(aca.cost.monthlyUsd).toBeLessThan(lambda.cost.monthlyUsd);
  });
});

describe('spiky low traffic: Lambda is cheaper', () => {
  // 4 bursts a day (every 6 h) of 20 simultaneous requests of 100 ms; a one-day span (monthly × 30)
  const bursts = [0, 1, 2, 3].flatMap((k) => every(20, 0, { run: 100 }, k * 21_600_000));

  test('Lambda costs cents; Fargate keeps its task all month; scaled to zero, both containers still cost more', async () => {
    const r = await onEach(bursts, { spanMs: 86_400_000 });
    const lambda = r['aws-lambda'] as SimulationResult;
    // 2,400 requests a month: $0.00048 of requests, 2,400 × 0.1 s × 0.5 GB = 120 GB-s ($0.002) plus INIT
    expect(lambda.cost.monthlyUsd).toBeLessThan(0.05);
    // Fargate's minimum task: the whole month, as above ($8.885376); the second 10 of each burst start
    // a task of their own (30 s start, stopped 900 s after), so more than that
    const fargate = r['aws-fargate'] as SimulationResult;
    expect(fargate.cost.monthlyUsd).toBeGreaterThan(MONTH_S * (0.25 * 0.000011244 + 0.5 * 0.000001235));
    // Container Apps scales to zero: 2 replicas a burst, each 37 s start + 0.1 s + 300 s cool-down
    // = 337.1 s; 4 × 2 × 337.1 × 30 = 80,904 replica-s × $0.0000075 = $0.60678, plus 2,400 requests ($0.00096)
    const aca = r['azure-container-apps'] as SimulationResult;
    expect(aca.outcomes.coldStarts).toBe(8);
    expect(aca.cost.monthlyUsd).toBeCloseTo(80_904 * (0.25 * 0.000024 + 0.5 * 0.000003) + 2400 * 0.4e-6, 6);
    const scaledFargate = await simulate(bursts, {
      ...base,
      spanMs: 86_400_000,
      provider: 'aws-fargate',
      ...FARGATE_SCALE_TO_ZERO,
    });
    // 2 tasks a burst, each 30 + 0.1 + 900 = 930.1 s, billed 931 s: 4 × 2 × 931 × 30 = 223,440 task-s
    // × (0.25 × 0.000011244 + 0.5 × 0.000001235) = $0.76607
    expect(scaledFargate.cost.monthlyUsd).toBeCloseTo(223_440 * (0.25 * 0.000011244 + 0.5 * 0.000001235), 9);
    for (const container of [fargate, aca, scaledFargate])
      expect(lambda.cost.monthlyUsd).toBeLessThan(container.cost.monthlyUsd);
  });
});

/**
 * Property over whole runs (trace → platform → meter): what Flex and Cloud Run bill as instance time
 * never exceeds the time their instances are alive plus one rounding step each. With the keep-alive
 * set to that step R = max(minimum, rounding step), an instance lives from its creation until R
 * after its last request ends, and a billed window of a period ends at most R after the period's
 * last request (or its start + the minimum), so merged periods fit; billing each busy period on its
 * own charges two minimums inside one window and breaks the bound on most traces with bursts.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { costLine, simulate, type Row } from '../helpers/csv-trace.js';

const MONTH_MS = 30 * 86_400_000;
// longer than any trace below (40 × 1,200 ms gaps + a run + INIT + keep-alive), so every instance stops inside it
const SPAN_MS = 60_000;

/** 2..40 requests of 1..`maxRunMs`, 0..`maxGapMs` apart: dense enough that periods often start inside earlier windows. */
const rows = (maxGapMs: number, maxRunMs: number) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: maxGapMs }), fc.integer({ min: 1, max: maxRunMs })), {
      minLength: 2,
      maxLength: 40,
    })
    .map((pairs): Row[] => {
      let t = 0;
      return pairs.map(([gap, run]) => {
        t += gap;
        return { t, run };
      });
    });

const cases = [
  // 2 GB Flex instance: 1 s minimum, 100 ms steps; billed instance-s = GB-s / 2
  {
    provider: 'azure-flex',
    stepMs: 1000,
    line: 'duration',
    perInstance: 2,
    maxGapMs: 1200,
    maxRunMs: 400,
    initMs: 300,
  },
  // Cloud Run 2 GiB, 1 vCPU: 100 ms steps; billed instance-s = vCPU-s / 1
  {
    provider: 'gcp-cloud-run',
    stepMs: 100,
    line: 'cpu',
    perInstance: 1,
    maxGapMs: 120,
    maxRunMs: 20,
    initMs: 0,
  },
] as const;

describe('property: billed instance-seconds ≤ Σ instances (alive time + one rounding step)', () => {
  for (const c of cases) {
    test(c.provider, async () => {
      await fc.assert(
        fc.asyncProperty(rows(c.maxGapMs, c.maxRunMs), async (trace) => {
          const r = await simulate(trace, {
            provider: c.provider,
            memoryMb: 2048,
            spanMs: SPAN_MS,
            init: { kind: 'constant', ms: c.initMs },
            keepAlive: { kind: 'fixed', ms: c.stepMs },
          });
          const toSpan = SPAN_MS / MONTH_MS;
          const billedS = (costLine(r, c.line).quantity * toSpan) / c.perInstance;
          const aliveS = (r.outcomes.meanInstancesAlive * SPAN_MS) / 1000;
          const boundS = aliveS + (r.outcomes.coldStarts * c.stepMs) / 1000;
          expect(billedS).toBeLessThanOrEqual(boundS + 1e-9);
        }),
        { numRuns: 25 },
      );
    });
  }
});

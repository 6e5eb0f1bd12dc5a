/**
 * Regression: a request waiting for the scaling bucket must not spin at one instant when float
 * rounding leaves the bucket a hair under one token at the moment it was due to hold one. The
 * fixture (299 requests of a bursty synthetic trace) made Azure Consumption with 8 requests per
 * instance and 3 instances re-arm its wake-up at the same instant for ever.
 */
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { packageRoot } from '../../src/pricing/dir.js';
import { simulateFile } from '../../src/simulate.js';
import { config } from '../helpers/trace.js';
import { runModel } from '../helpers/model.js';

test('the bursty fixture finishes on Azure Consumption with 8 per instance and 3 instances', async () => {
  const file = join(packageRoot(), 'test/fixtures/regressions/scaling-wake-spin.csv');
  const r = await simulateFile(
    file,
    {},
    config({ provider: 'azure-consumption', perInstanceConcurrency: 8, maxInstances: 3 }),
  );
  expect(r.outcomes.requests).toBe(299); // 300 lines, one of them the header
  expect(
    r.outcomes.servedWarm + r.outcomes.servedCold + r.outcomes.throttledSync + r.outcomes.asyncDropped,
  ).toBe(299);
});

test('waiting requests are served as the scaling bucket refills, one token every 3 ms', () => {
  // bucket of 1 token; 50 requests arrive together at t = 12,345,678.9 ms and wait up to 1 s: one
  // starts at once, each next one 3 ms after the previous (a token every 3 ms).
  const t0 = 12_345_678.9;
  const reqs = Array.from({ length: 50 }, () => ({ t: t0, run: 5000 }));
  const s = runModel(reqs, {
    platform: {
      scaling: { burst: 1, perMs: 1 / 3 },
      queueTimeoutMs: 1000,
      limitCounts: 'alive-instances',
      concurrencyLimit: 1000,
    },
    endMs: t0 + 1,
  }).metrics.stats();
  expect([s.coldStarts, s.throttledSync]).toEqual([50, 0]);
  // the last waited 49 × 3 ms = 147 ms, then INIT 100 ms and its 5,000 ms run
  expect(s.latency.all.maxMs).toBeCloseTo(147 + 100 + 5000, 6);
});

/**
 * Do the replicate intervals cover the truth at the rate they claim? One function, Poisson arrivals,
 * run time and INIT 0 ms (so one instance serves everything and is idle between requests), keep-alive
 * uniform on [a, b] drawn per idle period. A request after a gap g is then cold with probability
 * F(g) = clamp((g − a)/(b − a), 0, 1), the first request always; so the expected cold-start rate over
 * seeds, for this trace, is exactly p = (1 + Σ F(gᵢ)) / n. That is what the mean over seeds estimates
 * (the trace is fixed within a replicate set), so it is the truth an interval should cover.
 */
import { describe, expect, test } from 'vitest';
import { runReplicates } from '../../src/certainty/replicates.js';
import { Rng } from '../../src/util/rng.js';
import { config, traceOf, type Row } from '../helpers/trace.js';

const A_MS = 300_000;
const B_MS = 420_000;
/** mean gap 6 min: F(g) spreads over the whole keep-alive range, P(cold) ≈ 0.37 */
const RATE_PER_MS = 1 / 360_000;
const REQUESTS = 300;
const EXPERIMENTS = 40;
/** few replicates, so the t quantile (2.776 at 4 dof, not 1.96) matters */
const REPLICATES = 5;

function poissonRows(seed: string): Row[] {
  const rng = new Rng(seed);
  const rows: Row[] = [];
  let t = 0;
  for (let i = 0; i < REQUESTS; i++) {
    rows.push({ t, run: 0 });
    t += rng.exponential(RATE_PER_MS);
  }
  return rows;
}

function expectedColdRate(rows: Row[]): number {
  let cold = 1;
  for (let i = 1; i < rows.length; i++) {
    const g = (rows[i] as Row).t - (rows[i - 1] as Row).t;
    cold += Math.min(1, Math.max(0, (g - A_MS) / (B_MS - A_MS)));
  }
  return cold / rows.length;
}

describe('95% replicate intervals on Poisson traces', () => {
  test(`cover the exact expected cold-start rate in 34..40 of ${EXPERIMENTS} independent experiments`, async () => {
    const cfg = config({
      keepAlive: { kind: 'uniform', minMs: A_MS, maxMs: B_MS },
      init: { kind: 'constant', ms: 0 },
    });
    let covered = 0;
    let meanOfMeans = 0;
    for (let e = 0; e < EXPERIMENTS; e++) {
      const rows = poissonRows(`coverage-${e}`);
      const truth = expectedColdRate(rows);
      // seeds 1000e+1 .. 1000e+5: no experiment shares a seed with another
      const { summary } = await runReplicates(traceOf(rows), { ...cfg, seed: 1000 * e + 1 }, REPLICATES, {
        workers: 1,
      });
      const i = summary.figures.coldStartRate;
      expect(i.n).toBe(REPLICATES);
      if (i.low <= truth && truth <= i.high) covered++;
      meanOfMeans += i.mean / EXPERIMENTS;
    }
    // Covered ~ Binomial(40, 0.95) if the intervals are right: P(X ≤ 33) = 0.0034, so 34..40 is accepted.
    // Intervals with z = 1.96 instead of t(4) = 2.776 would cover ~88% (expected 35); intervals from the
    // standard deviation without the 1/√n would cover nearly always, which the closed form below catches.
    expect(covered).toBeGreaterThanOrEqual(34);
    // Across traces the rate tends to the closed form E[e^(−λK)] = (e^(−λa) − e^(−λb)) / (λ(b − a)) = 0.3696
    // (plus the first request's 1/300); 40 × 300 gaps give a standard error of about 0.0045.
    const closed =
      (Math.exp(-RATE_PER_MS * A_MS) - Math.exp(-RATE_PER_MS * B_MS)) / (RATE_PER_MS * (B_MS - A_MS));
    expect(closed).toBeCloseTo(0.3696, 4);
    expect(Math.abs(meanOfMeans - (closed + (1 - closed) / REQUESTS))).toBeLessThan(0.018);
    console.log(
      `coverage: ${covered}/${EXPERIMENTS}, mean of means ${meanOfMeans.toFixed(4)}, closed form ${closed.toFixed(4)}`,
    );
  });
});

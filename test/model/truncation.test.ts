/**
 * Issue 9 §0: a lognormal fixed by a median and a p99 has an unbounded tail. Draws are cut at the
 * platform's timeout (the platform stops the request there) and redrawn above a stated maximum (the
 * distribution is truncated there), and the report says how many.
 */
import { describe, expect, it } from 'vitest';
import { parseDistribution } from '../../src/config.js';
import { makeSampler } from '../../src/model/distribution.js';
import { simulateTrace } from '../../src/simulate.js';
import { Rng } from '../../src/util/rng.js';
import { config, evenly, traceOf } from '../helpers/trace.js';

/** median 100 ms, p99 500 s: sigma = ln(5000) / 2.3263 = 3.661, so P(X > 900 s) = P(Z > ln(9000) / 3.661 = 2.487) ≈ 0.64 % */
const WIDE = 'lognormal:100ms:500s';
const LAMBDA_TIMEOUT_MS = 900_000;

/** The same draws the platform makes for run times (its 'duration' stream), uncut, counted above `limitMs`. */
function drawsAbove(seed: number, n: number, limitMs: number): number {
  const rng = new Rng(seed).fork('duration');
  const mu = Math.log(100);
  const sigma = (Math.log(500_000) - mu) / 2.3263478740408408;
  let above = 0;
  for (let i = 0; i < n; i++) if (Math.exp(mu + sigma * rng.normal()) > limitMs) above++;
  return above;
}

describe('lognormal draws past the timeout', () => {
  it('a run time drawn past Lambda’s 15-minute timeout is cut there, and the report counts them', () => {
    const n = 20_000;
    const expected = drawsAbove(7, n, LAMBDA_TIMEOUT_MS);
    // about 0.64 % of 20,000 = 128: the figure is the stream's, checked here to be of that size
    expect(expected).toBeGreaterThan(90);
    expect(expected).toBeLessThan(170);
    const r = simulateTrace(
      traceOf(evenly(n, 60_000)),
      config({ seed: 7, duration: parseDistribution(WIDE, '--duration') }),
    );
    // before the fix these requests ran for up to hours and were reported as "ran longer than"
    expect(r.assumptions.some((a) => a.includes('ran longer than'))).toBe(false);
    // latency = INIT (measured Lambda data, well under 10 s) + run time
    expect(r.outcomes.latency.all.maxMs).toBeLessThanOrEqual(LAMBDA_TIMEOUT_MS + 10_000);
    expect(r.outcomes.latency.all.maxMs).toBeGreaterThanOrEqual(LAMBDA_TIMEOUT_MS);
    const note = r.assumptions.find((a) => a.includes('cut at'));
    expect(note).toBe(
      `${expected.toLocaleString('en-US')} run-time draws (lognormal, median 100 ms, p99 500000 ms) were past AWS Lambda's timeout of 15 min and were cut at it: those requests would time out`,
    );
  });

  it('the sampler never returns more than the timeout, and counts what it cut', () => {
    const s = makeSampler(parseDistribution(WIDE, 'x'), { timeoutMs: LAMBDA_TIMEOUT_MS });
    const rng = new Rng(3).fork('duration');
    let max = 0;
    for (let i = 0; i < 10_000; i++) max = Math.max(max, s.sample(rng));
    expect(max).toBe(LAMBDA_TIMEOUT_MS);
    expect(s.truncation()).toEqual({ redrawn: 0, cut: drawsAbove(3, 10_000, LAMBDA_TIMEOUT_MS) });
  });
});

describe('a stated maximum: lognormal:MEDIAN:P99:max=MAX', () => {
  it('parses and describes the maximum', () => {
    const d = parseDistribution('lognormal:250ms:900ms:max=110s', '--init');
    expect(d).toEqual({ kind: 'lognormal', medianMs: 250, p99Ms: 900, maxMs: 110_000 });
    expect(() => parseDistribution('lognormal:250ms:900ms:max=200ms', '--init')).toThrow(
      /maximum 200 ms must be above the median 250 ms/,
    );
    expect(() => parseDistribution('lognormal:250ms:900ms:top=1s', '--init')).toThrow(/max=DURATION/);
  });

  it('draws above the maximum are drawn again: none exceeds it, and their number is the stream’s count above it', () => {
    // median 100 ms, p99 500 s, max 900 s: same draws as above, each one past 900 s replaced by the next
    const s = makeSampler(parseDistribution(`${WIDE}:max=900s`, 'x'));
    const rng = new Rng(3).fork('duration');
    const draws: number[] = [];
    for (let i = 0; i < 10_000; i++) draws.push(s.sample(rng));
    expect(Math.max(...draws)).toBeLessThanOrEqual(900_000);
    const { redrawn, cut } = s.truncation();
    expect(cut).toBe(0);
    // 10,000 kept draws took 10,000 + redrawn normal draws; exactly `redrawn` of those were above 900 s
    expect(drawsAbove(3, 10_000 + redrawn, 900_000)).toBe(redrawn);
    expect(redrawn).toBeGreaterThan(30);
  });

  it('the mean is the truncated distribution’s: below the untruncated mean, and equal to it with no cap', () => {
    // untruncated mean exp(mu + sigma²/2) = 100 × exp(3.661² / 2) = 100 × 812 ≈ 81 s
    const free = makeSampler(parseDistribution(WIDE, 'x'));
    expect(free.meanMs).toBeCloseTo(100 * Math.exp((Math.log(5000) / 2.3263478740408408) ** 2 / 2), 6);
    const capped = makeSampler(parseDistribution(`${WIDE}:max=900s`, 'x'));
    // a sample mean of 200,000 draws agrees with the formula within 3 %
    const rng = new Rng(11);
    let sum = 0;
    for (let i = 0; i < 200_000; i++) sum += capped.sample(rng);
    expect(capped.meanMs).toBeLessThan(free.meanMs / 2);
    expect(Math.abs(sum / 200_000 / capped.meanMs - 1)).toBeLessThan(0.03);
  });
});

describe('a stated maximum in a scenario file', () => {
  it('the object form takes max, as the text form does', async () => {
    const { resolveRun } = await import('../../src/scenario/resolve.js');
    const run = resolveRun(
      {
        file: 's.json',
        settings: { trace: 't.csv', init: { kind: 'lognormal', median: '250ms', p99: '900ms', max: '110s' } },
      },
      {},
      {},
    );
    expect(run.config.init).toEqual({ kind: 'lognormal', medianMs: 250, p99Ms: 900, maxMs: 110_000 });
  });
});

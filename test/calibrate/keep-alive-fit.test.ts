/** The keep-alive fit on gaps small enough to work out by hand. */
import { describe, expect, it } from 'vitest';
import { fitKeepAlive, NOISE, rangeLogLik } from '../../src/calibrate/keep-alive-fit.js';
import { chiSquare } from '../../src/calibrate/replay.js';
import { normalCdf } from '../../src/model/distribution.js';

const S = 1000;
/** warm gaps, then cold gaps, in seconds */
function gaps(warm: number[], cold: number[]): [Float64Array, Uint8Array] {
  return [
    Float64Array.from([...warm, ...cold], (x) => x * S),
    Uint8Array.from([...warm.map(() => 0), ...cold.map(() => 1)]),
  ];
}
const LN_OK = Math.log(1 - NOISE);
const LN_NOISE = Math.log(NOISE);

describe('fixed K by hand', () => {
  it('consistent gaps: K anywhere between the longest warm (300 s) and the shortest cold (400 s); the estimate is the middle', () => {
    const f = fitKeepAlive(...gaps([60, 120, 300], [400, 700, 900]));
    expect(f.fixed?.kMs).toBe(350 * S);
    expect(f.fixed?.interval).toEqual({ lowMs: 300 * S, highMs: 400 * S });
    expect(f.fixed?.inconsistent).toBe(0);
    // ln L = 6 ln(1 − ε): every label as the model says, each with probability 1 − ε
    expect(f.fixed?.logLik).toBeCloseTo(6 * LN_OK, 12);
    // AIC = 2k − 2 ln L with k = 1
    expect(f.fixed?.aic).toBeCloseTo(2 - 12 * LN_OK, 12);
    // the range model can do no better than collapse onto K (a = b) and pays for its second parameter
    expect(f.range?.logLik).toBeCloseTo(6 * LN_OK, 9);
    expect(f.chosen).toBe('fixed');
    expect(f.spec).toEqual({ kind: 'fixed', ms: 350 * S });
  });

  it('one warm gap among the cold ones (500 s): K in 300..400 s or 500..700 s each mislabel one gap, so the interval spans both', () => {
    // K in [300, 400): the warm 500 s is called cold (1); K in [400, 500): 400 s cold called warm and 500 s warm called cold (2);
    // K in [500, 700): 400 s called warm (1). A second mislabel costs 2 ln((1 − ε)/ε) = 9.19 > 3.84 in deviance.
    const f = fitKeepAlive(...gaps([60, 120, 300, 500], [400, 700, 900]));
    expect(f.fixed?.inconsistent).toBe(1);
    expect(f.fixed?.interval).toEqual({ lowMs: 300 * S, highMs: 700 * S });
    expect(f.fixed?.logLik).toBeCloseTo(6 * LN_OK + LN_NOISE, 12);
    expect(f.fixed?.kMs).toBe(500 * S);
  });

  it('the range likelihood, term by term', () => {
    // a = 200 s, b = 500 s: 60 s and 120 s warm below a (ln(1 − ε) each), 700 s and 900 s cold above b (same);
    // 300 s warm with F = 100/300, 400 s cold with F = 200/300, each p = ε + (1 − 2ε) F
    const p300 = NOISE + (1 - 2 * NOISE) * (1 / 3);
    const p400 = NOISE + (1 - 2 * NOISE) * (2 / 3);
    const hand = 4 * LN_OK + Math.log(1 - p300) + Math.log(p400);
    expect(rangeLogLik(...gaps([60, 120, 300], [400, 700, 900]), 200 * S, 500 * S)).toBeCloseTo(hand, 12);
  });

  it('gaps that cannot bound a keep-alive say so', () => {
    expect(fitKeepAlive(...gaps([60, 120], [])).problem).toBe(
      'not enough gaps: all 2 usable gaps ended warm, so the keep-alive is only known to be longer than the longest, 2 min',
    );
    expect(fitKeepAlive(...gaps([], [60])).problem).toBe(
      'not enough gaps: all 1 usable gaps ended cold, so the keep-alive is only known to be shorter than the shortest, 1 min',
    );
    expect(fitKeepAlive(...gaps([], [])).problem).toMatch(/^not enough gaps: no request came after/);
    // bracketed, but between 1 min and 1 h: more than the 2× the report accepts as a fit
    const wide = fitKeepAlive(...gaps([30, 60], [3600]));
    expect(wide.spec).toBeNull();
    expect(wide.problem).toBe(
      'not enough gaps near the keep-alive: it lies between 1 min and 1 h (95 %), a range wider than 2×; a longer log, with idle gaps spread across that range, would place it',
    );
    expect(wide.fixed?.interval).toEqual({ lowMs: 60 * S, highMs: 3600 * S });
  });
});

describe('chi-square over hours', () => {
  it('pools hours until 5 are expected, then Σ (O − E)² / E on pools − 1 df', () => {
    // hours (O, E): (3, 2) (4, 4) → pool (7, 6); (10, 6) → pool; (2, 4) left over joins the last: (12, 10)
    // statistic 1/6 + 4/10; df 1, where P(χ²₁ > x) = 2 (1 − Φ(√x))
    const r = chiSquare([3, 4, 10, 2], [2, 4, 6, 4]);
    const x = 1 / 6 + 4 / 10;
    expect(r?.statistic).toBeCloseTo(x, 12);
    expect(r?.df).toBe(1);
    expect(r?.pools).toBe(2);
    expect(r?.pValue).toBeCloseTo(2 * (1 - normalCdf(Math.sqrt(x))), 6);
  });

  it('fewer than two pools: no test', () => {
    expect(chiSquare([1, 2], [1, 2])).toBeNull();
  });
});

describe('P(cold | gap) in bins', () => {
  it('counts each bin’s gaps and cold ones, with the fitted curve’s mean over them', async () => {
    const { gapBins } = await import('../../src/calibrate/keep-alive-fit.js');
    // the bins reach up to min(longest gap 600 s, 2 × b = 840 s) = 600 s: 600 s / 12 = 50 s → the next round width, 1 min
    const [g, c] = gaps([240, 330], [360, 600]);
    const bins = gapBins(g, c, { kind: 'uniform', minMs: 300 * S, maxMs: 420 * S });
    expect(bins).toHaveLength(13);
    expect(bins[0]).toMatchObject({ fromMs: 0, toMs: 60 * S, gaps: 0, cold: 0, fitted: 0 });
    // 240 s: F = 0; 330 s: F = 30/120 = 0.25; 360 s: F = 0.5; 600 s: F = 1
    expect(bins[4]).toMatchObject({ fromMs: 240 * S, toMs: 300 * S, gaps: 1, cold: 0, fitted: 0 });
    expect(bins[5]).toMatchObject({ fromMs: 300 * S, gaps: 1, cold: 0, fitted: 0.25 });
    expect(bins[6]).toMatchObject({ fromMs: 360 * S, gaps: 1, cold: 1, fitted: 0.5 });
    expect(bins[10]).toMatchObject({ fromMs: 600 * S, gaps: 1, cold: 1, fitted: 1 });
    // an empty bin shows the curve at its middle: 3.5 min (bin 3..4 min) is below a, 7.5 min (bin 7..8 min) above b
    expect(bins[3]).toMatchObject({ gaps: 0, fitted: 0 });
    expect(bins[7]).toMatchObject({ gaps: 0, fitted: 1 });
    expect(bins[12]).toMatchObject({ fromMs: 720 * S, toMs: Infinity, gaps: 0 });
    // without a fit, no fitted value
    expect(gapBins(g, c, null).every((b) => Number.isNaN(b.fitted))).toBe(true);
  });
});

describe('properties', () => {
  it('gaps labelled by any fixed K, without noise: the fixed fit mislabels none and its interval holds K', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 3_600_000 }),
        fc.array(fc.integer({ min: 0, max: 7_200_000 }), { minLength: 1, maxLength: 60 }),
        (k, raw) => {
          const g = Float64Array.from(raw.filter((x) => x !== k));
          const c = Uint8Array.from(g, (x) => (x > k ? 1 : 0));
          const f = fitKeepAlive(g, c);
          if (f.fixed === null)
            return f.problem !== null && (c.every((x) => x === 0) || c.every((x) => x === 1));
          return (
            f.fixed.inconsistent === 0 &&
            f.fixed.interval.lowMs <= k &&
            f.fixed.interval.highMs >= k &&
            f.fixed.logLik >= (f.range?.logLik ?? -Infinity) - 1e-9
          );
        },
      ),
      { seed: 9, numRuns: 200 },
    );
  });
});

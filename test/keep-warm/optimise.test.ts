/**
 * The optimiser's auto-scaling family searches the floor MIN as well as the target: on a trace of
 * short bursts, target tracking never scales out, so only the floor protects the burst's requests.
 */
import { describe, expect, test } from 'vitest';
import { compareStrategies } from '../../src/keep-warm/compare.js';
import { StrategyRunner } from '../../src/keep-warm/runner.js';
import { AUTO_TARGETS, parseTarget } from '../../src/keep-warm/optimise.js';
import { parseStrategy } from '../../src/keep-warm/strategy.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import { config, traceOf } from '../helpers/trace.js';

const MIN = 60_000;
const aws = () => getProvider('aws-lambda').load(defaultPricingDir());

describe('auto-scaling family: the floor MIN is searched too', () => {
  // Bursts of 3 simultaneous 1 s requests every 20 min, 0..120 min (7 bursts, 21 requests); 1,024 MB,
  // INIT 100 ms, keep-alive 10 min, so an on-demand instance from one burst is gone at the next.
  // Without provisioning the peak concurrency is 3, so levels go up to ceil(3 × 1.5) = 5.
  // Target tracking never scales out: in a burst minute the provisioned instances are busy for 1 s
  // of 60 (under 2 % utilisation, below every target), and it never goes below MIN. So every target
  // gives the same outcome for a given MIN: MIN instances serve each burst warm, the other 3 − MIN
  // requests spill over to on-demand instances and start cold:
  //   MIN 1: 7 × 2 / 21 = 66.7 %   MIN 2: 7 × 1 / 21 = 33.3 %   MIN 3: 0 %
  const trace = traceOf(
    Array.from({ length: 21 }, (_, i) => ({ t: Math.floor(i / 3) * 20 * MIN, run: 1000 })),
  );
  const base = config({
    memoryMb: 1024,
    init: { kind: 'constant', ms: 100 },
    keepAlive: { kind: 'fixed', ms: 10 * MIN },
  });
  const none = [{ name: 'none', strategy: parseStrategy('none') }];
  const optimiseWith = (target: string, exhaustive: boolean) =>
    compareStrategies(trace, base, aws(), none, {
      function: null,
      breakEven: false,
      target: parseTarget(target),
      exhaustive,
    }).optimisation!;

  test('the cold-start rates by MIN, as computed above', () => {
    const runner = new StrategyRunner(trace, base, aws(), null);
    const rate = (s: string) => runner.outcomes(runner.run(parseStrategy(s))).coldStartRate;
    for (const t of AUTO_TARGETS) {
      expect(rate(`provisioned:auto:${t}:1:5`)).toBeCloseTo(14 / 21, 12);
      expect(rate(`provisioned:auto:${t}:2:5`)).toBeCloseTo(7 / 21, 12);
      expect(rate(`provisioned:auto:${t}:3:5`)).toBe(0);
    }
  });

  // cold-start-rate<=1% needs MIN 3, <=40% needs MIN 2; the highest (cheapest) target does, since
  // all targets cost the same here and ties go to the cheaper-by-design rung
  test.each([
    ['cold-start-rate<=1%', 3],
    ['cold-start-rate<=40%', 2],
  ])(
    '%s: the auto family answers with MIN %i, as the provisioned family does, at the same cost',
    (target, level) => {
      const o = optimiseWith(target, false);
      const fixed = o.answers.find((a) => a.family === 'provisioned')!;
      const auto = o.answers.find((a) => a.family === 'provisioned-auto')!;
      expect(fixed.setting).toBe(`provisioned:${level}`);
      expect(auto.setting).toBe(`provisioned:auto:0.9:${level}:5`);
      // the level never moves, so the bill is the fixed level's
      expect(auto.monthlyUsd).toBeCloseTo(fixed.monthlyUsd!, 9);
    },
  );

  test('bisection and the exhaustive search agree, and agree with trying every MIN 1..5 × target by hand', () => {
    for (const target of ['cold-start-rate<=1%', 'cold-start-rate<=40%', 'cold-start-rate<=70%']) {
      const fast = optimiseWith(target, false);
      const brute = optimiseWith(target, true);
      expect(fast.answers.map((a) => [a.family, a.setting])).toEqual(
        brute.answers.map((a) => [a.family, a.setting]),
      );
      const autoFast = fast.answers.find((a) => a.family === 'provisioned-auto')!;
      const autoBrute = brute.answers.find((a) => a.family === 'provisioned-auto')!;
      // the brute force covers every MIN up to the fixed level chosen, × 8 targets
      const fixedLevel = Number(
        brute.answers.find((a) => a.family === 'provisioned')!.setting!.slice('provisioned:'.length),
      );
      expect(autoBrute.simulations).toBe(fixedLevel * AUTO_TARGETS.length);
      expect(autoFast.simulations).toBeLessThan(autoBrute.simulations);

      // brute force outside the optimiser: the cheapest of the whole grid that meets the target
      const runner = new StrategyRunner(trace, base, aws(), null);
      const max = parseTarget(target).max;
      let best: { setting: string; usd: number } | null = null;
      for (let min = 1; min <= 5; min++) {
        for (const t of AUTO_TARGETS) {
          const setting = `provisioned:auto:${t}:${min}:5`;
          const r = runner.run(parseStrategy(setting, setting));
          if (
            runner.outcomes(r).coldStartRate <= max &&
            (best === null || r.cost.monthlyUsd < best.usd * (1 - 1e-12))
          )
            best = { setting, usd: r.cost.monthlyUsd };
        }
      }
      expect(autoFast.setting).toBe(best!.setting);
    }
  });
});

describe('searched provisioned levels stay within what the configuration allows', () => {
  // Bursts of `size` simultaneous 1 s requests every 20 min (7 bursts), per function; INIT 100 ms,
  // keep-alive 10 min, so without provisioning every burst starts cold.
  const bursts = (size: number, fns: string[]) =>
    traceOf(
      Array.from({ length: 7 }, (_, b) =>
        fns.flatMap((fn) => Array.from({ length: size }, () => ({ t: b * 20 * MIN, run: 1000, fn }))),
      ).flat(),
    );
  const base = (over: Parameters<typeof config>[0] = {}) =>
    config({
      memoryMb: 1024,
      init: { kind: 'constant', ms: 100 },
      keepAlive: { kind: 'fixed', ms: 10 * MIN },
      ...over,
    });
  const none = [{ name: 'none', strategy: parseStrategy('none') }];
  const compare = (
    trace: ReturnType<typeof bursts>,
    cfg: ReturnType<typeof base>,
    fn: string | null,
    breakEven: boolean,
    exhaustive = false,
  ) =>
    compareStrategies(trace, cfg, aws(), none, {
      function: fn,
      breakEven,
      target: parseTarget('cold-start-rate<=1%'),
      exhaustive,
    });

  test('account limit 5, one function with bursts of 5: levels up to 5, not ceil(5 × 1.5) = 8; the cap is reported', () => {
    const trace = bursts(5, ['api']);
    for (const exhaustive of [false, true]) {
      const c = compare(trace, base({ concurrencyLimit: 5 }), null, true, exhaustive);
      const o = c.optimisation!;
      expect(o.cap).toEqual({ level: 5, reason: "the account's concurrency limit of 5" });
      const fixed = o.answers.find((a) => a.family === 'provisioned')!;
      expect(fixed.note).toBe('levels 1..5');
      // all 5 of a burst need a provisioned instance
      expect(fixed.setting).toBe('provisioned:5');
      expect(o.answers.find((a) => a.family === 'provisioned-auto')!.setting).toMatch(
        /^provisioned:auto:0\.9:5:5$/,
      );
      expect(
        c.tried.every(
          (t) =>
            !t.setting.startsWith('provisioned:') ||
            /^provisioned:(auto:[\d.]+:)?[1-5](:5)?$/.test(t.setting),
        ),
      ).toBe(true);
      // the peak without provisioning is 5, which the limit allows: the break-even is not capped
      expect(c.breakEven!.levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5]);
      expect(c.breakEven!.cap).toBeNull();
      // the break-even runs after the strategies (none, already run) and before the optimiser: its
      // rows none and levels 1..5 are 6 runs, of which none is shared, so 5 new simulations
      expect(c.breakEven!.simulations).toBe(5);
    }
  });

  test('two functions sharing an account limit of 7: each at most 3, in the search and the break-even', () => {
    // both functions burst 3 at once: the peak without provisioning is 6, so the break-even would
    // try 6 per function (12 in all) and the search ceil(6 × 1.5) = 9
    const c = compare(bursts(3, ['a', 'b']), base({ concurrencyLimit: 7 }), null, true);
    const cap = { level: 3, reason: "the account's concurrency limit of 7, shared by 2 functions" };
    expect(c.breakEven!.levels.map((l) => l.level)).toEqual([1, 2, 3]);
    expect(c.breakEven!.cap).toEqual(cap);
    expect(c.optimisation!.cap).toEqual(cap);
    expect(c.optimisation!.answers.find((a) => a.family === 'provisioned')!.setting).toBe('provisioned:3');
  });

  test("one function of two: the limit less the other's provisioned instances", () => {
    const c = compare(
      bursts(3, ['a', 'b']),
      base({ concurrencyLimit: 6, functions: { b: { provisioned: 4 } } }),
      'a',
      true,
    );
    const cap = {
      level: 2,
      reason:
        "the account's concurrency limit of 6, 4 of it taken by the other functions' provisioned instances",
    };
    expect(c.optimisation!.cap).toEqual(cap);
    expect(c.breakEven!.cap).toEqual(cap);
    expect(c.breakEven!.levels.map((l) => l.level)).toEqual([1, 2]);
    // two of a's three burst requests are the most provisioned instances can take: 1% is out of reach
    const fixed = c.optimisation!.answers.find((a) => a.family === 'provisioned')!;
    expect([fixed.setting, fixed.bestSetting]).toEqual([null, 'provisioned:2']);
  });

  test("a function's reserved concurrency: levels up to it", () => {
    const c = compare(
      bursts(5, ['api']),
      base({ functions: { api: { reservedConcurrency: 3 } } }),
      'api',
      true,
    );
    expect(c.optimisation!.cap).toEqual({ level: 3, reason: "api's reserved concurrency of 3" });
    expect(c.optimisation!.answers.find((a) => a.family === 'provisioned')!.note).toBe('levels 1..3');
    expect(c.optimisation!.answers.find((a) => a.family === 'provisioned-auto')!.note).toMatch(/, MAX 3$/);
  });

  test('a platform without provisioned instances: those families are not possible, nothing is simulated for them', () => {
    const c = compareStrategies(
      bursts(3, ['api']),
      base({ provider: 'azure-consumption' }),
      getProvider('azure-consumption').load(defaultPricingDir()),
      none,
      {
        function: null,
        breakEven: true,
        target: parseTarget('cold-start-rate<=1%'),
        exhaustive: false,
      },
    );
    expect(c.breakEven!.levels).toEqual([]);
    expect(c.breakEven!.explanation).toBe(
      'no level is possible: Azure Functions Consumption keeps no instances ready ahead of requests',
    );
    for (const family of ['provisioned', 'provisioned-auto']) {
      const a = c.optimisation!.answers.find((x) => x.family === family)!;
      expect([a.setting, a.simulations, a.note]).toEqual([
        null,
        0,
        'no level is possible: Azure Functions Consumption keeps no instances ready ahead of requests',
      ]);
    }
  });
});

/**
 * compare --target weighs SnapStart next to none, provisioned and pings (issue 11 §2: "pings,
 * provisioned concurrency or SnapStart?"): a family of one setting where the platform and runtime
 * have it, a row saying why not where the runtime lacks it, no row where the platform has none.
 */
import { expect, test } from 'vitest';
import { compareStrategies } from '../../src/keep-warm/compare.js';
import { parseTarget } from '../../src/keep-warm/optimise.js';
import { StrategyRunner } from '../../src/keep-warm/runner.js';
import { parseStrategy } from '../../src/keep-warm/strategy.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import { config, traceOf } from '../helpers/trace.js';

const MIN = 60_000;
// 7 requests of 1 s, 20 min apart; keep-alive 10 min: without help every one is cold, waiting for a
// 3 s INIT, so p99 = 3,000 + 1,000 = 4,000 ms. A SnapStart restore (published measurements, well
// under a second) replaces the INIT: p99 under 2 s.
const trace = traceOf(Array.from({ length: 7 }, (_, i) => ({ t: i * 20 * MIN, run: 1000 })));
const base = (over: Parameters<typeof config>[0] = {}) =>
  config({
    memoryMb: 1024,
    init: { kind: 'constant', ms: 3000 },
    keepAlive: { kind: 'fixed', ms: 10 * MIN },
    ...over,
  });
const none = [{ name: 'none', strategy: parseStrategy('none') }];
const optimiseWith = (over: NonNullable<Parameters<typeof config>[0]>) => {
  const provider = getProvider(over.provider ?? 'aws-lambda').load(defaultPricingDir());
  return compareStrategies(trace, base(over), provider, none, {
    function: null,
    breakEven: false,
    target: parseTarget('p99<=2s'),
    exhaustive: false,
  }).optimisation!;
};

test("python3.12 on Lambda: SnapStart meets p99<=2s, none does not; its cost is its run's", () => {
  const o = optimiseWith({ runtime: 'python3.12' });
  expect(o.answers.map((a) => a.family)).toEqual([
    'none',
    'provisioned',
    'provisioned-auto',
    'pings',
    'snapstart',
  ]);
  expect(o.answers[0]!.setting).toBeNull();
  expect(o.answers[0]!.bestValue).toBe(4000);
  const snap = o.answers.find((a) => a.family === 'snapstart')!;
  expect(snap.setting).toBe('snapstart');
  expect(snap.value!).toBeLessThan(2000);
  expect(snap.value!).toBeGreaterThan(1000);
  expect(snap.simulations).toBe(1);
  const runner = new StrategyRunner(
    trace,
    base({ runtime: 'python3.12' }),
    getProvider('aws-lambda').load(defaultPricingDir()),
    null,
  );
  expect(snap.monthlyUsd).toBe(runner.run(parseStrategy('snapstart')).cost.monthlyUsd);
});

test('nodejs22.x on Lambda: a snapstart row that says the runtime lacks it, nothing simulated', () => {
  const snap = optimiseWith({ runtime: 'nodejs22.x' }).answers.find((a) => a.family === 'snapstart')!;
  expect(snap.setting).toBeNull();
  expect(snap.simulations).toBe(0);
  expect(snap.note).toMatch(/SnapStart supports the runtimes .*; not nodejs22\.x/);
});

test('a platform without SnapStart: no snapstart row', () => {
  const o = optimiseWith({ provider: 'gcp-cloud-run' });
  expect(o.answers.some((a) => a.family === 'snapstart')).toBe(false);
});

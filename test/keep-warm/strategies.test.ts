/**
 * Keep-warm strategies by hand: pings on a sparse trace, a ping colliding with a user request,
 * provisioned billing with a scheduled change, the 60 % break-even, and auto-scaling's delay.
 * Prices (us-east-1, x86): requests $0.20/M; on-demand $0.0000166667/GB-s; provisioned capacity
 * $0.0000041667/GB-s; provisioned duration $0.0000097222/GB-s.
 */
import { describe, expect, test } from 'vitest';
import { compareStrategies } from '../../src/keep-warm/compare.js';
import { StrategyRunner } from '../../src/keep-warm/runner.js';
import { computeBreakEven } from '../../src/keep-warm/break-even.js';
import { parseTarget } from '../../src/keep-warm/optimise.js';
import { parseStrategy } from '../../src/keep-warm/strategy.js';
import { NullObserver } from '../../src/model/observer.js';
import { MONTH_MS } from '../../src/pricing/cost.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import { simulateTrace, type SimulationResult } from '../../src/simulate.js';
import { fnSpec, pingEvery, runModel, type Req } from '../helpers/model.js';
import { config, evenly, traceOf } from '../helpers/trace.js';

const MIN = 60_000;
const lineOf = (r: SimulationResult, id: string) => r.cost.lines.find((l) => l.id === id)!;
const aws = () => getProvider('aws-lambda').load(defaultPricingDir());

describe('pings on a sparse trace (one request every 20 min, pings every 5 min)', () => {
  // 11 requests at 0, 20, …, 200 min, 100 ms each, 1,024 MB, INIT 100 ms. The window is 0..200 min.
  const trace = traceOf(evenly(11, 20 * MIN, { run: 100 }));
  const run = (keepAliveMin: number, phaseMin: number) =>
    simulateTrace(
      trace,
      config({
        memoryMb: 1024,
        init: { kind: 'constant', ms: 100 },
        keepAlive: { kind: 'fixed', ms: keepAliveMin * MIN },
        pings: [pingEvery(5 * MIN, { phaseMs: phaseMin * MIN })],
      }),
    );

  test('requests 2.5 min after a ping, keep-alive 7 min: no user cold start after the first', () => {
    // pings at 2.5, 7.5, …, 197.5 min keep the instance the first request created alive (gaps of
    // 5 min < 7 min), and each request finds it idle 2.5 min after a 25 ms ping.
    const r = run(7, 2.5);
    expect([
      r.outcomes.servedCold,
      r.outcomes.servedWarm,
      r.outcomes.pings,
      r.outcomes.pingColdStarts,
    ]).toEqual([1, 10, 40, 0]);
  });

  test('keep-alive 4 min: a ping that follows another ping cold-starts, yet the requests stay warm', () => {
    // A ping comes 5 min after the previous ping ended: that instance expired a minute before, so
    // it cold-starts. A ping 2.5 min after a request finds the request's instance (alive for 4 min)
    // and is warm: that is the first ping and each one after a request (2.5, 22.5, …, 182.5 min),
    // 10 of the 40. The other 30 are cold. Each request, 2.5 min after a ping, finds that ping's
    // instance alive (4 min) and is warm.
    const r = run(4, 2.5);
    expect([
      r.outcomes.pings,
      r.outcomes.pingColdStarts,
      r.outcomes.servedCold,
      r.outcomes.servedWarm,
    ]).toEqual([40, 30, 1, 10]);
  });

  test('requests 4.5 min after a ping with keep-alive 4 min: every request is cold', () => {
    // pings at 0.5, 5.5, …; a ping's instance expires about 4 min after it, half a minute before the request
    const r = run(4, 0.5);
    expect(r.outcomes.servedCold).toBe(11);
  });

  test('the ping bill: 8,640 pings per 30 days per unit of concurrency, INIT included for cold pings', () => {
    // 40 pings in 200 min × (43,200 / 200) = 8,640 a month; × $0.20/M = $0.001728.
    const warm = run(7, 2.5);
    expect(lineOf(warm, 'ping-requests').quantity).toBeCloseTo(8640, 6);
    expect(lineOf(warm, 'ping-requests').monthlyUsd).toBeCloseTo(8640 * 0.2e-6, 12);
    // warm pings: 8,640 × 25 ms × 1 GB = 216 GB-s → $0.0036000072
    expect(lineOf(warm, 'ping-duration').quantity).toBeCloseTo(216, 6);
    expect(lineOf(warm, 'ping-duration').monthlyUsd).toBeCloseTo(216 * 0.0000166667, 12);
    // keep-alive 4 min: 30 cold pings bill ceil(100 + 25) = 125 ms, 10 warm ones 25 ms:
    // (30 × 0.125 + 10 × 0.025) × 216 = 4 × 216 = 864 GB-s a month
    const cold = run(4, 2.5);
    expect(lineOf(cold, 'ping-duration').quantity).toBeCloseTo((30 * 0.125 + 10 * 0.025) * 216, 6);
  });

  test('three concurrent pings keep three instances warm, chained pings arrive after the first', () => {
    const fan = simulateTrace(
      trace,
      config({
        memoryMb: 1024,
        keepAlive: { kind: 'fixed', ms: 7 * MIN },
        init: { kind: 'constant', ms: 100 },
        pings: [pingEvery(5 * MIN, { concurrency: 3, phaseMs: 2.5 * MIN })],
      }),
    );
    // the first firing finds one idle instance (the first request's) and cold-starts two more
    expect([fan.outcomes.pings, fan.outcomes.pingColdStarts, fan.outcomes.peakInstances]).toEqual([
      120, 2, 3,
    ]);
    const chain = simulateTrace(
      trace,
      config({
        memoryMb: 1024,
        keepAlive: { kind: 'fixed', ms: 7 * MIN },
        init: { kind: 'constant', ms: 100 },
        pings: [pingEvery(5 * MIN, { concurrency: 3, phaseMs: 2.5 * MIN, style: 'chain', chainLagMs: 10 })],
      }),
    );
    // chained: the first ping holds its instance (25 ms) while the other two arrive 10 ms later
    expect([chain.outcomes.pings, chain.outcomes.pingColdStarts, chain.outcomes.peakInstances]).toEqual([
      120, 2, 3,
    ]);
  });
});

describe('pings at the edge of a given span', () => {
  test('with --span 1h, pings every 5 min from 0 fire 12 times: the one due at 60 min belongs to the next hour', () => {
    // 8,640 a month = 12 an hour × 720 hours
    const r = simulateTrace(
      traceOf([
        { t: 0, run: 10 },
        { t: 30 * MIN, run: 10 },
      ]),
      config({ spanMs: 60 * MIN, pings: [pingEvery(5 * MIN)] }),
    );
    expect(r.outcomes.pings).toBe(12);
    expect(lineOf(r, 'ping-requests').quantity).toBeCloseTo(8640, 6);
  });
});

describe('a ping collision', () => {
  test('a user request that arrives while the only warm instance serves a ping cold-starts, caused by the ping', () => {
    // user at 0 → instance A. Pings every 5 min from 1 min: 1 min (warm on A), 6 min, … A user request
    // at 6 min + 10 ms finds A busy with the 6-min ping (25 ms): a new instance, blamed on the ping.
    const s = runModel(
      [
        { t: 0, run: 10 },
        { t: 6 * MIN + 10, run: 10 },
      ],
      { fn: { pings: [pingEvery(5 * MIN, { phaseMs: MIN })] } },
    ).metrics.stats();
    expect([s.servedCold, s.pingCausedColdStarts, s.coldStarts]).toEqual([2, 1, 2]);
    // 30 ms later the ping is done and the request is warm
    const later = runModel(
      [
        { t: 0, run: 10 },
        { t: 6 * MIN + 30, run: 10 },
      ],
      { fn: { pings: [pingEvery(5 * MIN, { phaseMs: MIN })] } },
    ).metrics.stats();
    expect([later.servedCold, later.pingCausedColdStarts]).toEqual([1, 0]);
  });
});

describe('provisioned concurrency billing with a scheduled change', () => {
  test('to the cent: each level period rounded up to 5 min, used vs idle, spillover on demand', () => {
    // Times are UTC from 1970-01-01 00:00 (the trace has relative times). Schedule: 00:30 → 2,
    // 01:12 → 1. At the start (00:00) the level is the last action's, yesterday 01:12 → 1.
    // Window 0..100 min. Periods: 1 × [0, 30) = 30 min; 2 × [30, 72) = 42 → 45 min; 1 × [72, 100) = 28 → 30 min.
    // Configured at 1 GB: 1,800 + 2 × 2,700 + 1,800 = 9,000 GB-s per span.
    // Requests (1,000 ms, INIT 0): two at 0 (one on the provisioned instance, one spills over),
    // two at 31 min (the new instance was allocated at 30 min and is ready after 60 s), one at 100 min.
    const trace = traceOf([
      { t: 0, run: 1000 },
      { t: 0, run: 1000 },
      { t: 31 * MIN, run: 1000 },
      { t: 31 * MIN, run: 1000 },
      { t: 100 * MIN, run: 1000 },
    ]);
    const strategy = parseStrategy(
      {
        provisioned: {
          kind: 'schedule',
          actions: [
            { cron: 'cron(30 0 * * ? *)', level: 2 },
            { cron: 'cron(12 1 * * ? *)', level: 1 },
          ],
        },
      },
      'schedule',
    );
    const r = simulateTrace(
      trace,
      config({
        memoryMb: 1024,
        init: { kind: 'constant', ms: 0 },
        provisioned: strategy.provisioned,
        provisionedControl: strategy.provisionedControl,
      }),
    );
    const factor = MONTH_MS / (100 * MIN); // 432
    // busy provisioned time inside the window: 1 s at 0 and 2 × 1 s at 31 min (the request at 100 min
    // runs after the window closes) = 3 GB-s used, 8,997 idle
    expect(lineOf(r, 'provisioned-used').quantity).toBeCloseTo(3 * factor, 6);
    expect(lineOf(r, 'provisioned-capacity').quantity).toBeCloseTo(8997 * factor, 6);
    // 9,000 × 432 × $0.0000041667 = $16.2001296
    expect(
      lineOf(r, 'provisioned-capacity').monthlyUsd + lineOf(r, 'provisioned-used').monthlyUsd,
    ).toBeCloseTo(16.2001296, 6);
    // four requests on provisioned instances: 4 GB-s × 432 × $0.0000097222 = $0.01680
    expect(lineOf(r, 'provisioned-duration').quantity).toBeCloseTo(4 * factor, 6);
    expect(r.outcomes.servedProvisioned).toBe(4);
    // one spillover at 0: 1 GB-s on demand × 432 × $0.0000166667 = $0.0072
    expect(lineOf(r, 'duration').quantity).toBeCloseTo(1 * factor, 6);
    expect(r.outcomes.servedCold).toBe(1);
    // requests: 5 × 432 × $0.20/M
    expect(lineOf(r, 'requests').monthlyUsd).toBeCloseTo(5 * factor * 0.2e-6, 12);
    const total = 16.2001296 + 4 * factor * 0.0000097222 + factor * 0.0000166667 + 5 * factor * 0.2e-6;
    expect(Math.round(r.cost.monthlyUsd * 100) / 100).toBe(Math.round(total * 100) / 100); // $16.22
  });
});

describe('provisioned INIT at allocation and at recycling', () => {
  test('one provisioned instance over 8 h: INIT once at allocation and at 2 recycles per span (every 4 h, assumed)', () => {
    // INIT 200 ms at 1,024 MB. The month repeats the 8 h span 90 times (30 d / 8 h), but allocates the
    // level once: 0.2 GB-s, once. Recycles: 8 h / 4 h = 2 per span × 0.2 GB-s × 90 = 36 GB-s.
    // Month: 36.2 GB-s at the provisioned duration rate, × $0.0000097222.
    const trace = traceOf([
      { t: 0, run: 10 },
      { t: 8 * 60 * MIN, run: 10 },
    ]);
    const r = simulateTrace(
      trace,
      config({ memoryMb: 1024, provisioned: 1, init: { kind: 'constant', ms: 200 } }),
    );
    expect(lineOf(r, 'provisioned-init').quantity).toBeCloseTo(0.2 + 0.4 * 90, 9);
    expect(lineOf(r, 'provisioned-init').monthlyUsd).toBeCloseTo(36.2 * 0.0000097222, 12);
    expect(lineOf(r, 'provisioned-init').note).toMatch(
      /^1 allocated once at the start of the month, 180 recycles a month/,
    );
  });

  test('a level raised inside the span allocates again in every repetition of the span', () => {
    // Relative times from 1970-01-01 00:00 UTC; schedule 01:00 → 1, 12:00 → 0, so the level starts at
    // 0 and is raised at 1 h into the 2 h span (INIT 200 ms, 1,024 MB = 1 GB). The month repeats the
    // span 360 times (30 d / 2 h) and the allocation with it: 360 × 0.2 GB-s = 72 GB-s. Recycles: the
    // instance lives from 1 h + 0.2 s to 2 h, (3,600 − 0.2) s / 14,400 s of a recycle per span,
    // × 0.2 GB-s × 360.
    const trace = traceOf([
      { t: 0, run: 10 },
      { t: 120 * MIN, run: 10 },
    ]);
    const strategy = parseStrategy(
      {
        provisioned: {
          kind: 'schedule',
          actions: [
            { cron: 'cron(0 1 * * ? *)', level: 1 },
            { cron: 'cron(0 12 * * ? *)', level: 0 },
          ],
        },
      },
      'schedule',
    );
    const r = simulateTrace(
      trace,
      config({
        memoryMb: 1024,
        init: { kind: 'constant', ms: 200 },
        provisioned: strategy.provisioned,
        provisionedControl: strategy.provisionedControl,
      }),
    );
    expect(lineOf(r, 'provisioned-init').quantity).toBeCloseTo(72 + (0.2 * 360 * (3600 - 0.2)) / 14_400, 6);
    expect(lineOf(r, 'provisioned-init').note).toMatch(/^90 recycles a month/); // 360 × (3,600 − 0.2) / 14,400, rounded
  });
});

describe('break-even', () => {
  // One request a second of `run` ms on 1,024 MB, INIT 0, instances never expire, over exactly 50 min.
  const flat = (run: number) => traceOf(evenly(3000, 1000, { run }));
  const base = config({
    memoryMb: 1024,
    init: { kind: 'constant', ms: 0 },
    keepAlive: { kind: 'forever' },
    spanMs: 50 * MIN,
  });

  test('the textbook utilisation is capacity / (on-demand − provisioned duration) = 60.0 %', () => {
    const runner = new StrategyRunner(flat(600), base, aws(), null);
    const b = computeBreakEven(runner);
    // 0.0000041667 / (0.0000166667 − 0.0000097222) = 0.0000041667 / 0.0000069445 = 0.600000…
    expect(b.textbookUtilization).toBeCloseTo(0.0000041667 / 0.0000069445, 12);
    expect(b.textbookUtilization).toBeCloseTo(0.6, 5);
  });

  test('a flat trace at 60 % utilisation costs the same with one provisioned instance as on demand', () => {
    // per second: on demand 0.6 GB-s × $0.0000166667 = $0.0000100000;
    // provisioned 1 GB-s × $0.0000041667 + 0.6 × $0.0000097222 = $0.0000099999; requests alike.
    const runner = new StrategyRunner(flat(600), base, aws(), null);
    const b = computeBreakEven(runner);
    const one = b.levels[0]!;
    expect(one.utilization).toBeCloseTo(0.6, 9);
    expect(Math.abs(one.monthlyUsd - b.onDemandMonthlyUsd) / b.onDemandMonthlyUsd).toBeLessThan(1e-4);
    // a little busier and provisioning pays; a little idler and it does not
    const busier = computeBreakEven(new StrategyRunner(flat(650), base, aws(), null));
    expect(busier.levels[0]!.monthlyUsd).toBeLessThan(busier.onDemandMonthlyUsd);
    const idler = computeBreakEven(new StrategyRunner(flat(550), base, aws(), null));
    expect(idler.levels[0]!.monthlyUsd).toBeGreaterThan(idler.onDemandMonthlyUsd);
    expect(idler.breakEvenLevel).toBe(0);
    // 55 % busy < 60 %: the utilisation is why
    expect(idler.explanation).toBe(
      'even 1 provisioned instance costs more than on-demand for this traffic (its utilisation is 55.0%, below the 60.0% at which one pays for itself)',
    );
  });

  test('the break-even gives the utilisation as the reason only when it is below the textbook one', () => {
    // 70 % busy, above the 60 % at which one instance pays for itself, but with the free tier (not for
    // functions with provisioned concurrency, the default rule) on-demand is credited
    // 1,000,000 requests × $0.20/M + 400,000 GB-s × $0.0000166667 = $0.20 + $6.66668 = $6.87, which
    // provisioned loses. A month (× 864): on demand 3,000 × 0.7 s × 864 = 1,814,400 GB-s × $0.0000166667
    // = $30.24 + $0.5184 requests − $6.87 = $23.89; provisioned 2,592,000 GB-s × $0.0000041667 = $10.80
    // + 1,814,400 × $0.0000097222 = $17.64 + $0.5184 = $28.96.
    const b = computeBreakEven(new StrategyRunner(flat(700), { ...base, freeTier: true }, aws(), null));
    expect(b.onDemandMonthlyUsd).toBeCloseTo(
      1_814_400 * 0.0000166667 + 0.5184 - (0.2 + 400_000 * 0.0000166667),
      6,
    );
    expect(b.levels[0]!.monthlyUsd).toBeCloseTo(
      2_592_000 * 0.0000041667 + 1_814_400 * 0.0000097222 + 0.5184,
      6,
    );
    expect(b.breakEvenLevel).toBe(0);
    expect(b.explanation).toBe(
      'even 1 provisioned instance costs more than on-demand for this traffic (its utilisation is 70.0%, above the 60.0% at which one pays for itself; what makes it dearer: free tier credit +$6.87)',
    );
  });
});

describe('target-tracking auto-scaling', () => {
  test('a step in traffic scales out 3 minutes later, and the new instance serves only after the allocation delay', () => {
    // 1 provisioned instance (min 1, max 5, target 70 %). Until 10 min: a 100 ms request every 10 s
    // (utilisation 1 %). From 10 min: a 1 s request every 100 ms: the instance is always busy
    // (utilisation 100 %). Ticks each minute: above target at 11, 12 and 13 min → at 13 min the level
    // becomes ceil(1 × 1.0 / 0.7) = 2; the new instance is ready 60 s later, at 14 min.
    const rows: Req[] = [
      ...evenly(60, 10_000, { run: 100 }).map((r) => ({ t: r.t, run: 100 })),
      ...Array.from({ length: 12 * 600 }, (_, i) => ({ t: 10 * MIN + i * 100, run: 1000 })),
    ];
    const levels: [number, number][] = [];
    const provisionedStarts: number[] = [];
    class Watch extends NullObserver {
      override onProvisionedLevel(_fn: number, t: number, level: number): void {
        levels.push([t, level]);
      }
      override onInvocation(_fn: number, flags: number, _a: number, start: number): void {
        if (flags & 16 /* INV.provisioned */) provisionedStarts.push(start);
      }
    }
    const control = parseStrategy('provisioned:auto:0.7:1:5').provisionedControl!;
    runModel(rows, {
      fn: { provisioned: 1, provisionedControl: control, init: fnSpec().init },
      observers: [new Watch()],
      endMs: 22 * MIN,
    });
    expect(levels[0]).toEqual([0, 1]);
    expect(levels[1]).toEqual([13 * MIN, 2]);
    // while the second instance is allocated (13–14 min) the one instance serves a request a second
    const between = provisionedStarts.filter((t) => t >= 13 * MIN && t < 14 * MIN).length;
    expect(between).toBe(60);
    const after = provisionedStarts.filter((t) => t >= 14 * MIN && t < 15 * MIN).length;
    expect(after).toBe(120);
  });
});

describe('comparison and optimisation', () => {
  const trace = traceOf([
    ...evenly(40, 90_000, { run: 200, fn: 'api' }),
    ...evenly(400, 9_000, { run: 50, fn: 'api' }).map((r) => ({ ...r, t: r.t + 3_600_000 })),
  ]);
  const base = config({ memoryMb: 512 });

  test('marks the cheapest strategy and the one with the fewest cold starts', () => {
    const c = compareStrategies(
      trace,
      base,
      aws(),
      ['none', 'pings:5m:1', 'provisioned:1'].map((s) => ({ name: s, strategy: parseStrategy(s) })),
      { function: null, breakEven: false, target: null, exhaustive: false },
    );
    const cost = Object.fromEntries(c.strategies.map((s) => [s.name, s.monthlyUsd]));
    expect(c.cheapest).toBe(Object.entries(cost).sort((a, b) => a[1] - b[1])[0]![0]);
    const fewest = [...c.strategies].sort(
      (a, b) => a.coldStarts - b.coldStarts || a.monthlyUsd - b.monthlyUsd,
    )[0]!;
    expect(c.fewestColdStarts).toBe(fewest.name);
  });

  // (here one provisioned instance is enough, so the auto-scaling floor stays 1; test/keep-warm/optimise.test.ts checks floors above 1)
  test('bisection finds the same cheapest settings as trying every grid point', () => {
    const target = parseTarget('cold-start-rate<=1%');
    const fast = compareStrategies(trace, base, aws(), [{ name: 'none', strategy: parseStrategy('none') }], {
      function: null,
      breakEven: false,
      target,
      exhaustive: false,
    }).optimisation!;
    const brute = compareStrategies(trace, base, aws(), [{ name: 'none', strategy: parseStrategy('none') }], {
      function: null,
      breakEven: false,
      target,
      exhaustive: true,
    }).optimisation!;
    expect(fast.answers.map((a) => [a.family, a.setting])).toEqual(
      brute.answers.map((a) => [a.family, a.setting]),
    );
    expect(fast.best).toBe(brute.best);
    expect(fast.answers.reduce((a, x) => a + x.simulations, 0)).toBeLessThan(
      brute.answers.reduce((a, x) => a + x.simulations, 0),
    );
  });

  test('targets and strategies are parsed or refused with a message', () => {
    expect(parseTarget('cold-start-rate<=0.5%')).toMatchObject({ metric: 'cold-start-rate', max: 0.005 });
    expect(parseTarget('p99<=400ms')).toMatchObject({ metric: 'p99', max: 400 });
    expect(() => parseTarget('p95<400')).toThrow(/--target "p95<400"/);
    expect(parseStrategy('provisioned:auto:0.6:2:8')).toMatchObject({
      family: 'provisioned-auto',
      provisioned: 2,
    });
    expect(parseStrategy('pings:cron(0/5 8-17 ? * MON-FRI *):2').pings[0]!.schedule.kind).toBe('cron');
    expect(() => parseStrategy('warm:5m')).toThrow(/--strategy "warm:5m"/);
  });
});

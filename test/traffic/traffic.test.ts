/**
 * --traffic-scale, --time-shift, --start: a transform of the streamed chunks. Exact copies for whole
 * X, binomial thinning within 4σ, merged time order, seeded, independent of chunking; at 10× the
 * account limit and the scaling rate throttle as reasoned by hand.
 */
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { DEFAULT_CONFIG, type SimulationConfig } from '../../src/config.js';
import { simulateFile } from '../../src/simulate.js';
import { loadTrace } from '../../src/traces/load.js';
import { emptyChunk, type Trace, type TraceChunk } from '../../src/traces/trace.js';
import {
  NO_TRAFFIC_CHANGE,
  TrafficTransform,
  transformTrace,
  type TrafficOptions,
} from '../../src/traces/traffic.js';
import { traceOf } from '../helpers/trace.js';
import { useTempDir } from '../helpers/temp.js';

const tmp = useTempDir('faasim-traffic-');
const scale = (x: number, jitterMs = 1000): TrafficOptions => ({ ...NO_TRAFFIC_CHANGE, scale: x, jitterMs });

/** 3 functions, 2,000 requests on a seeded irregular grid, with run times that identify each row. */
function sample(n = 2000): Trace {
  const rows = Array.from({ length: n }, (_, i) => ({
    t: i * 250 + ((i * 7919) % 200),
    fn: ['a', 'b', 'c'][i % 3] as string,
    run: i,
  }));
  return traceOf(rows);
}

function perFunction(t: Trace): number[] {
  const c = new Array<number>(t.info.functionNames.length).fill(0);
  for (let i = 0; i < t.data.count; i++) c[t.data.fn[i] as number]! += 1;
  return c;
}

function sorted(c: TraceChunk): boolean {
  for (let i = 1; i < c.count; i++) if ((c.timeMs[i] as number) < (c.timeMs[i - 1] as number)) return false;
  return true;
}

async function json(args: string[]): Promise<Record<string, any>> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['node', 'faasim', ...args, '--format', 'json'], {
    out: (s) => void out.push(s),
    err: (s) => void err.push(s),
  });
  if (code !== 0) throw new Error(`exit ${code}: ${err.join('')}`);
  return JSON.parse(out.join(''));
}

describe('traffic scale: the transform', () => {
  test('whole X: exactly X copies of every request (per function too), merged in time order, each copy 0..jitter after its request', () => {
    const t = sample();
    for (const x of [2, 3, 10]) {
      const s = transformTrace(t, scale(x), 7);
      expect(s.data.count).toBe(x * 2000);
      expect(s.info.rows).toBe(x * 2000);
      expect(perFunction(s)).toEqual(perFunction(t).map((c) => c * x));
      expect(sorted(s.data)).toBe(true);
      // run time i marks request i: its copies arrive in [t_i, t_i + 1 s), copy 0 exactly at t_i
      const seen = new Map<number, number[]>();
      for (let k = 0; k < s.data.count; k++) {
        const i = s.data.durationMs[k] as number;
        (seen.get(i) ?? seen.set(i, []).get(i))?.push(
          (s.data.timeMs[k] as number) - (t.data.timeMs[i] as number),
        );
      }
      for (const delays of seen.values()) {
        expect(delays.length).toBe(x);
        expect(Math.min(...delays)).toBe(0);
        expect(Math.max(...delays)).toBeLessThan(1000);
      }
    }
  });

  test('X = 1 changes nothing; the same seed gives the same result, another seed other delays', () => {
    const t = sample();
    const one = transformTrace(t, scale(1), 1);
    expect(Array.from(one.data.timeMs)).toEqual(Array.from(t.data.timeMs.subarray(0, t.data.count)));
    const a = transformTrace(t, scale(3), 5);
    expect(Array.from(transformTrace(t, scale(3), 5).data.timeMs)).toEqual(Array.from(a.data.timeMs));
    expect(Array.from(transformTrace(t, scale(3), 6).data.timeMs)).not.toEqual(Array.from(a.data.timeMs));
  });

  test('the result does not depend on how the trace is cut into chunks', () => {
    const t = sample();
    const collect = (cut: number, outRows: number): number[] => {
      const got: number[] = [];
      const tr = new TrafficTransform(
        scale(2.5),
        9,
        (c) => {
          for (let i = 0; i < c.count; i++) got.push(c.timeMs[i] as number, c.durationMs[i] as number);
        },
        outRows,
      );
      for (let from = 0; from < t.data.count; from += cut) {
        const n = Math.min(cut, t.data.count - from);
        const c = emptyChunk(n);
        c.timeMs.set(t.data.timeMs.subarray(from, from + n));
        c.fn.set(t.data.fn.subarray(from, from + n));
        c.durationMs.set(t.data.durationMs.subarray(from, from + n));
        c.count = n;
        tr.push(c, t.info);
      }
      tr.end(t.info);
      return got;
    };
    expect(collect(7, 13)).toEqual(collect(2000, 65_536));
  });

  test('thinning keeps each request with probability X: counts within 4σ of the binomial, per function too', () => {
    const t = sample(20_000);
    for (const x of [0.3, 0.05]) {
      const s = transformTrace(t, scale(x), 3);
      const sd = (n: number): number => Math.sqrt(n * x * (1 - x));
      expect(Math.abs(s.data.count - 20_000 * x)).toBeLessThanOrEqual(4 * sd(20_000));
      perFunction(s).forEach((c, f) => {
        const n = perFunction(t)[f] as number;
        expect(Math.abs(c - n * x)).toBeLessThanOrEqual(4 * sd(n));
      });
      expect(sorted(s.data)).toBe(true);
      // the window keeps the trace's own extent
      expect(s.info.firstMs).toBe(t.info.firstMs);
    }
  });

  test('fractional X above 1: ⌊X⌋ copies plus one kept with probability X − ⌊X⌋', () => {
    const t = sample(20_000);
    const s = transformTrace(t, scale(2.25), 4);
    // 2 × 20,000 + Binomial(20,000, 0.25): mean 45,000, σ = √(20,000 × 0.25 × 0.75) ≈ 61
    expect(Math.abs(s.data.count - 45_000)).toBeLessThanOrEqual(4 * Math.sqrt(20_000 * 0.25 * 0.75));
  });

  test('a scale that keeps nothing is an error, not an empty run', () => {
    expect(() =>
      transformTrace(
        traceOf([
          { t: 0, run: 1 },
          { t: 5, run: 1 },
        ]),
        scale(1e-9),
        1,
      ),
    ).toThrow(/--traffic-scale 1e-9 kept none of the trace's 2 requests/);
  });
});

describe('traffic scale on simulate: 10× traffic meets the limits', () => {
  // 150 requests of one function, 10 ms apart (0 .. 1.49 s), each running 120 s: nothing finishes
  // before the last arrival, so every request served holds an instance to the end.
  const trace = (): string => {
    const lines = ['timestamp,function,duration_ms'];
    for (let i = 0; i < 150; i++)
      lines.push(
        `2026-01-05T10:00:${String(Math.floor(i / 100)).padStart(2, '0')}.${String((i % 100) * 10).padStart(3, '0')}Z,api,120000`,
      );
    return tmp.file('burst.csv', lines.join('\n') + '\n');
  };

  test('account limit: at 1× nothing is throttled; at 10× (1,500 requests) 1,000 run and 500 are throttled', async () => {
    const file = trace();
    const base = await json(['simulate', file]);
    expect([base.outcomes.requests, base.outcomes.throttledSync]).toEqual([150, 0]);
    // 1,500 requests within 2.5 s; Lambda's account limit is 1,000 concurrent and its scaling
    // bucket holds 1,000 new environments, so the first 1,000 start (cold) and the other 500 find the
    // account full: 429
    const x10 = await json(['simulate', file, '--traffic-scale', '10']);
    expect([x10.outcomes.requests, x10.outcomes.coldStarts, x10.outcomes.throttledSync]).toEqual([
      1500, 1000, 500,
    ]);
    expect(x10.trace.traffic[0]).toMatch(
      /^--traffic-scale 10: each request 10 times; extra copies delayed uniformly by 0..1 s/,
    );
  });

  test('scaling rate: with the account limit raised, 10 exact copies per instant drain the 1,000-token bucket', async () => {
    // --concurrency-limit 3000 takes the account limit out. 10:0 = copies without delay: 10 requests
    // at each of the 150 instants k = 0..149 (t = 10k ms). The bucket starts with 1,000 tokens and
    // refills 1,000 per 10 s = 1 token per 10 ms, so after instant k it holds 1,000 − 10(k+1) + k =
    // 990 − 9k: at k = 110 it has 990 − 9 × 109 + 1 = 10 before, 0 after. From k = 111 to 149 (39
    // instants) 1 token is there per instant: 1 served, 9 throttled. Served 111 × 10 + 39 = 1,149;
    // throttled 39 × 9 = 351.
    const r = await json(['simulate', trace(), '--traffic-scale', '10:0', '--concurrency-limit', '3000']);
    expect([r.outcomes.requests, r.outcomes.coldStarts, r.outcomes.throttledSync]).toEqual([1500, 1149, 351]);
    // with the default 0..1 s delays the copies spread over 2.5 s: 1,000 tokens plus at most 249
    // refilled ones, so between 1,500 − 1,249 = 251 and 500 are throttled
    const j = await json(['simulate', trace(), '--traffic-scale', '10', '--concurrency-limit', '3000']);
    expect(j.outcomes.throttledSync).toBeGreaterThanOrEqual(251);
    expect(j.outcomes.throttledSync).toBeLessThanOrEqual(500);
  });

  test('sweep and compare read the same transformed trace (loadTrace); simulate streams it', async () => {
    const file = trace();
    const loaded = await loadTrace(file, { traffic: scale(3), spreadSeed: 1 });
    expect(loaded.info.rows).toBe(450);
    const config: SimulationConfig = { ...DEFAULT_CONFIG, functions: {} };
    const streamed = await simulateFile(file, { traffic: scale(3) }, config);
    expect(streamed.trace.requests).toBe(450);
    const sweep: string[] = [];
    const code = await runCli(
      [
        'node',
        'faasim',
        'sweep',
        file,
        '--memory',
        '128,256',
        '--traffic-scale',
        '3',
        '--workers',
        '1',
        '--format',
        'json',
      ],
      { out: (s) => void sweep.push(s), err: () => {} },
    );
    expect(code).toBe(0);
    expect(sweep.join('')).toContain('"requests": 450');
  });
});

describe('--time-shift and --start', () => {
  test('--time-shift moves every arrival: the report and the wall clock move, the outcomes do not', async () => {
    const file = tmp.file(
      't.csv',
      'timestamp,duration_ms\n2026-01-05T10:00:00Z,100\n2026-01-05T10:00:30Z,100\n2026-01-05T10:20:00Z,100\n',
    );
    const a = await json(['simulate', file]);
    const b = await json(['simulate', file, '--time-shift', '-2h']);
    expect([b.trace.firstIso, b.trace.lastIso]).toEqual([
      '2026-01-05T08:00:00.000Z',
      '2026-01-05T08:20:00.000Z',
    ]);
    expect(b.outcomes).toEqual(a.outcomes);
    // against a provisioned schedule on the clock: one instance from 09:00 to 09:30 UTC; shifted to
    // 09:05..09:25 every request finds it warm; at 08:00..08:20 the trace runs before the schedule, cold
    const sched = tmp.file(
      's.json',
      JSON.stringify({
        provisioned: {
          kind: 'schedule',
          base: 0,
          actions: [
            { cron: 'cron(0 9 * * ? *)', level: 1 },
            { cron: 'cron(30 9 * * ? *)', level: 0 },
          ],
          allocationDelay: '0s',
        },
      }),
    );
    const at9 = await json(['simulate', file, '--scenario', sched, '--time-shift', '-55m']); // 09:05 .. 09:25
    const at8 = await json(['simulate', file, '--scenario', sched, '--time-shift', '-2h']);
    expect(at9.outcomes.servedCold).toBe(0);
    expect(at8.outcomes.servedCold).toBeGreaterThan(0);
  });

  test("--start 0 opens the window at a relative trace's time 0; --start ISO at that instant", async () => {
    // relative seconds 30, 45, 100: by default the window is 30 .. 100 s (70 s); from 0 it is 100 s
    const rel = tmp.file('r.csv', 'timestamp,duration_ms\n30,100\n45,100\n100,100\n');
    expect((await json(['simulate', rel, '--time-unit', 's'])).trace.spanMs).toBe(70_000);
    const from0 = await json(['simulate', rel, '--time-unit', 's', '--start', '0']);
    expect([from0.trace.spanMs, from0.trace.spanSource]).toEqual([100_000, 'from --start']);
    const iso = tmp.file(
      'i.csv',
      'timestamp,duration_ms\n2026-01-05T10:00:00Z,100\n2026-01-05T10:00:30Z,100\n',
    );
    const r = await json(['simulate', iso, '--start', '2026-01-05T09:00:00Z']);
    // 09:00 .. 10:00:30 = 3,630 s
    expect([r.trace.spanMs, r.trace.firstIso]).toEqual([3_630_000, '2026-01-05T09:00:00.000Z']);
    // a provisioned instance is billed from the window start: an hour more of it before the first request
    const p = await json(['simulate', iso, '--start', '2026-01-05T09:00:00Z', '--provisioned', '1']);
    const q = await json(['simulate', iso, '--provisioned', '1']);
    expect(p.cost.spanUsd).toBeGreaterThan(q.cost.spanUsd);
  });

  test('a scenario file says the same: trafficScale, timeShift, start', async () => {
    const iso = tmp.file(
      'i.csv',
      'timestamp,duration_ms\n2026-01-05T10:00:00Z,100\n2026-01-05T10:00:30Z,100\n',
    );
    const scenario = tmp.file(
      's.json',
      JSON.stringify({ trace: iso, trafficScale: '2:0', timeShift: '5m', start: '2026-01-05T09:00:00Z' }),
    );
    const r = await json(['simulate', '--scenario', scenario]);
    // 2 × 2 requests; the window from 09:00 to the last (shifted) request at 10:05:30: 3,930 s
    expect([r.trace.requests, r.trace.firstIso, r.trace.lastIso, r.trace.spanMs]).toEqual([
      4,
      '2026-01-05T09:00:00.000Z',
      '2026-01-05T10:05:30.000Z',
      3_930_000,
    ]);
    expect(r.trace.traffic).toEqual([
      '--traffic-scale 2: each request 2 times; copies at the same instant',
      '--time-shift 5 min: every arrival moved by it',
      '--start 2026-01-05T09:00:00Z: the window opens then',
    ]);
  });

  test('bad --start and --time-shift values are errors with exit 2', async () => {
    const rel = tmp.file('r.csv', 'timestamp,duration_ms\n30,100\n45,100\n');
    const iso = tmp.file(
      'i.csv',
      'timestamp,duration_ms\n2026-01-05T10:00:00Z,100\n2026-01-05T10:00:30Z,100\n',
    );
    const run = async (args: string[]): Promise<[number, string]> => {
      const err: string[] = [];
      const out: string[] = [];
      const code = await runCli(['node', 'faasim', 'simulate', ...args], {
        out: (s) => void out.push(s),
        err: (s) => void err.push(s),
      });
      expect(out.join('')).toBe('');
      return [code, err.join('')];
    };
    expect(await run([iso, '--start', '2026-01-05T11:00:00Z'])).toEqual([
      2,
      `faasim: ${iso}: --start is after the first request (2026-01-05T10:00:00.000Z); the window must open at or before it\n`,
    ]);
    expect((await run([iso, '--start', '0']))[1]).toMatch(
      /--start 0 is the trace's own time 0, but this trace's times are on the clock/,
    );
    expect((await run([rel, '--time-unit', 's', '--start', '2026-01-05T09:00:00Z']))[1]).toMatch(
      /this trace's times are relative/,
    );
    expect((await run([iso, '--start', 'yesterday']))[1]).toMatch(
      /--start "yesterday" is not 0 \(the trace's time 0\) or an ISO 8601 time/,
    );
    expect((await run([iso, '--time-shift', 'soon']))[1]).toMatch(
      /--time-shift "soon" is not a duration such as 2h or -30m/,
    );
    expect((await run([iso, '--traffic-scale', '-2']))[1]).toMatch(
      /--traffic-scale "-2" is not a positive factor/,
    );
  });
});

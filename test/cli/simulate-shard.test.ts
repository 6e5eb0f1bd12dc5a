/**
 * `simulate --shard I/N` + `faasim merge` (src/run/shard.ts, src/run/simulate-shard.ts): the shards of
 * a run with `--rng-streams function` merge to the single run's report byte for byte, and whatever
 * cannot be merged exactly is refused with one line (exit 2): before the trace is read when the
 * configuration says so, at the merge when the run did (the account limit, 0 ms runs where another shard changes the count).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider, providerIds } from '../../src/providers/registry.js';
import { settingsOf } from '../../src/run/settings.js';
import { SHARDABLE_METERS, simulateShardBlockers } from '../../src/run/shard.js';
import type { SimulateShard } from '../../src/run/simulate-shard.js';
import { fromExactJson, toExactJson } from '../../src/util/exact-json.js';
import { cli } from '../helpers/cli.js';
import { shards } from '../helpers/simulate-shards.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const FN = ['--rng-streams', 'function'];

describe('simulate --shard and merge: the single run, byte for byte', () => {
  let dir: string;
  let trace: string;
  beforeAll(async () => {
    dir = tempDir();
    // 7 functions sharing 5 requests a second by Zipf weights over 20 minutes (about 6,000 requests)
    const g = await cli(['generate', '--rate', '5', '--span', '20m', '--functions', '7', '--seed', '3']);
    expect(g.code).toBe(0);
    trace = writeTemp('trace.csv', g.stdout, dir);
  });

  const CASES: [string, string[]][] = [
    ['defaults', []],
    ['free tier, 512 MB, arm64', ['--free-tier', '--memory', '512', '--arch', 'arm64']],
    [
      'provisioned, pings, random routing, a keep-alive range, a lognormal INIT, 3 functions listed',
      [
        '--provisioned',
        '1',
        '--pings',
        '5m:2',
        '--routing',
        'random',
        '--keep-alive',
        '5m..7m',
        '--init',
        'lognormal:250ms:900ms',
        '--functions',
        '3',
      ],
    ],
    ['drawn run times', ['--duration', 'lognormal:100ms:2s', '--duration-override']],
  ];
  for (const [name, args] of CASES) {
    test(`${name}: 2, 3 and 4 shards merge to the single run's json and table`, async () => {
      const run = [trace, ...FN, ...args];
      const single = await cli(['simulate', ...run, '--format', 'json']);
      expect(single.code).toBe(0);
      const table = await cli(['simulate', ...run]);
      for (const n of [2, 3, 4]) {
        const files = await shards(dir, run, n);
        const merged = await cli(['merge', ...files.reverse(), '--format', 'json']);
        expect(merged.stderr).toBe('');
        expect(merged.stdout, `${n} shards`).toBe(single.stdout);
        if (n === 3) expect((await cli(['merge', ...files])).stdout).toBe(table.stdout);
      }
    });
  }

  test('the mode is stated, and a function run alone gets the figures it gets among others', async () => {
    // one window for both runs, so that time-weighted figures cover the same span
    const window = ['--start', '2026-01-05T00:00:00Z', '--span', '21m'];
    const single = JSON.parse((await cli(['simulate', trace, ...FN, ...window, '--format', 'json'])).stdout);
    expect(single.assumptions).toContain(
      "random draws: each function has its own streams (--rng-streams function), and keeps its latencies exact up to 10,000 samples of each kind, so its figures do not depend on the other functions' traffic",
    );
    // the same trace with only its first function's rows: that function's figures are unchanged
    const rows = readFileSync(trace, 'utf8').trim().split('\n');
    const first = single.trace.functions[0] as string;
    const mine = [rows[0], ...rows.filter((r) => r.split(',')[1] === first)];
    const alone = writeTemp('alone.csv', `${mine.join('\n')}\n`, dir);
    const a = JSON.parse((await cli(['simulate', alone, ...FN, ...window, '--format', 'json'])).stdout);
    expect(a.functions[0]).toEqual(single.functions.find((f: { name: string }) => f.name === first));
  });
});

describe('hand-computed: the peak across shards is the peak of the sum, not the sum of peaks', () => {
  // a at 0 ms and b at `bAt` ms, each a cold start of 200 ms INIT and 100 ms run: a is in flight
  // over [0, 300), b over [bAt, bAt + 300)
  const run = async (
    bAt: number,
    limit: number,
  ): Promise<{ single: string; merged: string; code: number; err: string }> => {
    const dir = tempDir();
    const t = writeTemp('t.csv', `timestamp,function,duration_ms\n0,a,100\n${bAt},b,100\n`, dir);
    const args = [
      t,
      ...FN,
      '--time-unit',
      'ms',
      '--init',
      '200ms',
      '--concurrency-limit',
      String(limit),
      '--span',
      '1h',
    ];
    const single = await cli(['simulate', ...args, '--format', 'json']);
    const merged = await cli(['merge', ...(await shards(dir, args, 2)), '--format', 'json']);
    return { single: single.stdout, merged: merged.stdout, code: merged.code, err: merged.stderr };
  };

  test('overlapping: 2 in flight over [50, 300) ms; apart: 1 in flight, but 2 alive (a kept alive)', async () => {
    const over = await run(50, 1000);
    expect(over.merged).toBe(over.single);
    const o = JSON.parse(over.merged).outcomes;
    expect([o.peakConcurrency, o.peakInstances]).toEqual([2, 2]);
    const apart = await run(1000, 1000);
    expect(apart.merged).toBe(apart.single);
    const p = JSON.parse(apart.merged).outcomes;
    // a's instance is idle but alive (keep-alive: minutes) when b starts at 1000 ms
    expect([p.peakConcurrency, p.peakInstances]).toEqual([1, 2]);
  });

  test('the account limit: peaks 1 + 1 ≤ 2 merge; above it (limit 1) the merge refuses, though b never overlaps a', async () => {
    const atLimit = await run(50, 2);
    expect(atLimit.code).toBe(0);
    expect(atLimit.merged).toBe(atLimit.single);
    // apart, the whole run is never refused, but the shards cannot know when the other's instance ran
    const over = await run(1000, 1);
    expect(over.code).toBe(2);
    expect(over.err).toBe(
      "faasim: the account concurrency limit may have bound: the shards' peaks add up to 2 instances counted toward it, above the 1 it leaves them; run whole or raise --concurrency-limit\n",
    );
  });
});

describe('runs of 0 ms: exact where no other shard changes the count at that instant', () => {
  test('hand-computed: a 0 ms request while another function runs makes the peak 2', async () => {
    // a: cold at 0 ms (200 ms INIT + 100 ms run), in flight over [0, 300); b: cold at 1,000 ms, 5 s
    // run, in flight over [1000, 6200); a again at 2,000 ms on its warm instance, 0 ms: it begins and
    // ends at 2,000 ms. Apart from it the two never overlap (peak 1); the single run counts the 0 ms
    // request as in flight beside b at that instant: 1 + 1 = 2. Shard 1 (a) records the instant's rise
    // (1, from its level 0 before), shard 2 (b) has no change at 2,000 ms: b's level 1 + 0 + 1 = 2.
    const dir = tempDir();
    const t = writeTemp('t.csv', 'timestamp,function,duration_ms\n0,a,100\n1000,b,5000\n2000,a,0\n', dir);
    const args = [t, ...FN, '--time-unit', 'ms', '--init', '200ms', '--span', '1h'];
    const single = await cli(['simulate', ...args, '--format', 'json']);
    const files = await shards(dir, args, 2);
    const merged = await cli(['merge', ...files, '--format', 'json']);
    expect(merged.stderr).toBe('');
    expect(merged.stdout).toBe(single.stdout);
    const o = JSON.parse(merged.stdout).outcomes;
    expect([o.peakConcurrency, o.peakInstances]).toEqual([2, 2]);
    const a = fromExactJson(readFileSync(files[0] as string, 'utf8')) as SimulateShard;
    expect(a.run.account.inFlight.mixed).toEqual({ at: Int32Array.from([2]), rise: Int32Array.from([1]) });
  });

  test('Azure 2019, 3 functions × 10 minutes with runs of 0 ms: 2 and 3 shards merge to the single run', async () => {
    const dir = tempDir();
    const fx = 'test/fixtures/azure2019-3fn-10min';
    const args = [join(fx, 'invocations.csv'), '--durations', join(fx, 'durations.csv'), ...FN];
    const single = await cli(['simulate', ...args, '--format', 'json']);
    expect(single.code).toBe(0);
    for (const n of [2, 3]) {
      const files = await shards(dir, args, n, `azure-${n}`);
      // the shards do hold instants where a request began and ended (else this proves nothing)
      const mixed = files.reduce((sum, f) => {
        const s = fromExactJson(readFileSync(f, 'utf8')) as SimulateShard;
        return sum + (s.run.account.inFlight.mixed?.at.length ?? 0);
      }, 0);
      expect(mixed, `${n} shards`).toBeGreaterThan(0);
      const merged = await cli(['merge', ...files, '--format', 'json']);
      expect(merged.stderr).toBe('');
      expect(merged.stdout, `${n} shards`).toBe(single.stdout);
    }
  });
});

describe('refusals', () => {
  const trace = (): string =>
    writeTemp(
      't.csv',
      'timestamp,function,duration_ms\n2026-01-05T00:00:00Z,a,100\n2026-01-05T00:00:01Z,b,100\n2026-01-05T00:00:02Z,a,100\n',
      tempDir(),
    );

  test('before the trace is read, naming every reason that applies', async () => {
    // the trace does not exist: the refusal comes first, so no work is done
    const r = await cli([
      'simulate',
      'no-such-trace.csv',
      '--shard',
      '1/2',
      '--provider',
      'gcp-cloud-run',
      '--provisioned',
      'auto',
      '--routing',
      'random',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^faasim: --shard: this simulate cannot be split by function/);
    expect(r.stderr).toContain('it needs --rng-streams function');
    expect(r.stderr).toContain('a provisioned level that changes');
    expect(r.stderr).toContain(
      "--routing random on Google Cloud Run: a queued request is offered again, at every completion of any function, to its function's instances with a free slot (where it may not fit in memory), and each offer draws from its function's routing stream",
    );
    expect(r.stderr).not.toContain('billing meter');
  });

  test('flags that belong to the merge or to one run; a bad I/N', async () => {
    const t = trace();
    const table = await cli(['simulate', t, ...FN, '--shard', '1/2', '--format', 'table']);
    expect(table.code).toBe(2);
    expect(table.stderr).toContain('--format table is not for a shard');
    const reps = await cli(['simulate', t, ...FN, '--shard', '1/2', '--replicates', '3']);
    expect(reps.stderr).toContain('--replicates is not for a shard');
    const bad = await cli(['simulate', t, ...FN, '--shard', '3/2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--shard "3\/2": I must be from 1 to 2/);
  });

  test('the providers refused for their meter are those without exportState; the message lists the others', () => {
    const shardable: string[] = [];
    for (const id of providerIds()) {
      const p = getProvider(id).load(defaultPricingDir());
      const reasons = simulateShardBlockers({ ...DEFAULT_CONFIG, provider: id, rngStreams: 'function' }, p);
      const meter = p.createMeter(settingsOf({ ...DEFAULT_CONFIG, provider: id }), () => 128);
      if (meter.exportState !== undefined && meter.importStates !== undefined) shardable.push(p.label);
      else
        expect(reasons.join(' '), id).toContain(
          `the billing meter of ${p.label} keeps no state a merge could add up and bill again (tiers and free tier apply to the account's totals); shardable: ${SHARDABLE_METERS}`,
        );
    }
    expect(shardable.join(', ')).toBe(SHARDABLE_METERS);
    // AWS Lambda and Google's two platforms at their defaults: nothing else stands in the way
    for (const id of ['aws-lambda', 'gcp-cloud-run', 'gcp-functions-gen1'])
      expect(
        simulateShardBlockers(
          { ...DEFAULT_CONFIG, provider: id, rngStreams: 'function' },
          getProvider(id).load(defaultPricingDir()),
        ),
        id,
      ).toEqual([]);
  });

  test('the merge: another trace, version, settings or N, a shard twice or missing, an edited shard', async () => {
    const dir = tempDir();
    const t = trace();
    const [a, b] = await shards(dir, [t, ...FN], 2);
    const t2 = writeTemp('t2.csv', readFileSync(t, 'utf8').replace(/100\n$/, '101\n'), dir);
    const [, b2] = await shards(dir, [t2, ...FN], 2, 'other-trace');
    const [, b3] = await shards(dir, [t, ...FN, '--memory', '256'], 2, 'other-memory');
    const [c3] = await shards(dir, [t, ...FN], 3, 'three');
    const older = join(dir, 'older.json');
    writeFileSync(older, readFileSync(b as string, 'utf8').replace(/"faasim":"[^"]*"/, '"faasim":"0.0.1"'));
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, readFileSync(b as string, 'utf8').replace('"functions":[1]', '"functions":[0]'));
    const cases: [string[], RegExp][] = [
      [
        [a as string, b2 as string],
        /other-trace-2-of-2\.json: simulated another trace than .*s-1-of-2\.json/,
      ],
      [[a as string, older], /older\.json: written by faasim 0\.0\.1, but .* by faasim /],
      [[a as string, b3 as string], /other-memory-2-of-2\.json: simulated with other settings than/],
      [[a as string, c3 as string], /three-1-of-3\.json: shard 1\/3, but .* is one of 2/],
      [[a as string, a as string], /shard 1\/2 again/],
      [[a as string], /shard 2\/2 missing/],
      [[a as string, edited], /edited\.json: function 0 does not belong to shard 2\/2/],
      [[a as string, b as string, '--html', join(dir, 'x.html')], /--html: the page's charts over time/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['merge', ...args, '--format', 'json']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect((await cli(['merge', a as string, b as string, '--format', 'json'])).code).toBe(0);
  });

  test("a shard whose run lacks a listed function's metrics, latencies or meter state, or counts other requests, is refused by name", async () => {
    // t.csv: a, b, a; shard 2/2 runs function b (trace index 1), 1 request of the 3
    const dir = tempDir();
    const t = trace();
    const [a, b] = await shards(dir, [t, ...FN], 2);
    const damaged = (name: string, edit: (run: Record<string, unknown>) => void): string => {
      const s = fromExactJson(readFileSync(b as string, 'utf8')) as { run: Record<string, unknown> };
      expect(s.run['functions']).toEqual([1]);
      edit(s.run);
      return writeTemp(`${name}.json`, toExactJson(s), dir);
    };
    type M = { count: number; records: Float64Array; warm: unknown[] };
    const metrics = (run: Record<string, unknown>): M => run['metrics'] as M;
    const cases: [string, string][] = [
      [damaged('emptied', (run) => (run['metrics'] = {})), 'run has no metrics.count'],
      [
        damaged('no-records', (run) => {
          const m = metrics(run);
          m.count = 0;
          m.records = new Float64Array(0);
        }),
        'run.metrics holds 0 functions, but the shard lists 1 (run.functions)',
      ],
      [
        damaged('short-records', (run) => (metrics(run).records = new Float64Array(3))),
        'run.metrics.records holds 3 numbers, not 1 function × 32',
      ],
      [
        damaged('no-latency', (run) => (metrics(run).warm = [])),
        "run.metrics.warm holds 0 functions' latencies, but the shard lists 1 (run.functions)",
      ],
      [damaged('no-meter', (run) => (run['meter'] = {})), 'run.meter is empty'],
      [
        damaged('meter-records', (run) => ((run['meter'] as { count: number }).count = 0)),
        'run.meter holds records of 0 functions, but the shard lists 1 (run.functions)',
      ],
    ];
    for (const [file, message] of cases) {
      const r = await cli(['merge', a as string, file, '--format', 'csv']);
      expect(r.code, file).toBe(2);
      expect(r.stderr).toBe(`faasim: ${file}: ${message}\n`);
    }
    // b's one request zeroed (offset 13 of its record): 2 requests counted where the trace has 3 rows
    const zeroed = damaged('zeroed', (run) => {
      metrics(run).records[13] = 0;
    });
    const r = await cli(['merge', a as string, zeroed, '--format', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: ${a}, ${zeroed}: the shards' metrics count 2 requests, but the trace has 3 rows (a shard was edited?)\n`,
    );
  });

  test('a run of 0 ms at an instant another shard changes the same count: the merge refuses, naming both', async () => {
    const dir = tempDir();
    // at 500 ms a's warm request begins and ends (0 ms) and b's cold request begins: whether b comes
    // before or after a's end decides whether the peak there is 2 or 1, and no shard sees the other
    const t = writeTemp('t.csv', 'timestamp,function,duration_ms\n0,a,100\n500,a,0\n500,b,100\n', dir);
    const files = await shards(dir, [t, ...FN, '--time-unit', 'ms', '--init', '200ms', '--span', '1h'], 2);
    const r = await cli(['merge', ...files, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: at 500 ms a request ended at the instant one began (a run of 0 ms) while ${files[0]}, ${files[1]} each changed that count: the order of their events within the instant decides the peak, which no shard sees; run simulate whole\n`,
    );
  });

  test('equal longest runs past the timeout at two sizes in two shards: the merge cannot name the first', async () => {
    const dir = tempDir();
    // a (256 MB) and b (128 MB) each run 1,000 s, past Lambda's 900 s; the single run names a's size
    const t = writeTemp('t.csv', 'timestamp,function,duration_ms\n0,a,1000000\n1000,b,1000000\n', dir);
    const scenario = writeTemp('s.json', '{"functions": {"a": {"memoryMb": 256}}}', dir);
    const args = [t, ...FN, '--scenario', scenario, '--time-unit', 'ms', '--span', '1h'];
    const single = JSON.parse((await cli(['simulate', ...args, '--format', 'json'])).stdout);
    expect(single.overTimeout).toEqual({
      timeoutMs: 900_000,
      requests: 2,
      longestRunMs: 1_000_000,
      atMemoryMb: 256,
    });
    const r = await cli(['merge', ...(await shards(dir, args, 2)), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('share the longest run past the timeout at 256 MB and 128 MB');
    // b runs 1 ms less: the extreme is a's alone, and the merge is the single run
    const t2 = writeTemp('t2.csv', 'timestamp,function,duration_ms\n0,a,1000000\n1000,b,999999\n', dir);
    const args2 = [t2, ...args.slice(1)];
    const merged = await cli(['merge', ...(await shards(dir, args2, 2, 'apart')), '--format', 'json']);
    expect(merged.stdout).toBe((await cli(['simulate', ...args2, '--format', 'json'])).stdout);
  });

  test("shards given copies of the trace at other paths merge; the report names shard 1's path", async () => {
    const dir = tempDir();
    const t = trace();
    const copy = writeTemp('copy.csv', readFileSync(t, 'utf8'), dir);
    const [one] = await shards(dir, [t, ...FN], 2, 'first');
    const [, two] = await shards(dir, [copy, ...FN], 2, 'copy');
    const merged = JSON.parse(
      (await cli(['merge', two as string, one as string, '--format', 'json'])).stdout,
    );
    expect(merged.trace.file).toBe(t);
  });
});

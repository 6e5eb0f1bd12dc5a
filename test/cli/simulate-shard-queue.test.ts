/**
 * `simulate --shard` on platforms that queue requests for capacity (Google Cloud Run, Cloud Functions
 * 1st gen): a function's queue holds only its own requests and waits only for its own capacity, so
 * the shards merge to the single run byte for byte while requests queue (and while the requests on an
 * instance share its CPU); and the cases where offering a queue's head again would change something
 * are refused (src/run/shard.ts queueBlockers).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { awsLambda } from '../../src/providers/aws-lambda/index.js';
import { registerProvider } from '../../src/providers/registry.js';
import type { Provider } from '../../src/providers/types.js';
import { cli } from '../helpers/cli.js';
import { shards, singleAndMerged } from '../helpers/simulate-shards.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const FN = ['--rng-streams', 'function'];

describe('queued requests: 2, 3 and 4 shards merge to the single run', () => {
  let dir: string;
  let trace: string;
  beforeAll(async () => {
    dir = tempDir();
    // 7 functions sharing 10 requests a second by Zipf weights over 5 minutes (about 3,000 requests)
    const g = await cli(['generate', '--rate', '10', '--span', '5m', '--functions', '7', '--seed', '5']);
    expect(g.code).toBe(0);
    trace = writeTemp('trace.csv', g.stdout, dir);
  });

  const CASES: [string, string[]][] = [
    // 256 MB: under 1 vCPU, one request per instance, at most one instance: the busiest functions queue
    ['Cloud Run, one instance per function', ['--provider', 'gcp-cloud-run', '--max-instances', '1']],
    [
      'Cloud Run, instance-based billing, free tier, a minimum instance, one instance of 2 requests',
      [
        '--provider',
        'gcp-cloud-run',
        '--memory',
        '2048',
        '--billing',
        'instance',
        '--free-tier',
        '--provisioned',
        '1',
        '--per-instance-concurrency',
        '2',
        '--max-instances',
        '1',
      ],
    ],
    [
      'Cloud Functions 1st gen, random routing, free tier, a minimum instance, keep-alive 30 s',
      [
        '--provider',
        'gcp-functions-gen1',
        '--max-instances',
        '2',
        '--routing',
        'random',
        '--free-tier',
        '--provisioned',
        '1',
        '--keep-alive',
        '30s',
      ],
    ],
    [
      'Cloud Run, the CPU of one instance shared by its 3 requests in flight',
      [
        '--provider',
        'gcp-cloud-run',
        '--memory',
        '2048',
        '--per-instance-concurrency',
        '3',
        '--max-instances',
        '1',
        '--cpu-fraction',
        '0.5',
        '--routing',
        'least-recent',
      ],
    ],
  ];
  for (const [name, args] of CASES) {
    test(name, async () => {
      const { single, merged } = await singleAndMerged(dir, [trace, ...FN, ...args], name.slice(0, 9));
      // requests did wait (else this proves nothing), and some waited longer than others
      const q = JSON.parse(single).queueing;
      expect(q.servedAfterWait).toBeGreaterThan(100);
      expect(q.wait.maxMs).toBeGreaterThan(q.wait.p50Ms);
      for (const [n, out] of merged) expect(out, `${n} shards`).toBe(single);
      if (args.includes('--cpu-fraction'))
        expect(JSON.parse(single).assumptions.join('\n')).toContain(
          'CPU sharing: with n requests on an instance',
        );
    });
  }

  test("the bundled Azure trace (2 functions; 3 and 4 shards leave shards empty) on Google's platforms", async () => {
    const d = tempDir();
    for (const p of ['gcp-cloud-run', 'gcp-functions-gen1']) {
      // its api function's runs of 0 ms would meet the other shard's changes at some instant (a merge
      // refusal of its own, tested in simulate-shard.test.ts): run times drawn instead
      const args = [
        'scenarios/traces/azure-2fn-2h.csv',
        ...FN,
        '--provider',
        p,
        '--max-instances',
        '1',
        '--duration',
        'lognormal:200ms:2s',
        '--duration-override',
      ];
      const { single, merged } = await singleAndMerged(d, args, p);
      expect(JSON.parse(single).queueing.servedAfterWait, p).toBeGreaterThan(0);
      for (const [n, out] of merged) expect(out, `${p}: ${n} shards`).toBe(single);
    }
  });
});

describe('refused: an offer of a queued request that changes something', () => {
  test('random routing where instances share memory (Cloud Run), not where they do not (1st gen)', async () => {
    const args = ['no-such.csv', ...FN, '--routing', 'random', '--shard', '1/2', '--format', 'json'];
    const run = await cli(['simulate', ...args, '--provider', 'gcp-cloud-run']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--routing random on Google Cloud Run: a queued request is offered again');
    // 1st gen passes the check and fails only for the missing trace
    const gen1 = await cli(['simulate', ...args, '--provider', 'gcp-functions-gen1']);
    expect(gen1.code).toBe(2);
    expect(gen1.stderr).not.toContain('--shard');
  });
});

describe('the account limit on a platform with a queue: a request that waited for it', () => {
  // AWS Lambda with a 10 s queue for capacity instead of its immediate 429 and no scale-out rate: no
  // built-in platform has both a queue and an account limit one can set (Google's and Azure's have none)
  const queued: Provider = {
    ...awsLambda,
    id: 'test-queued-lambda',
    load(dir) {
      const p = awsLambda.load(dir);
      return {
        ...p,
        id: 'test-queued-lambda',
        label: 'a queued Lambda',
        platformDefaults: (s) => ({
          ...p.platformDefaults(s),
          scaling: null,
          syncQueue: { minMs: 10_000, initMultiple: 0 },
        }),
      };
    },
  };
  let unregister: () => void = () => {};
  beforeAll(() => {
    unregister = registerProvider(queued);
  });
  afterAll(() => unregister());

  test('b waits for a to finish (limit 1): no shard is refused an instance, yet the merge refuses', async () => {
    // a: cold at 0 ms, 200 ms INIT + 100 ms run, busy over [0, 300); b arrives at 100 ms, finds the one
    // instance the limit allows busy, waits, and starts at 300 ms when a completes (wait 200 ms).
    // Alone in its shard, b would start at once: the shards' peaks 1 + 1 exceed the limit of 1.
    const dir = tempDir();
    const t = writeTemp('t.csv', 'timestamp,function,duration_ms\n0,a,100\n100,b,100\n', dir);
    const args = [t, ...FN, '--provider', 'test-queued-lambda', '--time-unit', 'ms', '--init', '200ms'];
    const limit = ['--concurrency-limit', '1', '--span', '1h'];
    const single = JSON.parse((await cli(['simulate', ...args, ...limit, '--format', 'json'])).stdout);
    expect(single.queueing.servedAfterWait).toBe(1);
    expect(single.queueing.wait.maxMs).toBe(200);
    expect(single.outcomes.throttledSync).toBe(0);
    const files = await shards(dir, [...args, ...limit], 2);
    const r = await cli(['merge', ...files, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "faasim: the account concurrency limit may have bound: the shards' peaks add up to 2 instances counted toward it, above the 1 it leaves them; run whole or raise --concurrency-limit\n",
    );
    // with room for both (limit 2) nothing waits, and the merge is the single run
    const { single: whole, merged } = await singleAndMerged(
      dir,
      [...args, '--concurrency-limit', '2', '--span', '1h'],
      'room',
      [2],
    );
    expect(JSON.parse(whole).queueing.servedAfterWait).toBe(0);
    expect(merged.get(2)).toBe(whole);
  });
});

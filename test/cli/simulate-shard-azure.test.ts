/**
 * `simulate --shard` on Azure Functions, whose functions share their app's instances (Consumption) or
 * their app's trigger group's (Flex Consumption): a shard runs whole scaling groups, each with the
 * shard of its first function (Run.shardOwnerOf), and the merge is the single run byte for byte;
 * what cannot merge exactly is refused (a request that queued on a platform with a scale-out rate).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { shards, singleAndMerged } from '../helpers/simulate-shards.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const FN = ['--rng-streams', 'function'];

/**
 * A generated trace with an app and a trigger per function: fn-0..fn-3 in app A, fn-4..fn-6 in app B;
 * fn-3 and fn-6 queue-triggered, the others HTTP (Flex: A's HTTP functions fn-0..2 scale as one
 * group, B's fn-4 and fn-5 as another, fn-3 and fn-6 alone).
 */
async function appTrace(dir: string, rate: string, span: string, tag: string): Promise<string> {
  const g = await cli(['generate', '--rate', rate, '--span', span, '--functions', '7', '--seed', '3']);
  expect(g.code).toBe(0);
  const [head, ...rows] = g.stdout.trim().split('\n');
  const withApps = rows.map((r) => {
    const n = Number((r.split(',')[1] as string).slice(3));
    return `${r},${n < 4 ? 'A' : 'B'},${n === 3 || n === 6 ? 'queue' : 'http'}`;
  });
  return writeTemp(`${tag}.csv`, `${head},app,trigger\n${withApps.join('\n')}\n`, dir);
}

describe('Azure apps and scale groups: 2, 3 and 4 shards merge to the single run', () => {
  let dir: string;
  let calm: string;
  let busy: string;
  beforeAll(async () => {
    dir = tempDir();
    // 3 requests a second over 20 minutes (about 3,600): nothing waits for a scale-out on Consumption
    calm = await appTrace(dir, '3', '20m', 'calm');
    // 20 a second over 5 minutes: Consumption's one new instance a second makes requests wait
    busy = await appTrace(dir, '20', '5m', 'busy');
  });

  const expectMerged = async (args: string[], tag: string): Promise<Record<string, unknown>> => {
    const { single, merged } = await singleAndMerged(dir, args, tag);
    for (const [n, out] of merged) expect(out, `${tag}: ${n} shards`).toBe(single);
    return JSON.parse(single);
  };

  test('Consumption: functions grouped by app, with and without the free grant', async () => {
    for (const extra of [[], ['--free-tier', '--observed-memory', '300']]) {
      const single = await expectMerged([calm, ...FN, '--provider', 'azure-consumption', ...extra], 'cons');
      expect((single.assumptions as string[]).join('\n')).toContain('7 functions in 2 function apps');
      expect((single.queueing as { servedAfterWait: number }).servedAfterWait).toBe(0);
    }
  });

  test('Flex Consumption: trigger groups, requests queued at one instance each, always-ready HTTP instances', async () => {
    const single = await expectMerged(
      [
        calm,
        ...FN,
        '--provider',
        'azure-flex',
        '--max-instances',
        '1',
        '--per-instance-concurrency',
        '1',
        '--always-ready',
        'http=1',
      ],
      'flex',
    );
    expect((single.assumptions as string[]).join('\n')).toContain('7 functions in 4 sets of instances');
    expect((single.queueing as { servedAfterWait: number }).servedAfterWait).toBeGreaterThan(100);
    const lines = (single.cost as { lines: { id: string; monthlyUsd: number }[] }).lines;
    expect(lines.find((l) => l.id === 'provisioned-duration')?.monthlyUsd).toBeGreaterThan(0);
    // the busy trace, at Flex's defaults
    await expectMerged([busy, ...FN, '--provider', 'azure-flex'], 'flex-busy');
  });

  test('Azure 2019, 3 functions × 10 minutes (apps from the trace, runs of 0 ms, process memory): 2 and 3 shards', async () => {
    const fx = 'test/fixtures/azure2019-3fn-10min';
    for (const p of ['azure-consumption', 'azure-flex']) {
      const args = [
        join(fx, 'invocations.csv'),
        '--durations',
        join(fx, 'durations.csv'),
        ...FN,
        '--provider',
        p,
      ];
      const { single, merged } = await singleAndMerged(dir, args, `fx-${p}`, [2, 3]);
      for (const [n, out] of merged) expect(out, `${p}: ${n} shards`).toBe(single);
    }
  });

  test('Premium: apps with always-ready and pre-warmed instances, the plan minimum across apps', async () => {
    for (const extra of [[], ['--keep-alive', '30s', '--prewarmed', '2', '--memory', '7000']]) {
      const single = await expectMerged([calm, ...FN, '--provider', 'azure-premium', ...extra], 'prem');
      expect((single.assumptions as string[]).join('\n')).toContain('7 functions in 2 function apps');
    }
  });

  test('functions first seen after the first chunk (65,536 rows) join their app when made up front (Premium)', async () => {
    // f0 (app A) and f1 (app B) alternate for 66,000 rows, then f2 (app B) and f3 (app A) for 2,000:
    // Premium makes every function before the first row (one always-ready instance per app), so f2
    // and f3 must already know their apps, which only the first pass over the whole file saw.
    const iso = (ms: number): string => new Date(Date.UTC(2026, 0, 5) + ms).toISOString();
    const rows = ['timestamp,function,duration_ms,app'];
    for (let i = 0; i < 66_000; i++) rows.push(`${iso(i * 50)},f${i % 2},100,${i % 2 === 0 ? 'A' : 'B'}`);
    for (let i = 0; i < 2_000; i++)
      rows.push(`${iso((66_000 + i) * 50)},f${2 + (i % 2)},100,${i % 2 === 0 ? 'B' : 'A'}`);
    const late = writeTemp('late-apps.csv', `${rows.join('\n')}\n`, dir);
    const single = await expectMerged([late, ...FN, '--provider', 'azure-premium'], 'late');
    expect((single.assumptions as string[]).join('\n')).toContain('4 functions in 2 function apps');
    // the same bill as when the whole trace is read before the run (--sort)
    const sorted = JSON.parse(
      (await cli(['simulate', late, ...FN, '--provider', 'azure-premium', '--sort', '--format', 'json']))
        .stdout,
    );
    expect((single.cost as { monthlyUsd: number }).monthlyUsd).toBe(sorted.cost.monthlyUsd);
  });

  test('one app: every shard but one is empty, and the merge is still the single run', async () => {
    const one = writeTemp('one.csv', readFileSync(calm, 'utf8').replaceAll(',B,', ',A,'), dir);
    const single = await expectMerged([one, ...FN, '--provider', 'azure-consumption'], 'one-app');
    expect((single.assumptions as string[]).join('\n')).toContain('7 functions in 1 function app');
  });

  test('Consumption with requests waiting for a scale-out: the merge refuses, naming the shard and why', async () => {
    const args = [busy, ...FN, '--provider', 'azure-consumption'];
    const single = JSON.parse((await cli(['simulate', ...args, '--format', 'json'])).stdout);
    expect(single.queueing.servedAfterWait).toBeGreaterThan(0);
    const files = await shards(dir, args, 2, 'waited');
    const r = await cli(['merge', ...files, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^faasim: \S+waited-\d-of-2\.json: [\d,]+ requests? waited in a queue for capacity on Azure Functions Consumption, which limits its scale-out rate: a queued request is offered capacity again at every completion of any function, and each offer refills its scaling bucket at that instant, so its floating-point token count depends on other shards' completion times, which no shard sees; run simulate whole\n$/,
    );
  });

  test('a function moved out of its app’s shard (an edited shard) is refused, naming the group’s first', async () => {
    const args = [calm, ...FN, '--provider', 'azure-consumption'];
    const [a, b] = await shards(dir, args, 2, 'moved');
    const names = JSON.parse((await cli(['simulate', ...args, '--format', 'json'])).stdout).trace
      .functions as string[];
    // functions in trace order; app A's first function decides where every A function goes
    const appOf = (name: string): string => (Number(name.slice(3)) < 4 ? 'A' : 'B');
    const firstA = names.findIndex((n) => appOf(n) === 'A');
    const laterA = names.findIndex((n, g) => g > firstA && appOf(n) === 'A');
    const shardOfA = (firstA % 2) + 1;
    const other = shardOfA === 1 ? (b as string) : (a as string);
    const text = readFileSync(other, 'utf8');
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, text.replace(/"functions":\[(\d+)/, `"functions":[${laterA}`));
    const r = await cli([
      'merge',
      shardOfA === 1 ? (a as string) : edited,
      shardOfA === 1 ? edited : (b as string),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `edited.json: function ${laterA} does not belong to shard ${3 - shardOfA}/2 (its scaling group's first function is ${firstA})`,
    );
  });
});

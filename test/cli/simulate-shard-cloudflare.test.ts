/**
 * `simulate --shard` on Cloudflare Workers: its meter sums every request's run and CPU time in the
 * order they ran, across functions, so shards merge exactly only when every term is a whole number
 * of 1/1,024 ms (then any order gives the same sum); otherwise the shard is refused when it ends.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { singleAndMerged } from '../helpers/simulate-shards.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const FN = ['--rng-streams', 'function', '--provider', 'cloudflare-workers'];

describe('Cloudflare Workers shards', () => {
  let dir: string;
  let whole: string;
  beforeAll(async () => {
    dir = tempDir();
    // 7 functions, 3 requests a second over 20 minutes, run times rounded to whole ms
    const g = await cli(['generate', '--rate', '3', '--span', '20m', '--functions', '7', '--seed', '3']);
    expect(g.code).toBe(0);
    const [head, ...rows] = g.stdout.trim().split('\n');
    const rounded = rows.map((r) => {
      const [t, fn, ms] = r.split(',');
      return `${t},${fn},${Math.round(Number(ms))}`;
    });
    whole = writeTemp('whole.csv', `${head}\n${rounded.join('\n')}\n`, dir);
  });

  test('whole-ms run times, and half of them as CPU time: 2, 3 and 4 shards are the single run', async () => {
    for (const extra of [[], ['--cpu-fraction', '0.5']]) {
      const { single, merged } = await singleAndMerged(dir, [whole, ...FN, ...extra], `cf${extra.length}`);
      for (const [n, out] of merged) expect(out, `${extra.join(' ')}: ${n} shards`).toBe(single);
    }
  });

  test('a CPU time that is no whole number of 1/1,024 ms: the shard is refused when it ends', async () => {
    // 0.3 × 47 ms = 14.1 ms, which no binary fraction of a ms holds
    const r = await cli([
      'simulate',
      whole,
      ...FN,
      '--cpu-fraction',
      '0.3',
      '--shard',
      '1/2',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "faasim: --shard: Cloudflare Workers bills the CPU time of every function's requests summed in the order they ran, and some run or CPU time here is not a whole number of 1/1,024 ms, so a sum over shards could differ from one run's in the last bit; run simulate whole (a trace of whole-ms run and CPU times shards)\n",
    );
    // a trace's cpu_ms column of whole numbers shards, whatever the run times
    const t = writeTemp(
      'cpu.csv',
      'timestamp,function,duration_ms,cpu_ms\n0,a,12,3\n1000,b,7,7\n2000,a,30,10\n2500,c,4,1\n',
      dir,
    );
    const { single, merged } = await singleAndMerged(
      dir,
      [t, ...FN, '--time-unit', 'ms', '--span', '1h'],
      'cpu',
      [2, 3],
    );
    expect(JSON.parse(single).cost.lines.find((l: { id: string }) => l.id === 'cpu').quantity).toBe(
      // (3 + 7 + 10 + 1) ms in the hour, × 720 hours a month
      21 * 720,
    );
    for (const [n, out] of merged) expect(out, `${n} shards`).toBe(single);
  });
});

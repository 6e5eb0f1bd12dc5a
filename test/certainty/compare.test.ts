/** --replicates on `faasim compare`, through the built CLI: N = 1 unchanged, N > 1 adds per-strategy intervals. */
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';

const COMPARE = [
  'compare',
  '--scenario',
  'scenarios/keep-warm.json',
  '--strategy',
  'none',
  '--strategy',
  'pings:5m:3',
  '--no-break-even',
];

describe('compare --replicates', () => {
  test('N = 1 is byte-identical to no flag', async () => {
    const plain = await cli(COMPARE);
    expect(plain.code).toBe(0);
    expect((await cli([...COMPARE, '--replicates', '1'])).stdout).toBe(plain.stdout);
  });

  test('N = 3: the comparison as without the flag plus a "replicates" key; the first seed is inside each interval\'s sample', async () => {
    const plain = JSON.parse((await cli([...COMPARE, '--format', 'json'])).stdout) as Record<
      string,
      unknown
    > & { strategies: { name: string; coldStartRate: number }[] };
    const r = await cli([...COMPARE, '--format', 'json', '--replicates', '3']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & {
      replicates: {
        n: number;
        strategies: { name: string; coldStartRate: { mean: number; low: number; high: number; n: number } }[];
      };
    };
    expect(Object.keys(out)).toEqual([...Object.keys(plain), 'replicates']);
    for (const k of Object.keys(plain)) expect(out[k]).toEqual(plain[k]);
    expect(out.replicates.strategies.map((s) => s.name)).toEqual(['none', 'pings:5m:3']);
    for (const s of out.replicates.strategies) expect(s.coldStartRate.n).toBe(3);
    // three pings every 5 minutes keep more instances warm than none, in the mean over seeds too
    expect(out.replicates.strategies[1]!.coldStartRate.mean).toBeLessThan(
      out.replicates.strategies[0]!.coldStartRate.mean,
    );
    const csv = (await cli([...COMPARE, '--format', 'csv', '--replicates', '3'])).stdout.split('\n');
    expect(csv[0]).toMatch(
      /,spillover_requests,cold_start_rate_mean,cold_start_rate_low,cold_start_rate_high,throttles_mean,/,
    );
  });
});

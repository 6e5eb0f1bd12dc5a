/** --replicates on a sweep, through the built CLI: N = 1 unchanged, N > 1 adds per-point intervals and nothing else. */
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';

const SWEEP = ['sweep', '--scenario', 'scenarios/sweep/api.json', '--memory', '512,1024', '--workers', '2'];

describe('sweep --replicates', () => {
  test('N = 1 is byte-identical to no flag (table and JSON)', async () => {
    for (const format of ['table', 'json']) {
      const plain = await cli([...SWEEP, '--format', format]);
      expect(plain.code).toBe(0);
      expect((await cli([...SWEEP, '--format', format, '--replicates', '1'])).stdout).toBe(plain.stdout);
    }
  });

  test('N = 3: points, picks and front as without the flag, plus a "replicates" key with one entry per point', async () => {
    const plain = JSON.parse((await cli([...SWEEP, '--format', 'json'])).stdout) as Record<string, unknown>;
    // FAASIM_STATUS=1: the status line, which a piped run leaves out, says how many seeds
    process.env['FAASIM_STATUS'] = '1';
    const r = await cli([...SWEEP, '--format', 'json', '--replicates', '3']).finally(() => {
      delete process.env['FAASIM_STATUS'];
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('3 seeds each');
    const out = JSON.parse(r.stdout) as Record<string, unknown> & {
      points: { index: number }[];
      replicates: {
        n: number;
        points: { index: number; coldStartRate: { mean: number; low: number; high: number; n: number } }[];
      };
    };
    expect(Object.keys(out)).toEqual([...Object.keys(plain), 'replicates']);
    for (const k of Object.keys(plain)) expect(out[k]).toEqual(plain[k]);
    expect(out.replicates.n).toBe(3);
    expect(out.replicates.points.map((p) => p.index)).toEqual(out.points.map((p) => p.index));
    for (const p of out.replicates.points) {
      expect(p.coldStartRate.n).toBe(3);
      expect(p.coldStartRate.low).toBeLessThanOrEqual(p.coldStartRate.high);
    }
    // same seeds, same bytes
    expect((await cli([...SWEEP, '--format', 'json', '--replicates', '3'])).stdout).toBe(r.stdout);
  });

  test('--replicates is one value, not a swept list', async () => {
    const r = await cli([...SWEEP, '--replicates', '2,3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('faasim: --replicates "2,3" is not a number\n');
  });
});

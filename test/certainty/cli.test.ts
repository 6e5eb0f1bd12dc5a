/** --replicates and --sensitivity through the built CLI: byte-identity with N = 1, determinism, refusals, the added keys. */
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers/cli.js';
import { checkGolden } from '../helpers/golden.js';

const EXAMPLE = ['simulate', '--scenario', 'scenarios/example.json'];

describe('--replicates', () => {
  for (const format of ['table', 'json', 'csv']) {
    test(`N = 1 is byte-identical to no flag (${format})`, async () => {
      const plain = await cli([...EXAMPLE, '--format', format]);
      const one = await cli([...EXAMPLE, '--format', format, '--replicates', '1']);
      expect(plain.code).toBe(0);
      expect(one.code).toBe(0);
      expect(one.stdout).toBe(plain.stdout);
    });
  }

  test('the same seed gives the same bytes; the report is the configured seed\'s run plus a "replicates" key', async () => {
    const a = await cli([...EXAMPLE, '--format', 'json', '--replicates', '4']);
    const b = await cli([...EXAMPLE, '--format', 'json', '--replicates', '4']);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(b.stdout).toBe(a.stdout);
    const plain = JSON.parse((await cli([...EXAMPLE, '--format', 'json'])).stdout) as Record<string, unknown>;
    const withReps = JSON.parse(a.stdout) as Record<string, unknown>;
    // every existing key, in its order and with its value, then the new key
    expect(Object.keys(withReps)).toEqual([...Object.keys(plain), 'replicates']);
    for (const k of Object.keys(plain)) expect(withReps[k]).toEqual(plain[k]);
    const reps = withReps['replicates'] as {
      n: number;
      seeds: { first: number; last: number };
      figures: Record<string, { mean: number; low: number; high: number; n: number }>;
    };
    expect(reps.n).toBe(4);
    expect(reps.seeds).toEqual({ first: 1, last: 4 });
    expect(Object.keys(reps.figures)).toEqual(['coldStartRate', 'throttled', 'p99Ms', 'monthlyUsd']);
    for (const f of Object.values(reps.figures)) {
      expect(f.n).toBe(4);
      expect(f.low).toBeLessThanOrEqual(f.mean);
      expect(f.mean).toBeLessThanOrEqual(f.high);
    }
    // the example's cold-start rate varies with the seed (keep-alive and INIT draws): a real interval
    expect(reps.figures['coldStartRate']!.high).toBeGreaterThan(reps.figures['coldStartRate']!.low);
  });

  test('--seed moves the replicate seeds', async () => {
    const r = await cli([...EXAMPLE, '--format', 'json', '--replicates', '2', '--seed', '41']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { replicates: { seeds: unknown } }).replicates.seeds).toEqual({
      first: 41,
      last: 42,
    });
  });

  test('table and CSV gain the interval after the plain report', async () => {
    const plain = (await cli(EXAMPLE)).stdout;
    const t = await cli([...EXAMPLE, '--replicates', '3']);
    expect(t.stdout.startsWith(plain)).toBe(true);
    expect(t.stdout.slice(plain.length)).toMatch(
      /Replicates \(3 seeds\)[\s\S]*cold-start rate\s*│ [\d.]+% ± [\d.]+%\s*│ \[[\d.]+%, [\d.]+%\]/,
    );
    const plainCsv = (await cli([...EXAMPLE, '--format', 'csv'])).stdout;
    const c = (await cli([...EXAMPLE, '--format', 'csv', '--replicates', '3'])).stdout;
    expect(c.startsWith(plainCsv)).toBe(true);
    expect(c.slice(plainCsv.length)).toMatch(/^replicates,all,cold_start_rate_mean,[\d.e-]+,fraction\n/);
    expect(c).toContain('replicates,all,n,3,\n');
  });

  test('the table (golden): the cost row in one money format, its half-width of $0.000498 "<$0.01" like the $12.89 beside it', async () => {
    const plain = (await cli(EXAMPLE)).stdout;
    const t = await cli([...EXAMPLE, '--replicates', '3']);
    expect(t.code).toBe(0);
    expect(t.stdout.startsWith(plain)).toBe(true);
    checkGolden('example-replicates.txt', t.stdout.slice(plain.length));
  });

  for (const [value, message] of [
    ['0', '--replicates "0" must be at least 1'],
    ['1001', '--replicates "1001" must be at most 1000'],
    ['2.5', '--replicates "2.5" is not a whole number'],
    ['lots', '--replicates "lots" is not a number'],
    ['-3', '--replicates "-3" must be at least 1'],
  ]) {
    test(`refuses ${value}: exit 2, one line`, async () => {
      const r = await cli([...EXAMPLE, '--replicates', value as string]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`faasim: ${message}\n`);
    });
  }

  test('several providers at once are refused', async () => {
    const r = await cli([...EXAMPLE, '--provider', 'all', '--replicates', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^faasim: --replicates runs one provider/);
  });
});

describe('--sensitivity', () => {
  test('JSON gains a "sensitivity" array of the figures the run rests on, largest cost swing first', async () => {
    const r = await cli([...EXAMPLE, '--format', 'json', '--sensitivity']);
    expect(r.code).toBe(0);
    const plain = JSON.parse((await cli([...EXAMPLE, '--format', 'json'])).stdout) as Record<string, unknown>;
    const out = JSON.parse(r.stdout) as Record<string, unknown> & {
      sensitivity: { figure: string; file: string; costSwingUsd: number }[];
    };
    expect(Object.keys(out)).toEqual([...Object.keys(plain), 'sensitivity']);
    // AWS Lambda with the measured INIT and the default keep-alive: those three bounded figures, no other
    expect(out.sensitivity.map((s) => `${s.file}:${s.figure}`).sort()).toEqual([
      'aws-lambda-init.json:initScale',
      'aws-lambda.json:platform.keepAliveMaxMs',
      'aws-lambda.json:platform.keepAliveMinMs',
    ]);
    const swings = out.sensitivity.map((s) => Math.abs(s.costSwingUsd));
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    // reruns are seeded like the run: the same command gives the same bytes
    expect((await cli([...EXAMPLE, '--format', 'json', '--sensitivity'])).stdout).toBe(r.stdout);
  });

  test('a keep-alive given on the command line takes the keep-alive figures out; --init takes the INIT scale out', async () => {
    const r = await cli([
      ...EXAMPLE,
      '--format',
      'json',
      '--sensitivity',
      '--keep-alive',
      '10m',
      '--init',
      '200ms',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { sensitivity: unknown[] }).sensitivity).toEqual([]);
    const t = await cli([...EXAMPLE, '--sensitivity', '--keep-alive', '10m', '--init', '200ms']);
    expect(t.stdout).toContain('no figure this run rests on states a plausible range');
  });

  test('table: the plain report, then "figure, low, high, cost swing, cold-start swing"', async () => {
    const plain = (await cli(EXAMPLE)).stdout;
    const r = await cli([...EXAMPLE, '--sensitivity']);
    expect(r.stdout.startsWith(plain)).toBe(true);
    expect(r.stdout.slice(plain.length)).toMatch(
      /Sensitivity: figure\s*│ low\s*│ high\s*│ cost swing\s*│ cold-start( swing)?\s*│/,
    );
    // "platform.keepAliveMaxMs = 7 min" wraps after "=" to fit 100 columns
    expect(r.stdout).toMatch(/platform\.keepAliveMaxMs =\s*│ 5 min\s*│ 10 min\s*│[^\n]*\n│ 7 min\s*│/);
    // the table is drawn within 100 columns (wrapping its cells); --wide draws it as wide as its content
    const tableLines = r.stdout
      .slice(plain.length)
      .split('\n')
      .filter((l) => /^[┌│└]/.test(l));
    expect(Math.max(...tableLines.map((l) => l.length))).toBeLessThanOrEqual(100);
    const wide = await cli([...EXAMPLE, '--sensitivity', '--wide']);
    expect(wide.stdout).toMatch(/platform\.keepAliveMaxMs = 7 min\s*│ 5 min\s*│ 10 min\s*│/);
    expect(wide.stdout).toMatch(
      /Sensitivity: figure\s*│ low\s*│ high\s*│ cost swing\s*│ cold-start swing\s*│/,
    );
    expect(Math.max(...wide.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(100);
  });
});

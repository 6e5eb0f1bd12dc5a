/** Azure Functions Trace 2019 with its duration and memory percentile files (src/traces/formats/azure-2019.ts). */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { makeSampler } from '../../../src/model/distribution.js';
import { loadTrace } from '../../../src/traces/load.js';
import { Rng } from '../../../src/util/rng.js';
import { runIn } from '../../helpers/run-in-process.js';
import { FIXTURES, scratch } from './helpers.js';

const INV = `${FIXTURES}azure2019/invocations-2fn.csv`;
const DUR = `${FIXTURES}azure2019/durations-2fn.csv`;
const MEM = `${FIXTURES}azure2019-10fn/memory.csv`;

/** The day's requests per function, summed from the file here, independently of the reader. */
function countsOf(file: string): number[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((r) =>
      r
        .split(',')
        .slice(4)
        .reduce((a, c) => a + Number(c), 0),
    );
}

function folder(durations = readFileSync(DUR, 'utf8')): string {
  const d = scratch();
  copyFileSync(INV, join(d, 'invocations.csv'));
  writeFileSync(join(d, 'durations.csv'), durations);
  copyFileSync(MEM, join(d, 'memory.csv'));
  return d;
}

describe('Azure 2019 complete', () => {
  test('a folder of the three: every counted request, run times and memory drawn from the percentiles', async () => {
    const t = await loadTrace(folder(), { spreadSeed: 7 });
    const counts = countsOf(INV);
    expect(counts).toEqual([27_056, 30_527]);
    expect(t.info.format).toBe('azure-2019');
    expect(t.info.rows).toBe(27_056 + 30_527);
    const byFn: number[][] = [[], []];
    const memByFn: number[][] = [[], []];
    for (let i = 0; i < t.data.count; i++) {
      byFn[t.data.fn[i]!]!.push(t.data.durationMs[i]!);
      memByFn[t.data.fn[i]!]!.push(t.data.memoryUsedMb[i]!);
    }
    expect(byFn.map((x) => x.length)).toEqual(counts);
    // 8203ff88: percentiles 0/1/25/50/75/99/100 = 254/1124/1443/1607/1807/2556/160054 ms
    const slow = byFn[0]!;
    expect(Math.min(...slow)).toBeGreaterThanOrEqual(254);
    expect(Math.max(...slow)).toBeLessThanOrEqual(160_054);
    // half the draws below the median (n = 27,056: standard error 0.3 %)
    expect(slow.filter((x) => x < 1607).length / slow.length).toBeCloseTo(0.5, 1.7);
    // cbf80865: 0/0/0/0/1/8/76 ms; mean = (25·(0+1)/2 + 24·(1+8)/2 + 1·(8+76)/2) / 100 = (12.5 + 108 + 42) / 100 = 1.625 ms
    const fast = byFn[1]!;
    expect(fast.reduce((a, b) => a + b, 0) / fast.length).toBeCloseTo(1.625, 1);
    // memory of app 94409f24: pct1..100 = 164/184/219/265/310/364/396/507 MB
    expect(Math.min(...memByFn[0]!)).toBeGreaterThanOrEqual(164);
    expect(Math.max(...memByFn[0]!)).toBeLessThanOrEqual(507);
    expect(t.info.derived!.join('\n')).toMatch(/piecewise-linear between them \(seed 7\)/);
  });

  test('the draws are fixed by the seed', async () => {
    const d = folder();
    const a = await loadTrace(d, { spreadSeed: 3 });
    const b = await loadTrace(d, { spreadSeed: 3 });
    const c = await loadTrace(d, { spreadSeed: 4 });
    expect(Array.from(a.data.durationMs.subarray(0, 100))).toEqual(
      Array.from(b.data.durationMs.subarray(0, 100)),
    );
    expect(Array.from(a.data.durationMs.subarray(0, 100))).not.toEqual(
      Array.from(c.data.durationMs.subarray(0, 100)),
    );
  });

  test('--durations with the counts file itself', async () => {
    const t = await loadTrace(INV, { durationsFile: DUR });
    expect([t.info.rows, t.info.format]).toEqual([57_583, 'azure-2019']);
    expect(Number.isNaN(t.data.memoryUsedMb[0]!)).toBe(true);
  });

  test('a function without a duration row is an error naming it; --skip-bad-rows leaves its requests out and counts them', async () => {
    const lines = readFileSync(DUR, 'utf8').trim().split('\n');
    const d = folder(`${lines[0]}\n${lines[1]}\n`);
    const err = await loadTrace(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(
      /1 function has no row in .*durations\.csv: cbf808658abbdd4d333d36cae5e87a7198442ae902126533cb9b463f0cc7166f \(HashFunction\); pass --skip-bad-rows/,
    );
    const t = await loadTrace(d, { skipBadRows: true });
    expect([t.info.rows, t.info.skippedRows]).toEqual([27_056, 30_527]);
  });

  test('the counts without a durations file are refused', async () => {
    const err = await loadTrace(INV, { inputFormat: 'azure-2019' }).catch((e: unknown) => e);
    expect((err as InputError).code).toBe('AZURE_NO_DURATIONS');
  });

  test('the counts file alone, read as counts: the refusal names --durations too (acceptance-run finding)', async () => {
    const r = await runIn(['simulate', INV]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "give --duration (e.g. 120ms, 80ms..200ms, lognormal:100ms:900ms), or, for the Azure 2019 trace's invocation counts, its run times with --durations FILE (or the folder holding both files instead of this one)",
    );
  });
});

describe('the report of an Azure 2019 folder', () => {
  test('the durations row names the percentile draw, as the derived row does (acceptance-run finding)', async () => {
    const r = await runIn(['simulate', `${FIXTURES}azure2019-3fn-10min`, '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config.duration).toBe(
      `drawn per request from its function's percentiles in ${FIXTURES}azure2019-3fn-10min/durations.csv (the trace counts requests; it has no run times)`,
    );
  });
});

describe('percentile distribution', () => {
  test('the value at u is linear between the percentiles around it, flat outside', () => {
    const s = makeSampler({ kind: 'percentiles', percentiles: [10, 50, 100], valuesMs: [100, 200, 1000] });
    // mean = 10·100 (flat below p10) + 40·(100+200)/2 + 50·(200+1000)/2 = 1000 + 6000 + 30000 → 370 ms
    expect(s.meanMs).toBe(370);
    const rng = new Rng('p');
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += s.sample(rng);
    expect(sum / 20_000).toBeCloseTo(370, -1);
  });
});

/**
 * What a trace's memory means on Azure Consumption (TraceInfo.memoryIs). A memory_used_mb column is
 * each request's own memory, so requests in flight together on an instance add theirs up; the Azure
 * 2019 trace's memory file is the app's process memory on an instance, so they do not: the instance
 * holds, and bills, the largest in flight. Prices: $0.000016 per GB-s; the span is a thousandth of a
 * 30-day month (monthly = span × 1,000); INIT 0, so no request waits on a cold start.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { simulateFile } from '../../src/simulate.js';
import { loadTrace } from '../../src/traces/load.js';
import type { AnyTraceOptions } from '../../src/traces/read-options.js';
import { config, costLine, simulate, SPAN_MILLI_MONTH } from '../helpers/csv-trace.js';

const NO_INIT = { kind: 'constant' as const, ms: 0 };
const base = { provider: 'azure-consumption', spanMs: SPAN_MILLI_MONTH, init: NO_INIT };
const RUN_MS = 120_000;

const dir = mkdtempSync(join(tmpdir(), 'faasim-process-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const [OWNER, APP, FN] = ['o1', 'a1', 'f1'];
/**
 * An Azure 2019 day of one function with three requests in its first minute, each 120 s long (every
 * duration percentile 120,000 ms) at 500 MB (every memory percentile 500), so the three overlap
 * whatever instants the reader spreads them to within the minute.
 */
function azureFiles(): { inv: string; durationsFile: string; memoryFile: string } {
  const inv = join(dir, 'invocations.csv');
  writeFileSync(inv, `HashOwner,HashApp,HashFunction,Trigger,1\n${OWNER},${APP},${FN},http,3\n`);
  const durationsFile = join(dir, 'durations.csv');
  writeFileSync(
    durationsFile,
    'HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100\n' +
      `${OWNER},${APP},${FN},${RUN_MS},3,${RUN_MS},${RUN_MS}${`,${RUN_MS}`.repeat(7)}\n`,
  );
  const memoryFile = join(dir, 'memory.csv');
  writeFileSync(
    memoryFile,
    'HashOwner,HashApp,HashFunction,SampleCount,AverageAllocatedMb,AverageAllocatedMb_pct1,AverageAllocatedMb_pct5,AverageAllocatedMb_pct25,AverageAllocatedMb_pct50,AverageAllocatedMb_pct75,AverageAllocatedMb_pct95,AverageAllocatedMb_pct99,AverageAllocatedMb_pct100\n' +
      `${OWNER},${APP},${FN},10,500${',500'.repeat(8)}\n`,
  );
  return { inv, durationsFile, memoryFile };
}

describe('process memory (the Azure 2019 memory file)', () => {
  test('three 500 MB executions in flight together: one instance billed 512 MB while any runs; the same three from a memory_used_mb column bill 1,536 MB', async () => {
    const { inv, durationsFile, memoryFile } = azureFiles();
    const trace = await loadTrace(inv, { durationsFile, memoryFile });
    expect(trace.info.memoryIs).toBe('process');
    expect(trace.data.count).toBe(3);
    const t = Array.from(trace.data.timeMs.subarray(0, 3));
    expect(Array.from(trace.data.memoryUsedMb.subarray(0, 3))).toEqual([500, 500, 500]);
    expect(Array.from(trace.data.durationMs.subarray(0, 3))).toEqual([RUN_MS, RUN_MS, RUN_MS]);
    // all three in flight together: the third starts before the first ends (within one minute)
    expect(t[2]! - t[0]!).toBeLessThan(60_000);

    // as the CLI gives the side files: reader options beyond the CSV reader's
    const read: AnyTraceOptions = { durationsFile, memoryFile };
    const r = await simulateFile(inv, read, config(base));
    expect([r.outcomes.coldStarts, r.outcomes.peakInstances]).toEqual([1, 1]);
    // the instance holds max(500, 500, 500) = 500 → 512 MB from the first start to the last end:
    // 512 MB × (t3 − t1 + 120,000) ms / 1,024 / 1,000 GB-s in the span, × 1,000 a month
    const processGbS = ((512 * (t[2]! - t[0]! + RUN_MS)) / 1024 / 1000) * 1000;
    expect(costLine(r, 'duration').quantity).toBeCloseTo(processGbS, 6);
    expect(r.cost.assumptions.join('\n')).toMatch(
      /an instance bills the largest of the executions in flight/,
    );

    // The same arrivals from a CSV memory_used_mb column (each request's own memory): the sum.
    // Intervals [t_i, t_i + L]: 512 × (t2 − t1) + 1,024 × (t3 − t2) + 1,536 × (t1 + L − t3)
    // + 1,024 × (t2 − t1) + 512 × (t3 − t2) = 1,536 × L, three times 512 MB × L.
    const rows = t.map((ms) => ({ t: Math.round(ms), run: RUN_MS, memoryMb: 500 }));
    const own = await simulate(rows, base);
    expect([own.outcomes.coldStarts, own.outcomes.peakInstances]).toEqual([1, 1]);
    expect(costLine(own, 'duration').quantity).toBeCloseTo(((1536 * RUN_MS) / 1024 / 1000) * 1000, 6);
    expect(own.cost.assumptions.join('\n')).toMatch(/summed and rounded up/);
  });

  test('the trace cache keeps what the memory means', async () => {
    const { inv, durationsFile, memoryFile } = azureFiles();
    const cacheDir = join(dir, 'cache');
    const first = await loadTrace(inv, { durationsFile, memoryFile, cacheDir });
    const second = await loadTrace(inv, { durationsFile, memoryFile, cacheDir });
    expect(first.info.cache).toMatch(/^written to/);
    expect(second.info.cache).toMatch(/^read from/);
    expect(second.info.memoryIs).toBe('process');
    expect(second.info.derived!.join('\n')).toMatch(
      /each is the memory of the process on its instance, so requests in flight together hold the largest of theirs, not the sum/,
    );
  });

  test('without a memory file the counts say nothing about memory: request memory, summed', async () => {
    const { inv, durationsFile } = azureFiles();
    const trace = await loadTrace(inv, { durationsFile });
    expect(trace.info.memoryIs).toBeUndefined();
  });
});

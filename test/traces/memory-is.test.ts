/**
 * `--memory-is request|process`: what a CSV trace's memory_used_mb column measures. By default each
 * request's own memory, so requests in flight together on an instance add theirs up; `process` says
 * the column is the memory of the whole process serving the request (as the Azure 2019 memory file
 * is), so an instance holds, and Azure Consumption bills, the largest in flight.
 *
 * The bill by hand (src/providers/azure-consumption/billing.ts): memory is rounded up to a multiple of
 * 128 MB within 128..1,536 MB; an execution bills its run time (at least 100 ms, 1 ms steps); GB-s =
 * MB × ms / 1,024 / 1,000. Two requests of 300 MB arrive together and run 1,000 ms each on one
 * instance (INIT 0): request memory holds 300 + 300 = 600 MB → ⌈600 / 128⌉ × 128 = 640 MB for
 * 1,000 ms = 0.625 GB-s; process memory holds max(300, 300) = 300 MB → ⌈300 / 128⌉ × 128 = 384 MB for
 * 1,000 ms = 0.375 GB-s. The span is a thousandth of a 30-day month, so the month's is × 1,000.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { simulateFile } from '../../src/simulate.js';
import { loadTrace } from '../../src/traces/load.js';
import { cli } from '../helpers/cli.js';
import { config, costLine, SPAN_MILLI_MONTH, writeTrace } from '../helpers/csv-trace.js';
import { tempDir, writeTemp } from '../helpers/trace.js';

const NO_INIT = { kind: 'constant' as const, ms: 0 };
const base = config({ provider: 'azure-consumption', spanMs: SPAN_MILLI_MONTH, init: NO_INIT });
const rows = [
  { t: 0, run: 1000, memoryMb: 300 },
  { t: 0, run: 1000, memoryMb: 300 },
];

describe('--memory-is on a CSV trace', () => {
  test('two 300 MB requests in flight together: request memory bills 640 MB, process memory 384 MB', async () => {
    const file = writeTrace(rows);
    const own = await simulateFile(file, {}, base);
    expect([own.outcomes.coldStarts, own.outcomes.peakInstances]).toEqual([1, 1]);
    // 640 MB × 1,000 ms / 1,024 / 1,000 = 0.625 GB-s in the span, × 1,000 a month
    expect(costLine(own, 'duration').quantity).toBeCloseTo(625, 9);
    const asRequest = await simulateFile(file, { memoryIs: 'request' }, base);
    expect(costLine(asRequest, 'duration').quantity).toBeCloseTo(625, 9);

    const proc = await simulateFile(file, { memoryIs: 'process' }, base);
    expect([proc.outcomes.coldStarts, proc.outcomes.peakInstances]).toEqual([1, 1]);
    // 384 MB × 1,000 ms / 1,024 / 1,000 = 0.375 GB-s in the span, × 1,000 a month
    expect(costLine(proc, 'duration').quantity).toBeCloseTo(375, 9);
    expect(proc.cost.assumptions.join('\n')).toMatch(
      /an instance bills the largest of the executions in flight/,
    );
  });

  test('the reader records it in TraceInfo, and the cache keys on it', async () => {
    const file = writeTrace(rows);
    expect((await loadTrace(file, {})).info.memoryIs).toBeUndefined();
    expect((await loadTrace(file, { memoryIs: 'request' })).info.memoryIs).toBeUndefined();
    expect((await loadTrace(file, { memoryIs: 'process' })).info.memoryIs).toBe('process');
    const cacheDir = tempDir('faasim-memory-is-cache-');
    const first = await loadTrace(file, { cacheDir });
    const proc = await loadTrace(file, { cacheDir, memoryIs: 'process' });
    expect(first.info.cache).toMatch(/^written to/);
    // another key, so not the request-memory trace read back
    expect(proc.info.cache).toMatch(/^written to/);
    expect(proc.info.memoryIs).toBe('process');
    const again = await loadTrace(file, { cacheDir, memoryIs: 'process' });
    expect(again.info.cache).toMatch(/^read from/);
    expect(again.info.memoryIs).toBe('process');
  });

  test('the flag and the scenario key: 375 GB-s a month, as by hand', async () => {
    const dir = tempDir('faasim-memory-is-cli-');
    const file = writeTrace(rows);
    const args = ['simulate', file, '--provider', 'azure-consumption', '--init', '0ms', '--span', '2592s'];
    const gbS = (stdout: string): number =>
      (JSON.parse(stdout) as { cost: { lines: { id: string; quantity: number }[] } }).cost.lines.find(
        (l) => l.id === 'duration',
      )!.quantity;
    const flag = await cli([...args, '--memory-is', 'process', '--format', 'json']);
    expect([flag.code, flag.stderr]).toEqual([0, '']);
    // 2,592 s is a thousandth of 30 days: 0.375 GB-s × 1,000
    expect(gbS(flag.stdout)).toBeCloseTo(375, 9);
    const plain = await cli([...args, '--format', 'json']);
    expect(gbS(plain.stdout)).toBeCloseTo(625, 9);
    const scenario = join(dir, 's.json');
    writeFileSync(scenario, JSON.stringify({ memoryIs: 'process' }));
    const fromFile = await cli([...args, '--scenario', scenario, '--format', 'json']);
    expect([fromFile.code, fromFile.stderr]).toEqual([0, '']);
    expect(gbS(fromFile.stdout)).toBeCloseTo(375, 9);
    const bad = await cli([...args, '--memory-is', 'instance']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/memoryIs|--memory-is/);
  });
});

describe('--memory-is process is refused where nothing says what memory a request holds', () => {
  const dir = tempDir('faasim-memory-is-refused-');

  test('a CSV trace without a memory_used_mb column', async () => {
    const file = writeTemp('no-mem.csv', 'timestamp,function,duration_ms\n2026-01-01T00:00:00Z,f,5\n', dir);
    const r = await cli(['simulate', file, '--memory-is', 'process']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `faasim: ${file}:1: --memory-is process needs a memory_used_mb column (the memory of the process serving each request); the header has none\n`,
    );
    // request memory without a column is what every such trace means already
    const plain = await cli(['simulate', file, '--memory-is', 'request', '--span', '1h']);
    expect([plain.code, plain.stderr]).toEqual([0, '']);
  });

  test('a trace of counts per minute', async () => {
    const file = writeTemp('counts.csv', 'timestamp,count\n2026-01-01T00:00:00Z,3\n', dir);
    const r = await cli(['simulate', file, '--duration', '5ms', '--memory-is', 'process']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^faasim: .*counts\.csv: --memory-is process needs a memory_used_mb column .*; a trace of counts per minute has none\n$/,
    );
  });

  test('the importers: their formats say what their memory measures', async () => {
    const log = writeTemp(
      'report.log',
      'REPORT RequestId: 1 Duration: 5.00 ms Billed Duration: 5 ms Memory Size: 128 MB Max Memory Used: 60 MB\n',
      dir,
    );
    const r = await cli([
      'simulate',
      log,
      '--input-format',
      'cloudwatch-report',
      '--function-name',
      'f',
      '--memory-is',
      'process',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^faasim: .*report\.log: --memory-is applies to faasim's CSV, not to --input-format cloudwatch-report/,
    );
    // the Azure 2019 files (counts with --durations, read by path): their memory file is the process's
    const counts = writeTemp(
      'invocations.csv',
      'HashOwner,HashApp,HashFunction,Trigger,1\no,a,f,http,1\n',
      dir,
    );
    const azure = await cli(['simulate', counts, '--durations', counts, '--memory-is', 'request']);
    expect(azure.code).toBe(2);
    expect(azure.stderr).toMatch(
      /^faasim: .*invocations\.csv: --memory-is applies to faasim's CSV, not to this file, read as azure-2019/,
    );
    // a log file told apart by its content is still told apart with --memory-is (it is not a way of
    // mapping columns by hand), and the flag refused: was read as CSV, "no timestamp column" (review finding)
    const told = await cli(['simulate', log, '--function-name', 'f', '--memory-is', 'request']);
    expect(told.code).toBe(2);
    expect(told.stderr).toMatch(
      /^faasim: .*report\.log: --memory-is applies to faasim's CSV, not to this file, read as cloudwatch-report/,
    );
  });
});

/**
 * Progress events of the library API (src/util/progress.ts): the row estimate from a file's size,
 * and the sequences simulateFile, spoolTrace and compareStrategiesWith report.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { compareStrategiesWith } from '../../src/keep-warm/compare.js';
import { parseStrategy } from '../../src/keep-warm/strategy.js';
import { defaultPricingDir } from '../../src/pricing/dir.js';
import { getProvider } from '../../src/providers/registry.js';
import { simulateFile } from '../../src/simulate.js';
import { runPointsSerial } from '../../src/sweep/run.js';
import { loadTrace } from '../../src/traces/load.js';
import { spoolTrace } from '../../src/traces/replay.js';
import { estimateRows, rowCounter, type ProgressEvent } from '../../src/util/progress.js';

const TRACE = 'scenarios/traces/azure-2fn-2h.csv';
/** the bundled trace's rows (5,633 lines less the header) */
const TRACE_ROWS = 5632;

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'progress-')), name);
  writeFileSync(path, text);
  return path;
}

describe('estimateRows', () => {
  test('a file shorter than the sample: its lines less the header, exactly', () => {
    // 22 + 9 × 9 = 103 bytes, 10 line ends: round(103 × 10 / 103) − 1 = 9
    expect(estimateRows(file('small.csv', 'timestamp,duration_ms\n' + '1000,100\n'.repeat(9)))).toBe(9);
  });

  test('a file longer than the sample: its size over the mean line length of the first 256 KB', () => {
    // header "t,d\n" (4 bytes) + 300,000 lines of 10 bytes = 3,000,004 bytes. The 262,144-byte
    // sample holds the header and 26,214 whole lines: 26,215 line ends.
    // round(3,000,004 × 26,215 / 262,144) − 1 = round(300,007.27) − 1 = 300,006
    expect(estimateRows(file('big.csv', 't,d\n' + '123456,50\n'.repeat(300_000)))).toBe(300_006);
  });

  test('nothing to tell: 0 for a missing file, an empty one, a folder', () => {
    const empty = file('empty.csv', '');
    expect([
      estimateRows(join(tmpdir(), 'no-such.csv')),
      estimateRows(empty),
      estimateRows(tmpdir()),
    ]).toEqual([0, 0, 0]);
  });
});

describe('rowCounter', () => {
  test('running totals against the estimate, then the exact count as the total', () => {
    const path = file('rows.csv', 'timestamp\n' + '1\n'.repeat(10)); // 10 + 20 bytes, 11 line ends: round(30 × 11 / 30) − 1 = 10
    const events: ProgressEvent[] = [];
    const c = rowCounter(path, (e) => events.push(e), 'x');
    c.add(4);
    c.add(8); // past the estimate: the total follows the count
    c.finish();
    expect(events).toEqual([
      { task: 'rows', done: 4, total: 10, estimated: true, label: 'x' },
      { task: 'rows', done: 12, total: 12, estimated: true, label: 'x' },
      { task: 'rows', done: 12, total: 12, label: 'x' },
    ]);
  });

  test('without a callback it does nothing (and reads nothing)', () => {
    const c = rowCounter(join(tmpdir(), 'no-such.csv'), undefined);
    expect(() => {
      c.add(1);
      c.finish();
    }).not.toThrow();
  });
});

/** Row events end with the exact count, their counts never go back, and an estimate is never below the count. */
function checkRows(events: ProgressEvent[], rows: number): void {
  expect(events.length).toBeGreaterThan(0);
  expect(events.every((e) => e.task === 'rows' && e.total >= e.done)).toBe(true);
  for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
  expect(events.at(-1)).toEqual({ task: 'rows', done: rows, total: rows });
}

describe('the library reports rows read', () => {
  test('simulateFile', async () => {
    const events: ProgressEvent[] = [];
    const r = await simulateFile(
      TRACE,
      {},
      { ...DEFAULT_CONFIG },
      { readMode: 'in-process', onProgress: (e) => events.push(e) },
    );
    expect(r.trace.requests).toBe(TRACE_ROWS);
    checkRows(events, TRACE_ROWS);
  });

  test('simulateFile with pings reads the functions first: a pass labelled "functions", then the run', async () => {
    const events: ProgressEvent[] = [];
    await simulateFile(
      TRACE,
      {},
      { ...DEFAULT_CONFIG, pings: [parseStrategy('pings:5m:1').pings[0]!] },
      { readMode: 'in-process', onProgress: (e) => events.push(e) },
    );
    const first = events.filter((e) => e.label === 'functions');
    checkRows(
      first.map(({ label: _l, ...e }) => e),
      TRACE_ROWS,
    );
    checkRows(
      events.filter((e) => e.label === undefined),
      TRACE_ROWS,
    );
    expect(events.findIndex((e) => e.label === undefined)).toBe(first.length);
  });

  test('spoolTrace and loadTrace', async () => {
    const spooled: ProgressEvent[] = [];
    const s = await spoolTrace(TRACE, {}, (e) => spooled.push(e));
    s.dispose();
    checkRows(spooled, TRACE_ROWS);
    const loaded: ProgressEvent[] = [];
    await loadTrace(TRACE, {}, (e) => loaded.push(e));
    checkRows(loaded, TRACE_ROWS);
  });
});

describe('compareStrategiesWith reports its simulations', () => {
  test('the table batch, then the break-even batch, each with its total known when it starts', async () => {
    const trace = await loadTrace(TRACE);
    const provider = getProvider('aws-lambda').load(defaultPricingDir());
    const events: ProgressEvent[] = [];
    const named = ['none', 'pings:5m:1', 'provisioned:1'].map((s) => ({
      name: s,
      strategy: parseStrategy(s),
    }));
    const runMany = async (configs: (typeof DEFAULT_CONFIG)[], onDone?: (done: number) => void) =>
      runPointsSerial(
        trace,
        configs.map((config, index) => ({ index, settings: {}, config })),
        onDone ? { onProgress: (d) => onDone(d) } : {},
      );
    const result = await compareStrategiesWith(runMany, trace, { ...DEFAULT_CONFIG }, provider, named, {
      function: null,
      breakEven: true,
      target: null,
      exhaustive: false,
      onProgress: (e) => events.push(e),
    });
    // the table: none, pings:5m:1, provisioned:1 (none once): 3 simulations, told at 0, 1, 2, 3 of 3
    expect(events.slice(0, 4)).toEqual([0, 1, 2, 3].map((done) => ({ task: 'strategies', done, total: 3 })));
    // the break-even: its levels less those the table ran, told from 3 up to the batch's total;
    // any level it needs past the batch is told one by one (total 0: not known ahead)
    const batch = events.slice(4).filter((e) => e.total > 0);
    const total = batch[0]!.total;
    expect(batch.map((e) => e.done)).toEqual(Array.from({ length: total - 2 }, (_, i) => 3 + i));
    expect(events.every((e) => e.task === 'strategies')).toBe(true);
    // every simulation told once: 3 for the table and those the break-even table says it ran
    expect(events.at(-1)!.done).toBe(3 + result.breakEven!.simulations);
  });
});

describe('a trace read from its cache: the row total is exact, not an estimate', () => {
  test('rowCounter with the known count reports it unmarked', () => {
    const events: ProgressEvent[] = [];
    const c = rowCounter(join(tmpdir(), 'no-such.csv'), (e) => events.push(e), undefined, 7);
    c.add(3);
    c.add(4);
    c.finish();
    expect(events).toEqual([
      { task: 'rows', done: 3, total: 7 },
      { task: 'rows', done: 7, total: 7 },
      { task: 'rows', done: 7, total: 7 },
    ]);
  });

  test('the first read estimates from the size; a read from the cache knows all 5,632 rows', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'progress-cache-'));
    const first: ProgressEvent[] = [];
    (await spoolTrace(TRACE, { cacheDir }, (e) => first.push(e))).dispose();
    expect(first[0]?.estimated).toBe(true);
    checkRows(first, TRACE_ROWS);
    for (const read of [
      async (on: (e: ProgressEvent) => void) => (await spoolTrace(TRACE, { cacheDir }, on)).dispose(),
      async (on: (e: ProgressEvent) => void) => void (await loadTrace(TRACE, { cacheDir }, on)),
      async (on: (e: ProgressEvent) => void) =>
        void (await simulateFile(
          TRACE,
          { cacheDir } as Parameters<typeof simulateFile>[1],
          { ...DEFAULT_CONFIG },
          { onProgress: on },
        )),
    ]) {
      // loadTrace's reader options (its in-memory cap) make a cache of their own: the first read writes it
      await read(() => {});
      const again: ProgressEvent[] = [];
      await read((e) => again.push(e));
      expect(again.every((e) => e.total === TRACE_ROWS && e.estimated === undefined)).toBe(true);
      checkRows(again, TRACE_ROWS);
    }
  });
});

/** CloudWatch REPORT lines as text (src/traces/formats/cloudwatch-report.ts). */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadTrace } from '../../../src/traces/load.js';
import { readTrace } from '../../../src/traces/read.js';
import {
  parseReportFields,
  REPORT_MARK,
  type ReportFields,
} from '../../../src/traces/formats/report-line.js';
import { FIXTURES, utc, write } from './helpers.js';

const TAIL = `${FIXTURES}aws-lambda/tail_embr_2023.txt`;

describe('the real sample as `aws logs tail` prints it (TIME STREAM MESSAGE)', () => {
  test('12 REPORT lines become 12 requests; the 38 START, END, INIT_START and app lines are counted and ignored', async () => {
    const t = await loadTrace(TAIL);
    expect(t.info.format).toBe('cloudwatch-report');
    expect(t.info.rows).toBe(12);
    expect(t.info.ignoredLines).toBe(50 - 12);
    expect(t.info.skippedRows).toBe(0);
    expect(t.info.order).toBe('sorted-by-importer');
  });

  test('durations, memory and the one cold start as the lines give them', async () => {
    const t = await loadTrace(TAIL);
    let sum = 0;
    for (let i = 0; i < t.data.count; i++) sum += t.data.durationMs[i]!;
    // 14.97+5.93+1.49+1.44+1.85+1.34+31.42+118.04+1.71+2.33+1.95+1.46 = 183.93 ms
    expect(sum).toBeCloseTo(183.93, 9);
    const cold = [...Array(t.data.count).keys()].filter((i) => !Number.isNaN(t.data.initMs[i]!));
    expect(cold.map((i) => t.data.initMs[i])).toEqual([145.69]);
    // the one REPORT with an Init Duration is the one request marked cold (what calibrate reads)
    expect([...Array(t.data.count).keys()].filter((i) => t.data.isCold[i] === 1)).toEqual(cold);
    const mem = new Set(Array.from(t.data.memoryUsedMb.subarray(0, t.data.count)));
    expect([...mem].sort()).toEqual([67, 68]);
    expect(t.info.functionNames).toEqual(['function']);
  });

  test('arrival = log time − Duration − Init Duration; the span from the first arrival to the last', async () => {
    const t = await loadTrace(TAIL);
    // first: REPORT at 2023-12-04 21:44:52.383 with Duration 1.46 ms → 21:44:52.38154
    expect(t.info.originEpochMs).toBeCloseTo(utc('2023-12-04T21:44:52.383') - 1.46, 6);
    // last: REPORT at 2023-12-05 22:14:43.877 with Duration 14.97 ms → 22:14:43.86203;
    // 1 day + 29 min 51.48049 s = 88,191,480.49 ms after the first
    expect(t.info.lastMs).toBeCloseTo(88_191_480.49, 6);
    // the cold one: REPORT at 2023-12-05 22:10:47.479, Duration 5.93, Init 145.69 → 22:10:47.32738,
    // just before the log's INIT_START at 22:10:47.324 + a few ms
    const i = [...Array(t.data.count).keys()].find((k) => t.data.initMs[k] === 145.69)!;
    expect(t.info.originEpochMs + t.data.timeMs[i]!).toBeCloseTo(
      utc('2023-12-05T22:10:47.479') - 5.93 - 145.69,
      6,
    );
    for (let k = 1; k < t.data.count; k++)
      expect(t.data.timeMs[k]!).toBeGreaterThanOrEqual(t.data.timeMs[k - 1]!);
  });

  test('the report says what was derived and how', async () => {
    const t = await loadTrace(TAIL);
    expect(t.info.derived!.join('\n')).toMatch(/arrival = log time − Duration − Init Duration/);
    expect(t.info.derived!.join('\n')).toMatch(/Memory Size in the log: 128 MB on 12/);
  });
});

describe('line shapes', () => {
  const line = (d: string, extra = ''): string =>
    `REPORT RequestId: 3b1c2a9e-0000-4000-8000-000000000001\tDuration: ${d} ms\tBilled Duration: 100 ms \tMemory Size: 256 MB\tMax Memory Used: 71 MB\t${extra}`;

  test('the 100 ms era (a space before the tab), --format short times, spaces instead of tabs, a log group naming the function', async () => {
    const text = [
      `2019-06-01T10:00:00 ${line('12.34')}`,
      `2019-06-01T10:00:01.5Z    /aws/lambda/orders  2019/06/01/[$LATEST]abc   ${line('250', 'Init Duration: 300.5 ms\t')}`.replace(
        /\t/g,
        '  ',
      ),
      `1559383203000\t${line('7')}`,
    ].join('\n');
    const t = await loadTrace(write('old.log', text));
    expect(t.info.rows).toBe(3);
    expect(t.info.functionNames).toEqual(['function', 'orders']);
    // arrivals: 10:00:00 − 12.34 ms; 10:00:01.5 − 250 − 300.5 ms = 10:00:00.9495; 10:00:03 − 7 ms
    expect(t.info.originEpochMs).toBe(utc('2019-06-01T10:00:00') - 12.34);
    expect(Array.from(t.data.timeMs)).toEqual([0, 12.34 + 949.5, 12.34 + 2993]);
    expect(Array.from(t.data.durationMs)).toEqual([12.34, 250, 7]);
    expect(t.data.initMs[1]).toBe(300.5);
  });

  test('--function names the function', async () => {
    const t = await loadTrace(write('a.log', `2024-01-01T00:00:00Z ${line('5')}\n`), { functionName: 'api' });
    expect(t.info.functionNames).toEqual(['api']);
  });

  test('lines out of order are sorted by arrival', async () => {
    const text = [
      `2024-01-01T00:00:10Z ${line('1000')}`,
      `2024-01-01T00:00:09.5Z ${line('1')}`,
      `2024-01-01T00:00:09.5Z ${line('2')}`,
    ].join('\n');
    const t = await loadTrace(write('b.log', text));
    // arrivals 9.000 s, 9.499 s, 9.498 s → sorted 9.000, 9.498, 9.499
    expect(Array.from(t.data.timeMs)).toEqual([0, 498, 499]);
    expect(Array.from(t.data.durationMs)).toEqual([1000, 2, 1]);
  });

  test('REPORT lines without log times are refused: there is no arrival time to derive', async () => {
    const err = await loadTrace(`${FIXTURES}aws-lambda/report_lines_2023.txt`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe('REPORT_NO_TIME');
    expect((err as InputError).message).toMatch(/report_lines_2023\.txt:1: .*aws logs tail/);
  });

  test('a REPORT line missing a field names the file, the line and the field expected; --skip-bad-rows counts it', async () => {
    const file = write(
      'c.log',
      [
        `2024-01-01T00:00:00Z ${line('5')}`,
        '2024-01-01T00:00:01Z REPORT RequestId: x\tDuration: 5 ms\tMemory Size: 128 MB',
      ].join('\n'),
    );
    const err = await loadTrace(file).catch((e: unknown) => e);
    expect((err as InputError).code).toBe('REPORT_BAD_LINE');
    expect((err as InputError).message).toBe(`${file}:2: REPORT line without "Billed Duration: N ms"`);
    const t = await loadTrace(file, { skipBadRows: true });
    expect([t.info.rows, t.info.skippedRows]).toEqual([1, 1]);
  });

  test('a file of only START/END lines has no requests', async () => {
    const file = write(
      'd.log',
      '2024-01-01T00:00:00Z START RequestId: x Version: $LATEST\n2024-01-01T00:00:00Z END RequestId: x\n',
    );
    const err = await readTrace(file, {}, () => {}).catch((e: unknown) => e);
    expect((err as InputError).code).toBe('TRACE_NO_ROWS');
  });
});

describe('parseReportFields', () => {
  test('reads each field exactly, whatever the order of trailing fields', () => {
    const out: ReportFields = { durationMs: 0, billedMs: 0, memorySizeMb: 0, maxMemoryUsedMb: 0, initMs: 0 };
    const s =
      'REPORT RequestId: r\tDuration: 1234.56 ms\tBilled Duration: 1235 ms\tMemory Size: 10240 MB\tMax Memory Used: 9999 MB\tInit Duration: 0.07 ms\tRestore Duration: 5 ms\tXRAY TraceId: 1-x';
    expect(parseReportFields(s, s.indexOf(REPORT_MARK), s.length, out)).toBeNull();
    expect(out).toEqual({
      durationMs: 1234.56,
      billedMs: 1235,
      memorySizeMb: 10240,
      maxMemoryUsedMb: 9999,
      initMs: 0.07,
    });
    expect(parseReportFields('REPORT RequestId: r Duration: ms', 0, 33, out)).toMatch(/Duration: N ms/);
  });
});

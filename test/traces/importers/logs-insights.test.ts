/** Logs Insights exports (src/traces/formats/logs-insights.ts). */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadTrace } from '../../../src/traces/load.js';
import { runIn } from '../../helpers/run-in-process.js';
import { FIXTURES, utc, write } from './helpers.js';

const DIR = `${FIXTURES}aws-lambda/`;

/** What every shape of the sample must give: the 12 REPORT events checked by hand (see the fixture README). */
async function expectSample(file: string, format: string, ignored: number): Promise<void> {
  const t = await loadTrace(file);
  expect(t.info.format).toBe(format);
  expect([t.info.rows, t.info.ignoredLines, t.info.skippedRows]).toEqual([12, ignored, 0]);
  let sum = 0;
  for (let i = 0; i < t.data.count; i++) sum += t.data.durationMs[i]!;
  // 14.97+5.93+1.49+1.44+1.85+1.34+31.42+118.04+1.71+2.33+1.95+1.46 = 183.93 ms
  expect(sum).toBeCloseTo(183.93, 9);
  expect(Array.from(t.data.initMs).filter((x) => !Number.isNaN(x))).toEqual([145.69]);
  // memory: "6.7E7" bytes = 67 MB on the 2 rows of 2023-12-05, "6.8E7" = 68 MB on the other 10
  const mem = Array.from(t.data.memoryUsedMb);
  expect([mem.filter((m) => m === 67).length, mem.filter((m) => m === 68).length]).toEqual([2, 10]);
  // first arrival 2023-12-04 21:44:52.383 − 1.46 ms; the last 1 day 29 min 51.48049 s later
  expect(t.info.originEpochMs).toBeCloseTo(utc('2023-12-04T21:44:52.383') - 1.46, 6);
  expect(t.info.lastMs).toBeCloseTo(88_191_480.49, 6);
}

describe('Logs Insights', () => {
  test('the flattened GetQueryResults sample: 50 rows, 12 with @duration, 38 ignored', async () => {
    await expectSample(`${DIR}logs_insights_getqueryresults_embr_2023.json`, 'logs-insights-json', 38);
  });

  test('GetQueryResults as the CLI returns it ({"results":[[{field,value}]]})', async () => {
    await expectSample(`${DIR}logs_insights_getqueryresults_raw_embr_2023.json`, 'logs-insights-json', 38);
  });

  test('the console CSV export (quoted messages spanning two lines), function from @log', async () => {
    await expectSample(`${DIR}logs_insights_console_embr_2023.csv`, 'logs-insights-csv', 38);
    const t = await loadTrace(`${DIR}logs_insights_console_embr_2023.csv`);
    expect(t.info.functionNames).toEqual(['titans-lambda-log-test']);
  });

  test('a bad @maxMemoryUsed names the row and the field', async () => {
    const file = write(
      'q.json',
      JSON.stringify([
        { '@timestamp': '2024-01-01 00:00:00.000', '@duration': '12.5', '@maxMemoryUsed': 'lots' },
      ]),
    );
    const err = await loadTrace(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(
      `${file} [0]: @maxMemoryUsed "lots" is not a non-negative number (such as 14.97 or 6.7E7)`,
    );
  });

  test('a bad @timestamp in the CSV names the line the record starts on and its column', async () => {
    const file = write(
      'q.csv',
      '@timestamp,@message,@logStream,@log\n2024-01-01 00:00:00.000,"START RequestId: a\n",s,1:/aws/lambda/f\nyesterday,"REPORT RequestId: a\tDuration: 1 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\n",s,1:/aws/lambda/f\n',
    );
    const err = await loadTrace(file).catch((e: unknown) => e);
    expect((err as InputError).message).toBe(
      `${file}:4: column 1 (@timestamp): "yesterday" is not a time such as 2023-12-05 22:14:43.877 (UTC)`,
    );
  });
});

describe('a partial or cut-off Logs Insights result', () => {
  const ROW = [
    { field: '@timestamp', value: '2023-12-05 22:14:43.877' },
    {
      field: '@message',
      value:
        'REPORT RequestId: a\tDuration: 2.35 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB\tMax Memory Used: 68 MB\t\n',
    },
    { field: '@log', value: '1:/aws/lambda/orders' },
  ];
  const START = [
    { field: '@timestamp', value: '2023-12-05 22:14:43.870' },
    { field: '@message', value: 'START RequestId: a Version: $LATEST\n' },
  ];

  test('status Running and recordsMatched past the rows present are notes', async () => {
    const file = write(
      'gqr.json',
      JSON.stringify({
        results: [ROW],
        statistics: { recordsMatched: 25000.0, recordsScanned: 50000.0 },
        status: 'Running',
      }),
    );
    const t = await loadTrace(file);
    expect(t.info.rows).toBe(1);
    expect(t.info.notes).toEqual([
      'the Logs Insights result has status "Running", not "Complete": the query had not finished and its rows are partial (fetch the results again once aws logs get-query-results says "Complete")',
      'the Logs Insights query matched 25,000 records but the result holds 1 row: the rest were cut off (a query returns at most 10,000 rows, or fewer with its own limit); to read them all, run several queries over narrower time ranges (--start-time/--end-time), each matching fewer than 10,000 records, and read each result',
    ]);
    const r = await runIn(['simulate', file, '--span', '1h', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).assumptions.slice(0, 2)).toEqual(t.info.notes);
  });

  test('rows are compared with every row of the result, REPORT or not: 2 matched, 2 rows, no note', async () => {
    // recordsMatched counts the records the query matched, START lines too: one START + one REPORT row
    const file = write(
      'gqr.json',
      JSON.stringify({
        results: [START, ROW],
        statistics: { recordsMatched: 2.0, recordsScanned: 9.0 },
        status: 'Complete',
      }),
    );
    const t = await loadTrace(file);
    expect([t.info.rows, t.info.ignoredLines]).toEqual([1, 1]);
    expect(t.info.notes).toBeUndefined();
  });

  test('the complete sample (50 matched, 50 rows) has no note', async () => {
    const t = await loadTrace(`${DIR}logs_insights_getqueryresults_raw_embr_2023.json`);
    expect(t.info.notes).toBeUndefined();
  });
});

describe('a sparse trace', () => {
  test('its mean rate is written per hour, not rounded to "0.000 req/s" (acceptance-run finding)', async () => {
    // 12 requests from 2023-12-04T21:44:52.381Z to 2023-12-05T22:14:43.862Z (88,191.481 s):
    // 12 / 88,191.481 s × 3,600 s/h = 0.490 req/h
    const r = await runIn(['simulate', `${DIR}logs_insights_getqueryresults_embr_2023.json`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ mean rate +│ 0\.490 req\/h +│/);
  });
});

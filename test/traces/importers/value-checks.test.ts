/**
 * The importers apply the checks CSV traces get (test/traces/inputs.test.ts, csv-bytes.test.ts),
 * through the same functions (src/traces/bounds.ts): a run time or INIT over 7 days
 * (7 × 24 × 3,600,000 = 604,800,000 ms), a time past the end of year 9999
 * (Date.UTC(9999, 11, 31, 23, 59, 59, 999) = 253,402,300,799,999 ms), a function name that is not
 * valid UTF-8 (read as U+FFFD, so two names differing only there would merge). Each message names the
 * file, the line or record, and the field; with --skip-bad-rows the record is skipped and counted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { loadTrace } from '../../../src/traces/load.js';
import type { AnyTraceOptions } from '../../../src/traces/read-options.js';
import { scratch, write } from './helpers.js';

const BOUND =
  'more than 604,800,000 ms (7 days), the longest faasim reads: no platform it models runs a request that long (AWS Lambda stops at 15 minutes, Cloud Run at 60)';
const NOT_UTF8 = (name: string, at: number, what = 'function'): string =>
  `${what} name ${JSON.stringify(name)} is not valid UTF-8: its byte at offset ${at} (0-based, in the name) is not part of a UTF-8 character (shown as U+FFFD), and names differing only there would be merged into one ${what}; save the trace as UTF-8 (for example: iconv -f LATIN1 -t UTF-8)`;

async function failure(file: string, opts: AnyTraceOptions = {}): Promise<InputError> {
  const err = await loadTrace(file, opts).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

/** A file of these bytes (text, or bytes where a name must not be valid UTF-8). */
function bytes(name: string, ...parts: (string | number[])[]): string {
  const file = join(scratch(), name);
  writeFileSync(file, Buffer.concat(parts.map((p) => Buffer.from(p as string))));
  return file;
}

const REPORT = (d: string, init = ''): string =>
  `REPORT RequestId: 3b1c2a9e-0000-4000-8000-000000000001\tDuration: ${d} ms\tBilled Duration: 100 ms\tMemory Size: 256 MB\tMax Memory Used: 71 MB\t${init}`;

describe('CloudWatch REPORT lines', () => {
  test('a Duration or Init Duration over 7 days', async () => {
    const dur = write(
      'd.log',
      `2024-01-01T00:00:00Z ${REPORT('5')}\n2024-01-01T00:00:01Z ${REPORT('604800001')}\n`,
    );
    const e = await failure(dur);
    expect([e.code, e.message]).toEqual([
      'TRACE_DURATION_TOO_LONG',
      `${dur}:2: Duration: "604800001" is a run time of 604,800,001 ms, ${BOUND}`,
    ]);
    const init = write('i.log', `2024-01-01T00:00:00Z ${REPORT('5', 'Init Duration: 700000000.5 ms')}\n`);
    const i = await failure(init);
    expect([i.code, i.message]).toEqual([
      'TRACE_INIT_TOO_LONG',
      `${init}:1: Init Duration: "700000000.5" is an INIT of 700,000,000.5 ms, ${BOUND}`,
    ]);
    // at the bound: read
    const edge = await loadTrace(
      write('e.log', `2024-01-10T00:00:00Z ${REPORT('604800000', 'Init Duration: 604800000 ms')}\n`),
    );
    expect([edge.data.durationMs[0], edge.data.initMs[0]]).toEqual([604_800_000, 604_800_000]);
  });

  test('a log group name that is not valid UTF-8 (0xE9, Latin-1 é, at byte 3)', async () => {
    const file = bytes(
      'g.log',
      `2024-01-01T00:00:00Z /aws/lambda/ok s ${REPORT('5')}\n2024-01-01T00:00:01Z /aws/lambda/caf`,
      [0xe9],
      ` s ${REPORT('5')}\n`,
    );
    const e = await failure(file);
    expect([e.code, e.message]).toEqual([
      'TRACE_NAME_NOT_UTF8',
      `${file}:2: log group: ${NOT_UTF8('caf\uFFFD', 3)}`,
    ]);
    const skipped = await loadTrace(file, { skipBadRows: true });
    expect([skipped.info.rows, skipped.info.skippedRows, skipped.info.functionNames]).toEqual([1, 1, ['ok']]);
    expect(skipped.info.skipReasons).toEqual([`line 2: log group: ${NOT_UTF8('caf\uFFFD', 3)}`]);
    // valid UTF-8 beyond ASCII is a name like any other
    const utf8 = await loadTrace(write('u.log', `2024-01-01T00:00:00Z /aws/lambda/café s ${REPORT('5')}\n`));
    expect(utf8.info.functionNames).toEqual(['café']);
  });
});

describe('Logs Insights', () => {
  test('JSON: @duration or @initDuration over 7 days names the record and the field', async () => {
    const file = write(
      'q.json',
      JSON.stringify([
        { '@timestamp': '2024-01-01 00:00:00.000', '@duration': '5' },
        { '@timestamp': '2024-01-01 00:00:01.000', '@duration': '6.048E8', '@initDuration': '1' },
        { '@timestamp': '2024-01-01 00:00:02.000', '@duration': '1e20' },
      ]),
    );
    const e = await failure(file);
    expect(e.message).toBe(
      `${file} [2]: @duration: "1e20" is a run time of 100,000,000,000,000,000,000 ms, ${BOUND}`,
    );
    const init = write(
      'i.json',
      JSON.stringify({
        results: [
          [
            { field: '@timestamp', value: '2024-01-01 00:00:00.000' },
            { field: '@duration', value: '5' },
            { field: '@initDuration', value: '604800000.001' },
          ],
        ],
      }),
    );
    const i = await failure(init);
    expect([i.code, i.message]).toEqual([
      'TRACE_INIT_TOO_LONG',
      `${init} results[0]: @initDuration: "604800000.001" is an INIT of 604,800,000.001 ms, ${BOUND}`,
    ]);
  });

  test('JSON: a function name in @log that is not valid UTF-8', async () => {
    const file = bytes(
      'n.json',
      '[{"@timestamp":"2024-01-01 00:00:00.000","@duration":"5","@log":"1:/aws/lambda/x',
      [0xff],
      'y"}]',
    );
    const e = await failure(file);
    expect([e.code, e.message]).toEqual([
      'TRACE_NAME_NOT_UTF8',
      `${file} [0]: @log: ${NOT_UTF8('x\uFFFDy', 1)}`,
    ]);
  });

  test('the console CSV export names the column by number', async () => {
    const file = write(
      'q.csv',
      '@timestamp,@message,@logStream,@log\n2024-01-01 00:00:00.000,"REPORT RequestId: a\tDuration: 700000000 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\n",s,1:/aws/lambda/f\n',
    );
    const e = await failure(file);
    expect(e.message).toBe(
      `${file}:2: column 2 (@message): "700000000" is a run time of 700,000,000 ms, ${BOUND}`,
    );
  });
});

describe('Lambda JSON logs', () => {
  test('durationMs over 7 days', async () => {
    const rec = (ms: number): string =>
      `{"time":"2024-01-01T00:00:00.000Z","type":"platform.report","record":{"metrics":{"durationMs":${ms},"billedDurationMs":1,"memorySizeMB":128,"maxMemoryUsedMB":60}}}`;
    const file = write('l.json', `${rec(5)}\n${rec(604800001)}\n`);
    const e = await failure(file);
    expect(e.message).toBe(
      `${file}:2: record.metrics.durationMs: "604800001" is a run time of 604,800,001 ms, ${BOUND}`,
    );
  });
});

describe('Azure 2021', () => {
  test('a duration over 7 days, an end time past year 9999', async () => {
    const dur = write('d.csv', 'app,func,end_timestamp,duration\na,f,700000,604800.001\n');
    const e = await failure(dur);
    expect([e.code, e.message]).toEqual([
      'TRACE_DURATION_TOO_LONG',
      `${dur}:2: column 4 (duration): "604800.001" is a run time of 604,800,001 ms, ${BOUND}`,
    ]);
    const late = write('t.csv', 'app,func,end_timestamp,duration\na,f,1,0.5\na,f,1e300,0.5\n');
    const t = await failure(late);
    expect([t.code, t.message]).toEqual([
      'TRACE_TIMESTAMP_TOO_LARGE',
      `${late}:3: column 3 (end_timestamp): "1e300" s is past the end of year 9999 (253,402,300,799,999 ms from the epoch), the latest time faasim reads`,
    ]);
    const skipped = await loadTrace(late, { skipBadRows: true });
    expect([skipped.info.rows, skipped.info.skippedRows]).toEqual([1, 1]);
  });

  test('an app or func hash that is not valid UTF-8', async () => {
    const func = bytes('f.csv', 'app,func,end_timestamp,duration\na,ab', [0xc3], ',1,0.5\n');
    const e = await failure(func);
    expect([e.code, e.message]).toEqual([
      'TRACE_NAME_NOT_UTF8',
      `${func}:2: column 2 (func): ${NOT_UTF8('ab\uFFFD', 2)}`,
    ]);
    const app = bytes('a.csv', 'app,func,end_timestamp,duration\n', [0x80], 'a,f,1,0.5\n');
    const a = await failure(app);
    expect(a.message).toBe(`${app}:2: column 1 (app): ${NOT_UTF8('\uFFFDa', 0, 'app')}`);
  });
});

describe('a JSON file that is none of the JSON formats', () => {
  test('is refused as such, not with a CSV parser complaint about a quote (acceptance-run finding)', async () => {
    // the shape of lambda-perf's cold-start measurements: a JSON object, not a trace
    const file = write('measurements.json', '{"metadata": {"generatedAt": "2026-08-22"}, "runtimes": []}\n');
    const e = await loadTrace(file).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('TRACE_FORMAT');
    expect((e as InputError).message).toMatch(/this is JSON, but not a trace format faasim reads/);
    // a Logs Insights result still reads
    const rows = write('results.json', '{"results": [], "status": "Complete"}\n');
    await expect(loadTrace(rows)).rejects.not.toMatchObject({ code: 'TRACE_FORMAT' });
  });
});

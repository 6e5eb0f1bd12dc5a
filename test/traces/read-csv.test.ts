/** The CSV trace reader: columns, timestamps, errors with file, line and column, sorting, skipping. */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseColumnMap, readTraceCsv } from '../../src/traces/read-csv.js';
import { loadTrace } from '../../src/traces/load.js';
import { parseIsoTimestamp, type SplitTime } from '../../src/traces/timestamp.js';
import { writeTemp } from '../helpers/trace.js';

async function load(text: string, opts = {}) {
  return loadTrace(writeTemp('t.csv', text), opts);
}

async function failure(text: string, opts = {}): Promise<InputError> {
  try {
    await load(text, opts);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('the app column (what Azure scales and bills)', () => {
  test("each function's app is read from the row where the function first appears; without the column there is none", async () => {
    const t = await load(
      'timestamp,function,app,duration_ms\n0,api,shop,1\n1,report,ops,1\n2,api,other,1\n3,worker,shop,1\n',
      { timeUnit: 'ms' },
    );
    expect(t.info.functionNames).toEqual(['api', 'report', 'worker']);
    expect(t.info.functionApps).toEqual(['shop', 'ops', 'shop']);
    const h = await load('timestamp,function,HashApp,duration_ms\n0,api,a1,1\n', { timeUnit: 'ms' });
    expect(h.info.functionApps).toEqual(['a1']);
    expect(
      (await load('timestamp,function,duration_ms\n0,api,1\n', { timeUnit: 'ms' })).info.functionApps,
    ).toBeUndefined();
  });
});

describe('the trigger column (how Azure Flex groups functions)', () => {
  test("each function's trigger is read from the row where it first appears, trimmed; empty stays ''", async () => {
    const t = await load(
      'timestamp,function,Trigger,duration_ms\n0,api, http ,1\n1,jobs,queue,1\n2,api,timer,1\n3,misc,,1\n',
      { timeUnit: 'ms' },
    );
    expect(t.info.functionNames).toEqual(['api', 'jobs', 'misc']);
    expect(t.info.functionTriggers).toEqual(['http', 'queue', '']);
    expect(
      (await load('timestamp,function,duration_ms\n0,api,1\n', { timeUnit: 'ms' })).info.functionTriggers,
    ).toBeUndefined();
  });
});

describe('timestamps', () => {
  test('ISO 8601 with and without zone (no zone = UTC), offsets, fractions beyond milliseconds', () => {
    const out: SplitTime = { wholeMs: 0, fracMs: 0 };
    const epoch = (s: string) => (parseIsoTimestamp(s, out) ? out.wholeMs + out.fracMs : NaN);
    expect(epoch('2026-03-01T12:00:00Z')).toBe(Date.UTC(2026, 2, 1, 12));
    expect(epoch('2026-03-01T12:00:00')).toBe(Date.UTC(2026, 2, 1, 12));
    expect(epoch('2026-03-01 12:00:00.5')).toBe(Date.UTC(2026, 2, 1, 12) + 500);
    expect(epoch('2026-03-01T14:30:00+02:30')).toBe(Date.UTC(2026, 2, 1, 12));
    expect(epoch('2026-03-01T07:00:00-0500')).toBe(Date.UTC(2026, 2, 1, 12));
    expect(epoch('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    parseIsoTimestamp('2026-03-01T12:00:00.123456Z', out);
    expect(out.fracMs).toBeCloseTo(123.456, 9);
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-13-01',
      '2026-03-01T25:00',
      '2026-03-01T12:00:00Zjunk',
      '12:00',
      '2026/03/01',
    ]) {
      expect(parseIsoTimestamp(bad, out), bad).toBe(false);
    }
  });

  test('microseconds survive: times are relative to the first request', async () => {
    const t = await load(
      'timestamp,duration_ms\n2026-03-01T12:00:00.000001Z,1\n2026-03-01T12:00:00.000003Z,1\n',
    );
    expect(t.data.timeMs[1]! - t.data.timeMs[0]!).toBeCloseTo(0.002, 12);
    expect(t.info.originEpochMs).toBeCloseTo(Date.UTC(2026, 2, 1, 12) + 0.001, 6);
  });

  test('numeric epoch times: unit inferred from magnitude and reported', async () => {
    const s = await load('timestamp,duration_ms\n1772366400,5\n1772366401.5,5\n');
    expect([s.info.timeUnit, s.info.timeUnitSource, s.data.timeMs[1]]).toEqual(['s', 'inferred', 1500]);
    const ms = await load('timestamp,duration_ms\n1772366400000,5\n1772366400250,5\n');
    expect([ms.info.timeUnit, ms.data.timeMs[1]]).toEqual(['ms', 250]);
    const us = await load('timestamp,duration_ms\n1772366400000000,5\n1772366400000250,5\n');
    expect([us.info.timeUnit, us.data.timeMs[1]]).toEqual(['us', 0.25]);
  });

  test('small numbers are relative times whose unit must be given', async () => {
    const e = await failure('timestamp,duration_ms\n0,5\n1.5,5\n');
    expect(e.code).toBe('TRACE_AMBIGUOUS_TIME_UNIT');
    expect(e.message).toMatch(/t\.csv:2: .*--time-unit/);
    const t = await load('timestamp,duration_ms\n0,5\n1.5,5\n', { timeUnit: 's' });
    expect([t.data.timeMs[1], Number.isNaN(t.info.originEpochMs)]).toEqual([1500, true]);
  });
});

describe('columns', () => {
  test('found by name, case-insensitively, in any order; extra columns ignored', async () => {
    const t = await load(
      'Request_ID,Type,DURATION_MS,Function,TimeStamp,init_ms\nr1,async,12.5,api,2026-01-01T00:00:00Z,300\nr2,sync,7,worker,2026-01-01T00:00:01Z,\n',
    );
    expect(t.info.functionNames).toEqual(['api', 'worker']);
    expect(Array.from(t.data.durationMs.subarray(0, 2))).toEqual([12.5, 7]);
    expect(Array.from(t.data.isAsync.subarray(0, 2))).toEqual([1, 0]);
    expect(t.data.initMs[0]).toBe(300);
    expect(Number.isNaN(t.data.initMs[1]!)).toBe(true);
  });

  test('renamed with --columns', async () => {
    const t = await load('ts,took\n2026-01-01T00:00:00Z,3\n', {
      columns: { timestamp: 'ts', duration_ms: 'took' },
    });
    expect(t.data.durationMs[0]).toBe(3);
    const e = await failure('ts,took\n2026-01-01T00:00:00Z,3\n', { columns: { timestamp: 'time' } });
    expect(e.code).toBe('TRACE_MISSING_COLUMN');
  });

  test('a missing timestamp column names the header it saw', async () => {
    const e = await failure('time_of_day,duration_ms\n1,2\n');
    expect(e.code).toBe('TRACE_MISSING_COLUMN');
    expect(e.message).toMatch(/no "timestamp" column in the header \(time_of_day, duration_ms\)/);
  });
});

describe('bad input', () => {
  test('a bad value names file, line, column and value', async () => {
    const e = await failure('timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:00:01Z,-3\n');
    expect(e.message).toBe(
      't.csv:3: column 2 (duration_ms): "-3" is not a non-negative number'.replace(
        't.csv',
        e.issues[0]!.where.file!,
      ),
    );
    expect(e.issues[0]!.where).toMatchObject({ line: 3, column: 'duration_ms', columnNumber: 2 });
  });

  test('a row with fewer or more fields than the header is an error naming its line', async () => {
    const long = await failure(
      'timestamp,duration_ms\n2026-01-01T00:00:00Z,100\n2026-01-01T00:00:01Z,100,5\n',
    );
    expect(long.message).toMatch(/t\.csv:3: row has 3 fields, the header has 2$/);
    const short = await failure(
      'timestamp,function,duration_ms\n2026-01-01T00:00:00Z,a,100\n2026-01-01T00:00:01Z,a\n',
    );
    expect(short.message).toMatch(/t\.csv:3: row has 2 fields, the header needs at least 3$/);
    const skipped = await load(
      'timestamp,duration_ms\n2026-01-01T00:00:00Z,100\n2026-01-01T00:00:01Z,100,5\n',
      { skipBadRows: true },
    );
    expect([skipped.info.rows, skipped.info.skippedRows]).toEqual([1, 1]);
  });

  test('line numbers count newlines inside quoted fields', async () => {
    const e = await failure(
      'timestamp,note,duration_ms\n2026-01-01T00:00:00Z,"two\nlines",5\n2026-01-01T00:00:01Z,x,oops\n',
    );
    expect(e.issues[0]!.where.line).toBe(4);
  });

  test('an unsorted trace is an error naming the first line out of order, unless --sort', async () => {
    const text =
      'timestamp,duration_ms\n2026-01-01T00:00:05Z,1\n2026-01-01T00:00:09Z,2\n2026-01-01T00:00:03Z,3\n';
    const e = await failure(text);
    expect(e.code).toBe('TRACE_UNSORTED');
    expect(e.message).toMatch(
      /:4: column 1 \(timestamp\): "2026-01-01T00:00:03Z" is earlier than the one on line 3.*--sort/,
    );
    const t = await load(text, { sort: true });
    expect(Array.from(t.data.durationMs.subarray(0, 3))).toEqual([3, 1, 2]);
    expect(Array.from(t.data.timeMs.subarray(0, 3))).toEqual([0, 2000, 6000]);
    expect(t.info.order).toBe('sorted-in-memory');
    expect(t.info.originEpochMs).toBe(Date.UTC(2026, 0, 1, 0, 0, 3));
  });

  test('--skip-bad-rows skips them and says how many and why', async () => {
    const t = await load(
      'timestamp,duration_ms,type\n2026-01-01T00:00:00Z,1,sync\nnot-a-time,2,sync\n2026-01-01T00:00:02Z,x,sync\n2026-01-01T00:00:03Z,4,maybe\n2026-01-01T00:00:04Z,5\n',
      { skipBadRows: true },
    );
    expect(t.info.rows).toBe(1);
    expect(t.info.skippedRows).toBe(4);
    expect(t.info.skipReasons[0]).toMatch(
      /^line 3: column 1 \(timestamp\): "not-a-time" is not an ISO 8601 time/,
    );
    expect(t.info.skipReasons[3]).toMatch(/^line 6: row has 2 fields/);
  });

  test('empty file, header only, and invalid CSV', async () => {
    expect((await failure('')).code).toBe('TRACE_EMPTY');
    expect((await failure('timestamp,duration_ms\n')).code).toBe('TRACE_NO_ROWS');
    expect((await failure('timestamp,duration_ms\n"2026-01-01,1\n')).code).toBe('TRACE_CSV_SYNTAX');
    expect((await failure('timestamp,Timestamp\n1,2\n')).code).toBe('TRACE_DUPLICATE_COLUMN');
  });

  test('duration and duration_ms (or init and init_ms) together: refused, not one picked', async () => {
    // both name the run time: which one the user meant cannot be told (acceptance-run finding: duration_ms was used silently)
    const both = await failure('timestamp,function,duration,duration_ms\n2026-01-05T00:00:00Z,a,100,200\n');
    expect(both.code).toBe('TRACE_DUPLICATE_COLUMN');
    expect(both.message).toMatch(
      /columns "duration" \(3\) and "duration_ms" \(4\) both name the run time; keep one, or map one with --columns duration_ms=NAME/,
    );
    expect((await failure('timestamp,init_ms,init\n2026-01-05T00:00:00Z,1,2\n')).code).toBe(
      'TRACE_DUPLICATE_COLUMN',
    );
    // mapped by hand, the other is only an extra column
    const mapped = await load('timestamp,function,duration,duration_ms\n2026-01-05T00:00:00Z,a,100,200\n', {
      columns: { duration_ms: 'duration' },
    });
    expect(mapped.data.durationMs[0]).toBe(100);
  });

  test('a file that does not exist', async () => {
    await expect(loadTrace('/nonexistent/trace.csv')).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});

describe('streaming', () => {
  test('chunks are reused: a 200,000-row trace is decoded in 4 chunks of 65,536 rows or less', async () => {
    const lines = ['timestamp,duration_ms'];
    for (let i = 0; i < 200_000; i++) lines.push(`${1_700_000_000_000 + i},${i % 97}`);
    const file = writeTemp('big.csv', lines.join('\n') + '\n');
    const sizes: number[] = [];
    const arrays = new Set<Float64Array>();
    let sum = 0;
    const info = await readTraceCsv(file, {}, (chunk) => {
      sizes.push(chunk.count);
      arrays.add(chunk.timeMs);
      for (let i = 0; i < chunk.count; i++) sum += chunk.durationMs[i]!;
    });
    expect(sizes).toEqual([65_536, 65_536, 65_536, 3392]);
    expect(arrays.size).toBe(1);
    expect(info.rows).toBe(200_000);
    // Σ (i mod 97) for i < 200,000: 2,061 full cycles × 4,656 + Σ 0..(200,000 − 199,917 − 1)
    const full = Math.floor(200_000 / 97);
    const rest = 200_000 - full * 97;
    expect(sum).toBe(full * ((96 * 97) / 2) + ((rest - 1) * rest) / 2);
  });
});

describe('--columns names are data (issue 10)', () => {
  test.each(['constructor=x', '__proto__=x', 'toString=x', 'hasOwnProperty=ts', 'valueOf=ts'])(
    '%s is refused by name, not read as a column',
    (text) => {
      expect(() => parseColumnMap(text)).toThrow(/is not NAME=HEADER with NAME one of timestamp, time/);
    },
  );

  test('header names may be anything, __proto__ and constructor included', () => {
    const m = parseColumnMap('timestamp=__proto__,duration=constructor');
    expect(Object.entries(m)).toEqual([
      ['timestamp', '__proto__'],
      ['duration_ms', 'constructor'],
    ]);
  });

  test('a column mapped twice is refused (time and timestamp are one column)', () => {
    expect(() => parseColumnMap('timestamp=a,time=b')).toThrow(
      /--columns maps timestamp twice \("a" and "b"\)/,
    );
  });

  test('the scenario form: __proto__ as a key is refused, header names with commas and = are kept whole', async () => {
    const { runIn } = await import('../helpers/run-in-process.js');
    const trace = writeTemp('t.csv', '"a,b=c",duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:01:00Z,5\n');
    const scenario = (columns: string): string =>
      writeTemp('s.json', `{"trace": ${JSON.stringify(trace)}, "columns": ${columns}, "format": "json"}`);
    const proto = await runIn(['simulate', '--scenario', scenario('{"__proto__": "a,b=c"}')]);
    expect([proto.code, proto.stdout]).toEqual([2, '']);
    expect(proto.stderr).toMatch(/^faasim: .*columns: "__proto__" is not one of timestamp, time, /);
    const whole = await runIn(['simulate', '--scenario', scenario('{"timestamp": "a,b=c"}')]);
    expect([whole.code, whole.stderr]).toEqual([0, '']);
    expect(JSON.parse(whole.stdout).outcomes.requests).toBe(2);
  });
});

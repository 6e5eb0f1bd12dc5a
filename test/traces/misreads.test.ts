/**
 * Inputs that were once read wrongly without a word (issue 10 §1): each is now read exactly or
 * refused with the line that is wrong.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadTrace, type LoadTraceOptions } from '../../src/traces/load.js';

const dir = mkdtempSync(join(tmpdir(), 'faasim-misreads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string | Buffer): string {
  const f = join(dir, `t${n++}.csv`);
  writeFileSync(f, text);
  return f;
}

async function failure(text: string, opts: LoadTraceOptions = {}): Promise<InputError> {
  try {
    await loadTrace(file(text), opts);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('mixed timestamp units', () => {
  test('epoch seconds then milliseconds: the row 1000x off is refused on its line', async () => {
    const e = await failure('timestamp,duration_ms\n1772366400,5\n1772366401,5\n1772366402000,5\n');
    expect(e.code).toBe('TRACE_MIXED_TIME_UNIT');
    expect(e.issues[0]?.where.line).toBe(4);
    expect(e.message).toMatch(/1772366402000.*s \(inferred/);
  });

  test('milliseconds then microseconds, and the other way round', async () => {
    expect(
      (await failure('timestamp,duration_ms\n1772366400000,5\n1772366400000001,5\n')).issues[0]?.where.line,
    ).toBe(3);
    expect(
      (await failure('timestamp,duration_ms\n1772366400000000,5\n1772366400001,5\n')).issues[0]?.where.line,
    ).toBe(3);
  });

  test('--time-unit makes the unit explicit, and a row 1000x off it is still refused', async () => {
    const t = await loadTrace(file('timestamp,duration_ms\n1772366400,5\n1772366460,5\n'), { timeUnit: 's' });
    // 1772366460 - 1772366400 = 60 s = 60,000 ms
    expect(t.data.timeMs[1]).toBe(60_000);
    const e = await failure('timestamp,duration_ms\n1772366400,5\n1772366400000,5\n', { timeUnit: 's' });
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_MIXED_TIME_UNIT', 3]);
  });

  test('in the per-minute count layout too', async () => {
    const e = await failure('timestamp,count\n1772366400,5\n1772366460000,5\n');
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_MIXED_TIME_UNIT', 3]);
  });

  test('with --skip-bad-rows the row is skipped and counted', async () => {
    const t = await loadTrace(file('timestamp,duration_ms\n1772366400,5\n1772366400000,5\n1772366401,5\n'), {
      skipBadRows: true,
    });
    expect([t.info.rows, t.info.skippedRows, t.data.timeMs[1]]).toEqual([2, 1, 1000]);
  });
});

describe('per-minute counts are exact or refused', () => {
  test('a count of 2^32 + 3 is not read as 3: it is over the per-minute limit, which the message names', async () => {
    const e = await failure('timestamp,count\n2026-03-01T00:00:00Z,4294967299\n');
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_COUNT_LIMIT', 2]);
    expect(e.message).toMatch(/4,294,967,299.*10,000,000 requests a minute/);
  });

  test('two rows of one minute whose sum passes the limit are refused at the second', async () => {
    const e = await failure('timestamp,count\n2026-03-01T00:00:00Z,6000000\n2026-03-01T00:00:00Z,6000000\n');
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_COUNT_LIMIT', 3]);
    // 6,000,000 + 6,000,000 = 12,000,000 > 10,000,000
    expect(e.message).toMatch(/12,000,000/);
  });

  test('10^9 in one minute is refused up front, quickly, in both layouts', async () => {
    const started = Date.now();
    expect((await failure('timestamp,count\n2026-03-01T00:00:00Z,1000000000\n')).code).toBe(
      'TRACE_COUNT_LIMIT',
    );
    const e = await failure('HashOwner,HashApp,HashFunction,Trigger,1,2\no,a,f1,http,1000000000,0\n');
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_COUNT_LIMIT', 2]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('rows of one function and minute add up exactly', async () => {
    const t = await loadTrace(
      file('timestamp,count\n2026-03-01T00:00:00Z,3\n2026-03-01T00:00:00Z,4\n2026-03-01T00:01:00Z,2\n'),
    );
    // 3 + 4 = 7 in minute 0, 2 in minute 1
    expect(t.info.rows).toBe(9);
  });

  test('a count in exponent form that is whole is read; a fraction or a negative is not', async () => {
    expect((await loadTrace(file('timestamp,count\n2026-03-01T00:00:00Z,1e1\n'))).info.rows).toBe(10);
    expect((await failure('timestamp,count\n2026-03-01T00:00:00Z,2.5\n')).code).toBe('TRACE_BAD_COUNT');
    expect((await failure('timestamp,count\n2026-03-01T00:00:00Z,-1\n')).code).toBe('TRACE_BAD_COUNT');
  });
});

describe('Azure wide layout', () => {
  test('the same HashFunction and trigger on two rows is an error naming both lines', async () => {
    const e = await failure(
      'HashOwner,HashApp,HashFunction,Trigger,1,2\no,a,aaaaaaaa1111,http,1,0\no,a,aaaaaaaa1111,http,0,1\n',
    );
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_DUPLICATE_FUNCTION', 3]);
    expect(e.message).toMatch(/line 2/);
  });

  test('the same HashFunction with another trigger is one function with sync and async requests', async () => {
    const t = await loadTrace(
      file(
        'HashOwner,HashApp,HashFunction,Trigger,1,2\no,a,aaaaaaaa1111,http,1,0\no,a,aaaaaaaa1111,queue,0,2\n',
      ),
    );
    expect(t.info.functionNames).toEqual(['aaaaaaaa']);
    // 1 http (sync) + 2 queue (async)
    expect([t.info.rows, t.info.asyncRows]).toEqual([3, 2]);
  });

  test('a minute column named "0" is refused, not dropped', async () => {
    const e = await failure('HashOwner,HashApp,HashFunction,Trigger,0,1,2\no,a,f1,http,5,1,0\n');
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_BAD_MINUTE_COLUMN', 1]);
    expect(e.message).toMatch(/"0"/);
  });

  test('extra fields in a count row are an error naming the line, as in per-request traces', async () => {
    const e = await failure(
      'HashOwner,HashApp,HashFunction,Trigger,1,2\no,a,f1,http,1,0\no,a,f2,http,1,0,7\n',
    );
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_LONG_ROW', 3]);
    const l = await failure('timestamp,count\n2026-03-01T00:00:00Z,1,9\n');
    expect([l.code, l.issues[0]?.where.line]).toEqual(['TRACE_LONG_ROW', 2]);
  });
});

describe('--skip-bad-rows with a bad first row', () => {
  test('the timestamp format is decided by the first good row', async () => {
    const t = await loadTrace(file('timestamp,duration_ms\nnot-a-time,5\n1772366400,5\n1772366401,5\n'), {
      skipBadRows: true,
    });
    expect([t.info.rows, t.info.skippedRows, t.info.timeFormat, t.info.timeUnit, t.data.timeMs[1]]).toEqual([
      2,
      1,
      'numeric',
      's',
      1000,
    ]);
  });

  test('a first row with a good time and a bad duration fixes neither the unit nor the origin', async () => {
    const t = await loadTrace(
      file('timestamp,duration_ms\n1772366400000,oops\n1772366400,5\n1772366402,5\n'),
      { skipBadRows: true },
    );
    expect([t.info.rows, t.info.timeUnit, t.info.originEpochMs, t.data.timeMs[1]]).toEqual([
      2,
      's',
      1772366400_000,
      2000,
    ]);
  });

  test('an ISO first row that is bad does not make later numeric rows bad', async () => {
    const t = await loadTrace(
      file('timestamp,duration_ms\n2026-03-01T00:00:00Z,-1\n2026-03-01T00:00:01Z,5\n'),
      { skipBadRows: true },
    );
    expect([t.info.rows, t.info.originEpochMs]).toEqual([1, Date.UTC(2026, 2, 1, 0, 0, 1)]);
  });
});

describe('line ends', () => {
  test('a CRLF file with some LF-only lines: both end a line, no row is merged', async () => {
    const text = 'timestamp,duration_ms\r\n1772366400,5\n1772366401,6\r\n1772366402,7\n1772366403,8\r\n';
    const t = await loadTrace(file(text));
    expect(t.info.rows).toBe(4);
    expect(Array.from(t.data.durationMs)).toEqual([5, 6, 7, 8]);
    const q = await loadTrace(
      file('timestamp,"duration_ms"\r\n1772366400,5\n1772366401,"6"\r\n1772366402,7\n'),
    );
    expect(Array.from(q.data.durationMs)).toEqual([5, 6, 7]);
  });

  test('the count layouts too', async () => {
    const t = await loadTrace(file('timestamp,count\r\n2026-03-01T00:00:00Z,1\n2026-03-01T00:01:00Z,2\r\n'));
    expect(t.info.rows).toBe(3);
  });
});

describe('only decimal numbers are numbers in a trace', () => {
  const refused: [string, string, string][] = [
    ['duration 0x10', 'timestamp,duration_ms\n1772366400,0x10\n', 'TRACE_BAD_DURATION'],
    ['duration 0b11', 'timestamp,duration_ms\n1772366400,0b11\n', 'TRACE_BAD_DURATION'],
    ['duration 0o7', 'timestamp,duration_ms\n1772366400,0o7\n', 'TRACE_BAD_DURATION'],
    ['duration Infinity', 'timestamp,duration_ms\n1772366400,Infinity\n', 'TRACE_BAD_DURATION'],
    ['duration 1_000', 'timestamp,duration_ms\n1772366400,1_000\n', 'TRACE_BAD_DURATION'],
    ['init 0x10', 'timestamp,duration_ms,init_ms\n1772366400,5,0x10\n', 'TRACE_BAD_INIT'],
    ['memory 0x10', 'timestamp,duration_ms,memory_used_mb\n1772366400,5,0x10\n', 'TRACE_BAD_NUMBER'],
    [
      'timestamp 0x10 after a numeric one',
      'timestamp,duration_ms\n1772366400,5\n0x69A3C541,5\n',
      'TRACE_BAD_TIMESTAMP',
    ],
    ['timestamp 0x69A3C540 first', 'timestamp,duration_ms\n0x69A3C540,5\n', 'TRACE_BAD_TIMESTAMP'],
    ['timestamp Infinity', 'timestamp,duration_ms\n1772366400,5\nInfinity,5\n', 'TRACE_BAD_TIMESTAMP'],
    ['count 0x10', 'timestamp,count\n2026-03-01T00:00:00Z,0x10\n', 'TRACE_BAD_COUNT'],
    [
      'count 0b11 in the wide layout',
      'HashOwner,HashApp,HashFunction,Trigger,1\no,a,f,http,0b11\n',
      'TRACE_BAD_COUNT',
    ],
    ['count timestamp 0x10', 'timestamp,count\n0x10,1\n', 'TRACE_BAD_TIMESTAMP'],
  ];
  test.each(refused)('%s is refused', async (_name, text, code) => {
    const e = await failure(text, { timeUnit: undefined });
    expect(e.code).toBe(code);
    expect(e.issues[0]?.where.line).toBe(text.trimEnd().split('\n').length);
  });

  test('a leading + and an exponent are decimal, and read', async () => {
    const t = await loadTrace(file('timestamp,duration_ms\n1772366400,+5\n1772366401,1.5e1\n'));
    expect(Array.from(t.data.durationMs)).toEqual([5, 15]);
  });
});

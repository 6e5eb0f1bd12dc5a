/**
 * A bad cell of a CSV file is named by file, line, column number and the column's name in the header
 * (`t.csv:3: column 3 (Duration): …`): the number finds it in a wide file, the name says what it is.
 */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseMeasuredPointsCsv } from '../../src/memory/points-csv.js';
import { loadTrace } from '../../src/traces/load.js';
import { writeTemp } from '../helpers/trace.js';

async function failure(name: string, text: string, opts = {}): Promise<{ e: InputError; file: string }> {
  const file = writeTemp(name, text);
  const e = await loadTrace(file, opts).catch((x: unknown) => x);
  if (!(e instanceof InputError)) throw new Error(`expected an InputError, got ${String(e)}`);
  return { e, file };
}

describe('per-request CSV', () => {
  test("a bad duration: its column's number and header name (an accepted alias), then the value", async () => {
    const { e, file } = await failure(
      't.csv',
      'function,timestamp,Duration\napi,2026-01-01T00:00:00Z,5\napi,2026-01-01T00:00:01Z,abc\n',
    );
    expect(e.message).toBe(`${file}:3: column 3 (Duration): "abc" is not a non-negative number`);
    expect(e.issues[0]!.where).toMatchObject({ line: 3, column: 'Duration', columnNumber: 3 });
  });

  test('a bad timestamp, a bad optional number, an empty function, a bad type, a bad is_cold', async () => {
    const cases: [string, string][] = [
      [
        'function,timestamp\napi,2026-01-01T00:00:00Z\napi,noon\n',
        ':3: column 2 (timestamp): "noon" is not an ISO 8601 time (YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM])',
      ],
      [
        'timestamp,duration_ms,memory_used_mb\n2026-01-01T00:00:00Z,5,-1\n',
        ':2: column 3 (memory_used_mb): "-1" is not a non-negative number',
      ],
      ['timestamp,function\n2026-01-01T00:00:00Z, \n', ':2: column 2 (function): no function name'],
      [
        'timestamp,kind,function\n2026-01-01T00:00:00Z,later,api\n',
        ':2: column 2 (kind): "later" is not sync or async',
      ],
      [
        'timestamp,duration_ms,is_cold\n2026-01-01T00:00:00Z,5,yes\n',
        ':2: column 3 (is_cold): "yes" is not 1, 0, true or false',
      ],
    ];
    for (const [text, expected] of cases) {
      const opts = text.includes('kind') ? { columns: { type: 'kind' } } : {};
      const { e, file } = await failure('t.csv', text, opts);
      expect(e.message).toBe(`${file}${expected}`);
    }
  });

  test('with --skip-bad-rows each reason names the line and the column', async () => {
    const t = await loadTrace(
      writeTemp('t.csv', 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5\n2026-01-01T00:00:01Z,-3\n'),
      { skipBadRows: true },
    );
    expect(t.info.skipReasons).toEqual(['line 3: column 2 (duration_ms): "-3" is not a non-negative number']);
  });

  test('a column named twice in the header: both numbers', async () => {
    const { e, file } = await failure(
      't.csv',
      'timestamp,duration_ms,Duration_MS\n2026-01-01T00:00:00Z,5,6\n',
    );
    expect(e.message).toBe(`${file}:1: column "duration_ms" appears twice in the header (columns 2 and 3)`);
  });

  test('a row that is too short or too long has no column to name', async () => {
    const { e, file } = await failure('t.csv', 'timestamp,duration_ms\n2026-01-01T00:00:00Z,5,6\n');
    expect(e.message).toBe(`${file}:2: row has 3 fields, the header has 2`);
  });
});

describe('counts per minute', () => {
  test('the wide (Azure) layout names the minute column by its number in the file', async () => {
    const { e, file } = await failure(
      'wide.csv',
      'HashOwner,HashApp,HashFunction,Trigger,1,2,3\no1,a1,aaaa,http,2,0,3\no1,a1,bbbb,queue,1,x,0\n',
    );
    expect(e.message).toBe(`${file}:3: column 6 (2): "x" is not a whole number of requests`);
  });

  test('the long layout', async () => {
    const { e, file } = await failure('long.csv', 'function,timestamp,count\napi,2026-03-01T00:00:00Z,2.5\n');
    expect(e.message).toBe(`${file}:2: column 3 (count): "2.5" is not a whole number of requests`);
    const t = await failure('long.csv', 'timestamp,count\n2026-03-01T00:00:30Z,1\n2026-03-01T00:01:00Z,1\n');
    expect(t.e.message).toBe(
      `${t.file}:3: column 1 (timestamp): "2026-03-01T00:01:00Z" is not a whole number of minutes after the first row's`,
    );
  });
});

describe('importers and other CSV files', () => {
  test('Azure 2021: the duration column', async () => {
    const { e, file } = await failure('bad.csv', 'app,func,end_timestamp,duration\na,f,1.0,2.0\n');
    expect(e.message).toBe(
      `${file}:2: column 4 (duration): "2.0" is not a number of seconds between 0 and end_timestamp (1.0)`,
    );
  });

  test('measured points (sweep --duration-model points)', () => {
    const e = (() => {
      try {
        parseMeasuredPointsCsv('memory_mb,duration_ms\n128,400\n256,abc\n', 'points.csv');
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toBe(
      'points.csv:3: column 2 (duration_ms): "abc" is not a positive number',
    );
  });
});

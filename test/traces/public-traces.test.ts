/**
 * Public traces as a new user holds them (issue 9 §0): a slice of the Azure Functions 2019 layout
 * recognised by its shape with its time of day kept, and per-request files with durations in
 * seconds or end timestamps read with --duration-unit and --timestamp-is.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { loadTrace, type LoadTraceOptions } from '../../src/traces/load.js';
import { simulateFile } from '../../src/simulate.js';
import { config } from '../helpers/trace.js';

const dir = mkdtempSync(join(tmpdir(), 'faasim-public-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(text: string): string {
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

const minutes = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('Azure Functions 2019 layout by its shape', () => {
  test('minute columns 481..960: recognised, and minute 481 starts 480 minutes after midnight', async () => {
    const cols = minutes(481, 960);
    const counts = cols.map((m) => (m === 481 ? 2 : m === 960 ? 1 : 0));
    const t = await loadTrace(
      file(
        `HashOwner,HashApp,HashFunction,Trigger,${cols.join(',')}\no,a,abcdef0123456789,http,${counts.join(',')}\n`,
      ),
    );
    expect(t.info.countLayout).toBe('wide');
    expect(t.info.rows).toBe(3);
    // minute 481 covers [480, 481) min = [28,800,000, 28,860,000) ms; minute 960 covers [959, 960) min
    expect(t.data.timeMs[0]).toBeGreaterThanOrEqual(480 * 60_000);
    expect(t.data.timeMs[1]).toBeLessThan(481 * 60_000);
    expect(t.data.timeMs[2]).toBeGreaterThanOrEqual(959 * 60_000);
    expect(t.data.timeMs[2]).toBeLessThan(960 * 60_000);
    // 480 minute columns = 8 hours covered, from 08:00
    expect([t.info.firstMs, t.info.coveredMs]).toEqual([480 * 60_000, 480 * 60_000]);
  });

  test('--timestamp-is end through a whole simulation: the report says how arrivals were derived', async () => {
    const r = await simulateFile(
      file('timestamp,duration_ms\n1772366400000,10\n1772366400100,20\n'),
      { timestampIs: 'end' },
      config(),
    );
    // arrivals 1772366400000 - 10 = ...399990 and 1772366400100 - 20 = ...400080: 90 ms apart
    expect([r.trace.requests, r.trace.spanMs, r.trace.firstIso]).toEqual([2, 90, '2026-03-01T11:59:59.990Z']);
    expect(r.trace.timestamps).toMatch(/arrival = end − duration \(--timestamp-is end\)/);
  });

  test('a simulation of the slice spans its 480 minutes', async () => {
    const cols = minutes(481, 960);
    const f = file(
      `HashOwner,HashApp,HashFunction,Trigger,${cols.join(',')}\no,a,abcdef0123456789,http,${cols.map(() => 1).join(',')}\n`,
    );
    const r = await simulateFile(f, {}, config({ duration: { kind: 'constant', ms: 100 } }));
    expect([r.trace.requests, r.trace.spanMs]).toEqual([480, 480 * 60_000]);
    expect(r.trace.timestamps).toMatch(/minutes 481\.\.960 of the day/);
  });

  test('a gap in the run of minute columns names the missing minute; no minute columns names the layout expected', async () => {
    const e = await failure('HashOwner,HashApp,HashFunction,Trigger,481,482,484\no,a,f,http,1,1,1\n');
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_MISSING_COLUMN', 1]);
    expect(e.message).toMatch(/"483" is missing .* 481 to 484/);
    const none = await failure('HashOwner,HashApp,HashFunction,Trigger,Total\no,a,f,http,1\n');
    expect(none.code).toBe('TRACE_LAYOUT');
    expect(none.message).toMatch(
      /Azure Functions 2019 invocation-count layout: HashOwner,HashApp,HashFunction,Trigger, then one column per minute/,
    );
  });

  test('a header without a timestamp column is not dumped whole into the message', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `column_${i}`);
    const e = await failure(`${names.join(',')}\n${names.map(() => 1).join(',')}\n`);
    expect(e.code).toBe('TRACE_MISSING_COLUMN');
    expect(e.message.length).toBeLessThan(400);
    expect(e.message).toMatch(/column_0, column_1, .* and 29\d more/);
  });
});

describe('--duration-unit and --timestamp-is', () => {
  const AZURE_2021 =
    'app,func,end_timestamp,duration\na,f,1772366400.5,0.25\na,f,1772366401.2,0.2\na,f,1772366402.75,0.5\n';
  const columns = { timestamp: 'end_timestamp', function: 'func', duration_ms: 'duration' };

  test('durations that are all below 1 with fractions are refused as looking like seconds', async () => {
    const e = await failure(AZURE_2021, { columns });
    expect([e.code, e.issues[0]?.where.line]).toEqual(['TRACE_DURATION_UNIT', 2]);
    expect(e.message).toMatch(/looks like seconds.*--duration-unit s/);
  });

  test('--duration-unit s reads them as seconds, and --timestamp-is end makes arrival = end - duration', async () => {
    const t = await loadTrace(file(AZURE_2021), { columns, durationUnit: 's', timestampIs: 'end' });
    // durations 0.25 s, 0.2 s, 0.5 s = 250, 200, 500 ms
    expect(Array.from(t.data.durationMs)).toEqual([250, 200, 500]);
    // arrivals: 1772366400.5 - 0.25 = 400.25, 1772366401.2 - 0.2 = 401.0, 1772366402.75 - 0.5 = 402.25 (s),
    // relative to the first arrival 1772366400.25 s: 0, 750, 2000 ms
    expect(t.data.timeMs[0]).toBe(0);
    expect(t.data.timeMs[1]).toBeCloseTo(750, 3);
    expect(t.data.timeMs[2]).toBeCloseTo(2000, 3);
    expect(t.info.originEpochMs).toBeCloseTo(1772366400_250, 3);
  });

  test('--timestamp-is end with init_ms: arrival = end − duration − INIT, as the log readers (acceptance-run finding)', async () => {
    const t = await loadTrace(
      file(
        'timestamp,duration_ms,init_ms\n2024-01-01T00:00:01.000Z,100,500\n2024-01-01T00:00:10.000Z,100,\n',
      ),
      { timestampIs: 'end' },
    );
    // cold: 00:00:01.000 − 100 − 500 ms = 00:00:00.400; warm: 00:00:10.000 − 100 ms = 00:00:09.900, 9,500 ms later
    expect(t.info.originEpochMs).toBe(Date.parse('2024-01-01T00:00:00.400Z'));
    expect(Array.from(t.data.timeMs)).toEqual([0, 9_500]);
    const r = await simulateFile(t.info.file, { timestampIs: 'end' }, config());
    expect(r.trace.firstIso).toBe('2024-01-01T00:00:00.400Z');
    expect(r.trace.timestamps).toMatch(/arrival = end − duration − init_ms \(--timestamp-is end\)/);
  });

  test('--duration-unit ms keeps sub-millisecond durations as they are; us divides by 1000', async () => {
    const ms = await loadTrace(file(AZURE_2021), { columns, durationUnit: 'ms' });
    expect(Array.from(ms.data.durationMs)).toEqual([0.25, 0.2, 0.5]);
    const us = await loadTrace(file('timestamp,duration_ms\n1772366400,1500\n'), { durationUnit: 'us' });
    expect(us.data.durationMs[0]).toBe(1.5);
  });

  test('whole durations below 1 (0) or any duration of 1 or more are milliseconds as before', async () => {
    const t = await loadTrace(file('timestamp,duration_ms\n1772366400,0.5\n1772366401,12\n'));
    expect(Array.from(t.data.durationMs)).toEqual([0.5, 12]);
  });

  test('end times out of arrival order need --sort; --timestamp-is end without a duration column is refused', async () => {
    const unsorted = 'timestamp,duration_ms\n1772366400000,10\n1772366400005,100\n';
    // arrivals 0 - 10 = -10 ms and 5 - 100 = -95 ms after the first end: the second arrives first
    expect((await failure(unsorted, { timestampIs: 'end' })).code).toBe('TRACE_UNSORTED');
    const sorted = await loadTrace(file(unsorted), { timestampIs: 'end', sort: true });
    expect(Array.from(sorted.data.durationMs)).toEqual([100, 10]);
    expect((await failure('timestamp\n1772366400\n', { timestampIs: 'end' })).code).toBe(
      'TRACE_MISSING_COLUMN',
    );
  });
});

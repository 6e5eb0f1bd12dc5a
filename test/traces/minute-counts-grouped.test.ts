/**
 * Per-minute counts exported grouped by function (function a's minutes, then function b's, each block
 * sorted by time) are the same trace as the file sorted by time: each function's rows must be in time
 * order, not the whole file's.
 */
import { describe, expect, test } from 'vitest';
import type { InputError } from '../../src/errors.js';
import { loadTrace } from '../../src/traces/load.js';
import { writeTemp } from '../helpers/trace.js';

const at = (m: number): string => `2026-01-01T10:${String(m).padStart(2, '0')}:00Z`;
// a: 2, 0, 3 requests in minutes 1..3; b: 1, 4 in minutes 0 and 2 (b starts before a)
const A = [1, 2, 3].map((m, i) => `${at(m)},${[2, 0, 3][i]},a`);
const B = [0, 2].map((m, i) => `${at(m)},${[1, 4][i]},b`);
const HEADER = 'timestamp,count,function';

describe('count traces grouped by function', () => {
  test('a block per function, each sorted, equals the time-sorted file row for row', async () => {
    const sorted = [at(0) + ',1,b', A[0], at(2) + ',4,b', A[1], A[2]] as string[];
    // function order follows first appearance: b first in both files
    const grouped = [...B, ...A];
    const s = await loadTrace(writeTemp('sorted.csv', [HEADER, ...sorted].join('\n')), { spreadSeed: 7 });
    const g = await loadTrace(writeTemp('grouped.csv', [HEADER, ...grouped].join('\n')), { spreadSeed: 7 });
    expect(g.info.functionNames).toEqual(['b', 'a']);
    expect(g.info.rows).toBe(1 + 4 + 2 + 0 + 3);
    expect(g.info.originEpochMs).toBe(Date.UTC(2026, 0, 1, 10, 0));
    expect(g.info.coveredMs).toBe(4 * 60_000);
    expect(Array.from(g.data.timeMs)).toEqual(Array.from(s.data.timeMs));
    expect(Array.from(g.data.fn)).toEqual(Array.from(s.data.fn));
  });

  test('a later block starting before the first row moves the origin to it', async () => {
    // a (minutes 1..3) first, then b from minute 0: the trace opens at minute 0
    const g = await loadTrace(writeTemp('a-first.csv', [HEADER, ...A, ...B].join('\n')), { spreadSeed: 7 });
    expect(g.info.functionNames).toEqual(['a', 'b']);
    expect(g.info.originEpochMs).toBe(Date.UTC(2026, 0, 1, 10, 0));
    expect(g.info.coveredMs).toBe(4 * 60_000);
    const perFnMinute = new Map<string, number>();
    for (let i = 0; i < g.data.count; i++) {
      const key = `${g.info.functionNames[g.data.fn[i] as number]}@${Math.floor((g.data.timeMs[i] as number) / 60_000)}`;
      perFnMinute.set(key, (perFnMinute.get(key) ?? 0) + 1);
    }
    expect(Object.fromEntries(perFnMinute)).toEqual({ 'b@0': 1, 'a@1': 2, 'b@2': 4, 'a@3': 3 });
  });

  test("a function's own rows out of order are still refused, naming the function", async () => {
    const back = (await loadTrace(writeTemp('back.csv', [HEADER, A[1], A[0], ...B].join('\n'))).catch(
      (x) => x,
    )) as InputError;
    expect(back.code).toBe('TRACE_UNSORTED');
    expect(back.message).toMatch(/back\.csv:3:.*earlier than function a's row before/);
    // --sort does not reorder count files: the message says so (acceptance-run finding)
    expect(back.message).toMatch(/--sort is for request traces: sort this file by its time column first$/);
  });
});

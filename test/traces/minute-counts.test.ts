/** Traces of counts per minute: the long (timestamp,count) and the Azure wide layouts. */
import { describe, expect, test } from 'vitest';
import type { InputError } from '../../src/errors.js';
import { loadTrace } from '../../src/traces/load.js';
import { simulateFile } from '../../src/simulate.js';
import { config, writeTemp } from '../helpers/trace.js';

const WIDE = [
  'HashOwner,HashApp,HashFunction,Trigger,1,2,3',
  'o1,a1,aaaaaaaa1111,http,2,0,3',
  'o1,a1,bbbbbbbb2222,queue,1,1,0',
].join('\n');

describe('Azure wide layout', () => {
  test('each minute’s count becomes that many requests inside the minute, http sync, others async', async () => {
    const t = await loadTrace(writeTemp('wide.csv', WIDE));
    expect(t.info.countLayout).toBe('wide');
    expect(t.info.functionNames).toEqual(['aaaaaaaa', 'bbbbbbbb']);
    expect(t.info.functionApps).toEqual(['a1', 'a1']);
    expect(t.info.functionTriggers).toEqual(['http', 'queue']);
    expect(t.info.rows).toBe(2 + 3 + 1 + 1);
    expect(t.info.coveredMs).toBe(3 * 60_000);
    const perMinute = [0, 0, 0];
    const asyncByFn = new Map<number, number>();
    for (let i = 0; i < t.data.count; i++) {
      const m = Math.floor(t.data.timeMs[i]! / 60_000);
      perMinute[m]!++;
      asyncByFn.set(t.data.fn[i]!, t.data.isAsync[i]!);
      if (i > 0) expect(t.data.timeMs[i]!).toBeGreaterThanOrEqual(t.data.timeMs[i - 1]!);
    }
    expect(perMinute).toEqual([3, 1, 3]);
    expect([asyncByFn.get(0), asyncByFn.get(1)]).toEqual([0, 1]);
  });

  test('the spread is fixed by the seed', async () => {
    const file = writeTemp('wide.csv', WIDE);
    const a = await loadTrace(file, { spreadSeed: 1 });
    const b = await loadTrace(file, { spreadSeed: 1 });
    const c = await loadTrace(file, { spreadSeed: 2 });
    expect(Array.from(a.data.timeMs)).toEqual(Array.from(b.data.timeMs));
    expect(Array.from(a.data.timeMs)).not.toEqual(Array.from(c.data.timeMs));
  });

  test('a simulation covers whole minutes and needs run times from the configuration', async () => {
    const file = writeTemp('wide.csv', WIDE);
    await expect(simulateFile(file, {}, config())).rejects.toMatchObject({ code: 'NO_DURATIONS' });
    const r = await simulateFile(file, {}, config({ duration: { kind: 'constant', ms: 100 } }));
    expect([r.trace.requests, r.trace.spanMs, r.trace.spanSource]).toEqual([
      7,
      180_000,
      'whole minutes counted',
    ]);
    expect(r.trace.timestamps).toMatch(/counts per minute \(Azure Functions trace layout\)/);
  });

  test('a bad count names the line and the minute column', async () => {
    const e = (await loadTrace(writeTemp('bad.csv', WIDE.replace('1,1,0', '1,x,0'))).catch(
      (x) => x,
    )) as InputError;
    expect(e.message).toMatch(/bad\.csv:3: column 6 \(2\): "x" is not a whole number of requests/);
  });
});

describe('long layout', () => {
  test('timestamp,function,count rows on a minute grid', async () => {
    const t = await loadTrace(
      writeTemp(
        'long.csv',
        'timestamp,function,count,type\n2026-01-01T10:00:00Z,api,2,sync\n2026-01-01T10:00:00Z,job,1,async\n2026-01-01T10:02:00Z,api,4,sync\n',
      ),
    );
    expect(t.info.countLayout).toBe('long');
    expect([t.info.rows, t.info.coveredMs, t.info.originEpochMs]).toEqual([
      7,
      180_000,
      Date.UTC(2026, 0, 1, 10),
    ]);
  });

  test('off the minute grid or out of order is an error naming the line', async () => {
    const off = (await loadTrace(
      writeTemp('off.csv', 'timestamp,count\n2026-01-01T10:00:00Z,2\n2026-01-01T10:00:30Z,1\n'),
    ).catch((x) => x)) as InputError;
    expect(off.code).toBe('TRACE_OFF_GRID');
    expect(off.message).toMatch(/off\.csv:3:/);
    const back = (await loadTrace(
      writeTemp('back.csv', 'timestamp,count\n2026-01-01T10:05:00Z,2\n2026-01-01T10:00:00Z,1\n'),
    ).catch((x) => x)) as InputError;
    expect(back.code).toBe('TRACE_UNSORTED');
  });
});

describe('count traces: window, types per row, line numbers', () => {
  test('the window opens at the first minute, not at the first drawn request', async () => {
    // 10 minutes, requests only in the last: provisioned capacity covers all 10 minutes
    // (1 × 128 MB × 600 s = 75 GB-s per span; × 30 d / 10 min = 4,320 → 324,000 GB-s a month)
    const file = writeTemp(
      'late.csv',
      'timestamp,count\n' + Array.from({ length: 9 }, (_, i) => `${i * 60},0`).join('\n') + '\n540,3\n',
    );
    const r = await simulateFile(
      file,
      { timeUnit: 's' },
      config({ duration: { kind: 'constant', ms: 100 }, provisioned: 1 }),
    );
    const configured = r.cost.lines
      .filter((l) => l.id === 'provisioned-capacity' || l.id === 'provisioned-used')
      .reduce((a, l) => a + l.quantity, 0);
    expect(configured).toBeCloseTo(324_000, 6);
    expect(r.trace.spanMs).toBe(600_000);
  });

  test('sync and async rows of one function keep their own type', async () => {
    const t = await loadTrace(
      writeTemp('types.csv', 'timestamp,function,count,type\n0,f,5,sync\n0,f,5,async\n60,f,5,sync\n'),
      { timeUnit: 's' },
    );
    expect([t.info.rows, t.info.asyncRows, t.info.functionNames]).toEqual([15, 5, ['f']]);
  });

  test('errors name the file line, blank lines counted', async () => {
    const e = (await loadTrace(writeTemp('blank.csv', 'timestamp,count\n\n0,1\n\n60,x\n'), {
      timeUnit: 's',
    }).catch((x) => x)) as InputError;
    expect(e.message).toMatch(/blank\.csv:5: column 2 \(count\): "x"/);
  });
});

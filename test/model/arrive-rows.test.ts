/**
 * Platform.arriveRows against Platform.arrive row by row: the same observer events, whether the rows'
 * INIT, memory, CPU and response-size columns are all NaN (the path that passes the literal NaN) or
 * hold some values.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { NullObserver } from '../../src/model/observer.js';
import { Platform } from '../../src/model/platform.js';
import type { ModelSpec } from '../../src/model/spec.js';
import { fnSpec, platformSpec } from '../helpers/model.js';

/** Every invocation as the observer saw it, its numbers verbatim (NaN compares equal in toEqual). */
class Log extends NullObserver {
  readonly events: number[][] = [];
  override onInvocation(
    fn: number,
    flags: number,
    arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    instance: number,
    responseBytes = NaN,
  ): void {
    this.events.push([
      fn,
      flags,
      arrivalMs,
      startMs,
      initMs,
      runMs,
      memoryUsedMb,
      cpuMs,
      instance,
      responseBytes,
    ]);
  }
  override onInstanceStop(fn: number, instance: number, timeMs: number): void {
    this.events.push([fn, instance, timeMs]);
  }
}

const spec = (): ModelSpec => ({
  platform: platformSpec({ keepAlive: { kind: 'uniform', minMs: 50, maxMs: 80 } }),
  functions: [fnSpec({ name: 'a' }), fnSpec({ name: 'b' })],
  functionDefaults: () => {
    throw new Error('both functions are declared');
  },
  seed: 3,
  epochOffsetMs: 0,
});

const row = fc.record({
  gapMs: fc.integer({ min: 0, max: 60 }),
  fn: fc.integer({ min: 0, max: 1 }),
  runMs: fc.double({ min: 1, max: 90, noNaN: true }),
  initMs: fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: undefined }),
  memoryUsedMb: fc.option(fc.integer({ min: 1, max: 512 }), { nil: undefined }),
  cpuMs: fc.option(fc.double({ min: 0, max: 10, noNaN: true }), { nil: undefined }),
  responseBytes: fc.option(fc.integer({ min: 0, max: 1e6 }), { nil: undefined }),
  isAsync: fc.boolean(),
});

describe('Platform.arriveRows', () => {
  test('gives the events arrive gives row by row, with and without the optional columns', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.boolean(), (rows, optional) => {
        const col = (f: (r: (typeof rows)[number]) => number | undefined): Float64Array =>
          Float64Array.from(rows, (r) => (optional ? (f(r) ?? NaN) : NaN));
        let t = 0;
        const timeMs = Float64Array.from(rows, (r) => (t += r.gapMs));
        const cols = {
          fn: Uint32Array.from(rows, (r) => r.fn),
          timeMs,
          durationMs: Float64Array.from(rows, (r) => r.runMs),
          initMs: col((r) => r.initMs),
          isAsync: Uint8Array.from(rows, (r) => (r.isAsync ? 1 : 0)),
          memoryUsedMb: col((r) => r.memoryUsedMb),
          cpuMs: col((r) => r.cpuMs),
          responseBytes: col((r) => r.responseBytes),
        };
        const endMs = t + 1000;
        const byRows = new Log();
        const p = new Platform(spec(), byRows);
        p.arriveRows(cols, rows.length, [0, 1]);
        p.finish(endMs);
        const oneByOne = new Log();
        const q = new Platform(spec(), oneByOne);
        for (let i = 0; i < rows.length; i++)
          q.arrive(
            cols.fn[i] as number,
            cols.timeMs[i] as number,
            cols.durationMs[i] as number,
            cols.initMs[i] as number,
            cols.isAsync[i] === 1,
            cols.memoryUsedMb[i] as number,
            cols.cpuMs[i] as number,
            cols.responseBytes[i] as number,
          );
        q.finish(endMs);
        expect(byRows.events).toEqual(oneByOne.events);
        expect(byRows.events.length).toBeGreaterThanOrEqual(rows.length);
      }),
      { numRuns: 150 },
    );
  });
});

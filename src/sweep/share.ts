/**
 * A decoded trace on shared memory: each column copied once into a SharedArrayBuffer, so worker
 * threads read the same bytes (posting a typed array over a SharedArrayBuffer shares it, it does not
 * copy it) and no worker re-reads or re-parses the CSV.
 */
import type { Trace, TraceChunk } from '../traces/trace.js';

type Column = Float64Array | Uint32Array | Uint8Array;

function shared<T extends Column>(a: T, count: number, make: (b: SharedArrayBuffer) => T): T {
  if (a.buffer instanceof SharedArrayBuffer && a.length === count) return a;
  const out = make(new SharedArrayBuffer(count * a.BYTES_PER_ELEMENT));
  out.set(a.subarray(0, count) as never);
  return out;
}

export function isShared(trace: Trace): boolean {
  return trace.data.timeMs.buffer instanceof SharedArrayBuffer;
}

/** The same trace with every column on a SharedArrayBuffer of exactly `count` rows. */
export function shareTrace(trace: Trace): Trace {
  const c = trace.data;
  const n = c.count;
  const f64 = (a: Float64Array): Float64Array => shared(a, n, (b) => new Float64Array(b));
  const data: TraceChunk = {
    count: n,
    timeMs: f64(c.timeMs),
    fn: shared(c.fn, n, (b) => new Uint32Array(b)),
    durationMs: f64(c.durationMs),
    initMs: f64(c.initMs),
    isAsync: shared(c.isAsync, n, (b) => new Uint8Array(b)),
    memoryUsedMb: f64(c.memoryUsedMb),
    cpuMs: f64(c.cpuMs),
    responseBytes: f64(c.responseBytes),
    isCold: shared(c.isCold, n, (b) => new Uint8Array(b)),
  };
  return { info: trace.info, data };
}

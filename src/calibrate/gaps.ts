/**
 * Idle gaps from a log that says which requests were cold: for each request after a function's
 * first, the time since the function last had nothing in flight, labelled by whether the request
 * found an instance alive (warm) or not (cold).
 *
 * A log shows requests, not instances. Where a function ran several requests at once, it had several
 * instances, each idle for its own time, and which one a request reached is not in the log. So a gap
 * is used only when every earlier request of the function had ended before this one arrived
 * (concurrency 1 at the arrival): then the instance the request could reach is the one that served
 * the previous request (or one idle for longer, which, with a fixed keep-alive, expired first).
 */
import type { Trace } from '../traces/trace.js';

export interface IdleGaps {
  /** the usable gaps, in ms, in the log's order */
  gapMs: Float64Array;
  /** 1 = the request after the gap was cold */
  cold: Uint8Array;
  /** function index of each gap */
  fn: Uint32Array;
  /** requests that were each function's first (no gap before them) */
  firstRequests: number;
  /** requests that arrived while an earlier request of their function was still in flight */
  overlapping: number;
  /** of those, the ones the log says were cold (a new instance for the extra concurrency) */
  overlappingCold: number;
  /** the log has run times (else gaps are between arrivals, run times taken as 0) */
  hasDurations: boolean;
}

/**
 * A request ends at arrival + INIT (when cold and the log gives it) + run time: the simulator's own
 * rule, so that logs it writes are read back exactly.
 */
export function idleGaps(trace: Trace): IdleGaps {
  const { data, info } = trace;
  const n = data.count;
  const fnCount = info.functionNames.length;
  const lastEnd = new Float64Array(fnCount).fill(NaN);
  const gapMs = new Float64Array(n);
  const cold = new Uint8Array(n);
  const fnOf = new Uint32Array(n);
  let used = 0;
  let firstRequests = 0;
  let overlapping = 0;
  let overlappingCold = 0;
  for (let i = 0; i < n; i++) {
    const f = data.fn[i] as number;
    const t = data.timeMs[i] as number;
    const isCold = data.isCold[i] as number;
    const init = isCold === 1 && !Number.isNaN(data.initMs[i] as number) ? (data.initMs[i] as number) : 0;
    const run = Number.isNaN(data.durationMs[i] as number) ? 0 : (data.durationMs[i] as number);
    const end = t + init + run;
    const prev = lastEnd[f] as number;
    if (Number.isNaN(prev)) firstRequests++;
    else if (t < prev) {
      overlapping++;
      overlappingCold += isCold;
    } else {
      gapMs[used] = t - prev;
      cold[used] = isCold;
      fnOf[used] = f;
      used++;
    }
    if (!(end <= prev)) lastEnd[f] = end;
  }
  return {
    gapMs: gapMs.slice(0, used),
    cold: cold.slice(0, used),
    fn: fnOf.slice(0, used),
    firstRequests,
    overlapping,
    overlappingCold,
    hasDurations: info.columns.duration_ms !== null,
  };
}

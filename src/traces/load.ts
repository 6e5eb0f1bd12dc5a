/** Loading a whole trace into memory (for --sort, sweeps, or callers that hold a trace). */
import { rowCounter, type ProgressCallback } from '../util/progress.js';
import { MAX_COUNTED_IN_MEMORY } from './read-minute-counts.js';
import type { AnyTraceOptions } from './read.js';
import { appendChunk, compactChunk, emptyChunk, sortChunkByTime, type Trace } from './trace.js';
import {
  isIdentity,
  readTraceWithTraffic,
  rowsKnown,
  transformTrace,
  type TrafficOptions,
} from './traffic.js';

export interface LoadTraceOptions extends AnyTraceOptions {
  /** sort rows by time in memory instead of refusing an unsorted trace */
  sort?: boolean;
  /** --traffic-scale, --time-shift, --start (applied after sorting) */
  traffic?: TrafficOptions;
}

/** `onProgress`: told the rows read (a separate argument: the options may go to a reader thread). */
export async function loadTrace(
  file: string,
  opts: LoadTraceOptions = {},
  onProgress?: ProgressCallback,
): Promise<Trace> {
  if (opts.sort && !isIdentity(opts.traffic)) {
    const { traffic, ...rest } = opts;
    return transformTrace(
      await loadTrace(file, rest, onProgress),
      traffic as TrafficOptions,
      opts.spreadSeed ?? 1,
    );
  }
  let all = emptyChunk(1024);
  const read = { maxRequests: MAX_COUNTED_IN_MEMORY, ...opts, allowUnsorted: opts.sort === true };
  const rows = rowCounter(file, onProgress, undefined, onProgress && rowsKnown(file, read));
  const info = await readTraceWithTraffic(file, read, (chunk) => {
    all = appendChunk(all, chunk);
    rows.add(chunk.count);
  });
  rows.finish();
  let data = compactChunk(all);
  if (opts.sort) {
    let sorted = true;
    for (let i = 1; i < data.count && sorted; i++)
      if ((data.timeMs[i] as number) < (data.timeMs[i - 1] as number)) sorted = false;
    if (!sorted) {
      data = sortChunkByTime(data);
      info.order = 'sorted-in-memory';
    }
    // re-base so the earliest request is time 0
    const shift = data.timeMs[0] as number;
    if (shift !== 0) {
      for (let i = 0; i < data.count; i++) data.timeMs[i] = (data.timeMs[i] as number) - shift;
      info.originEpochMs += shift;
      if (info.zeroMs !== undefined) info.zeroMs -= shift;
    }
    info.firstMs = data.timeMs[0] as number;
    info.lastMs = data.timeMs[data.count - 1] as number;
  }
  return { info, data };
}

/**
 * A trace that sweeps and comparisons can run many times: held in memory (what the library's callers
 * pass), or spooled once to a binary file (traces/cache/format.ts) that every run streams back in
 * row groups, so that memory does not grow with the trace's length however many points or
 * strategies run (issue 12 §2). Worker threads open the spool themselves: nothing is copied to them.
 */
import { rowCounter, type ProgressCallback } from '../util/progress.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CacheWriter, readCacheGroups } from './cache/format.js';
import { loadTrace, type LoadTraceOptions } from './load.js';
import type { Trace, TraceChunk, TraceInfo } from './trace.js';
import { readTraceWithTraffic, rowsKnown } from './traffic.js';

export interface ReplayableTrace {
  readonly info: TraceInfo;
  /** hands every row to `onChunk`, in time order; may be called any number of times */
  replay(onChunk: (chunk: TraceChunk) => void): void;
  /** the whole trace, when it is in memory */
  readonly inMemory?: Trace;
  /** the spool file, when it is streamed from disk */
  readonly spoolPath?: string;
}

export function inMemory(trace: Trace): ReplayableTrace {
  return { info: trace.info, inMemory: trace, replay: (onChunk) => onChunk(trace.data) };
}

export function fromSpool(path: string, info: TraceInfo): ReplayableTrace {
  return { info, spoolPath: path, replay: (onChunk) => void readCacheGroups(path, onChunk) };
}

export function asReplayable(t: Trace | ReplayableTrace): ReplayableTrace {
  return 'data' in t ? inMemory(t) : t;
}

export interface Spooled {
  trace: ReplayableTrace;
  /** removes the spool file (a no-op for a trace held in memory) */
  dispose(): void;
}

/**
 * Reads `file` once (traffic what-ifs applied) into a spool in a private temp folder. `--sort` needs
 * every row before the first can be placed, so a trace to sort is loaded into memory as before.
 */
export async function spoolTrace(
  file: string,
  opts: LoadTraceOptions,
  onProgress?: ProgressCallback,
): Promise<Spooled> {
  if (opts.sort) return { trace: inMemory(await loadTrace(file, opts, onProgress)), dispose: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'faasim-spool-'));
  const dispose = (): void => rmSync(dir, { recursive: true, force: true });
  const path = join(dir, 'trace.faasim-trace');
  const writer = new CacheWriter(path);
  try {
    const rows = rowCounter(file, onProgress, undefined, onProgress && rowsKnown(file, opts));
    const info = await readTraceWithTraffic(file, opts, (chunk) => {
      writer.write(chunk);
      rows.add(chunk.count);
    });
    rows.finish();
    writer.finish({ spool: true });
    return { trace: fromSpool(path, info), dispose };
  } catch (e) {
    writer.close();
    dispose();
    throw e;
  }
}

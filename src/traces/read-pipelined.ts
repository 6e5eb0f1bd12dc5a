/**
 * Reading a CSV trace on a worker thread while this thread simulates: csv-parse runs at about a
 * million rows a second and the simulation several times faster, so in one thread a streamed run
 * spends most of its time parsing. With the parse on another core the two overlap and a run takes
 * about as long as the parse alone.
 *
 * `readTraceCsvPipelined` keeps readTraceCsv's contract: `onChunk` gets the same chunks with the same
 * TraceInfo, in order, on this thread; the promise resolves to the same TraceInfo or rejects with the
 * same error (an InputError's issues cross the thread unchanged, so its message is identical). Memory
 * stays bounded: chunks travel through SLOTS slots of shared memory that the worker refills only
 * after this thread is done with them (see read-worker.ts for the protocol).
 *
 * The worker is compiled JS (dist/src/traces/read-worker.js). Where it is missing (running the
 * TypeScript source, as the tests do), or on a single core, or for small files, readTraceCsvAuto reads
 * in-process.
 */
import { statSync, existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { readTraceCsv, type ReadTraceOptions } from './read-csv.js';
import type { ReadWorkerInit, ReadWorkerMessage, InfoUpdate } from './read-worker.js';
import type { TraceSource } from './source.js';
import type { TraceChunk, TraceInfo } from './trace.js';

/** chunks in flight: one being simulated, one ready, one being filled */
const SLOTS = 3;
/** below this size a worker's start-up (tens of ms) costs about what the overlap saves */
const MIN_PIPELINED_BYTES = 4 << 20;

/** How to read a streamed trace: 'auto' uses the worker when it pays off and is available. */
export type ReadMode = 'auto' | 'worker' | 'in-process';

/** The compiled worker next to this module; absent when running TypeScript source. */
function readWorkerScript(): URL {
  return new URL('./read-worker.js', import.meta.url);
}

function readWorkerAvailable(script: URL = readWorkerScript()): boolean {
  return script.protocol === 'file:' && existsSync(fileURLToPath(script));
}

/** readTraceCsv, on a worker thread when `mode` asks for it or ('auto') when it pays off. */
export function readTraceCsvAuto(
  file: string,
  opts: ReadTraceOptions,
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
  mode: ReadMode = 'auto',
  source?: TraceSource,
): Promise<TraceInfo> {
  // a stream (pipe, FIFO, standard input) is read once, here: the worker would open the path again
  if (source !== undefined && !source.regular)
    return readTraceCsv(file, opts, onChunk, source.stream(opts.readBytes));
  if (mode === 'worker') return readTraceCsvPipelined(file, opts, onChunk);
  if (
    mode === 'auto' &&
    availableParallelism() >= 2 &&
    readWorkerAvailable() &&
    fileSize(file) >= MIN_PIPELINED_BYTES
  ) {
    return readTraceCsvPipelined(file, opts, onChunk);
  }
  return readTraceCsv(file, opts, onChunk);
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // the reader reports a missing or unreadable file itself
  }
}

function sharedChunk(rows: number): TraceChunk {
  const f64 = (): Float64Array => new Float64Array(new SharedArrayBuffer(rows * 8));
  return {
    count: 0,
    timeMs: f64(),
    fn: new Uint32Array(new SharedArrayBuffer(rows * 4)),
    durationMs: f64(),
    initMs: f64(),
    isAsync: new Uint8Array(new SharedArrayBuffer(rows)),
    memoryUsedMb: f64(),
    cpuMs: f64(),
    responseBytes: f64(),
    isCold: new Uint8Array(new SharedArrayBuffer(rows)),
  };
}

/** readTraceCsv with the parsing on a worker thread (the compiled `script`). */
export function readTraceCsvPipelined(
  file: string,
  opts: ReadTraceOptions,
  onChunk: (chunk: TraceChunk, info: TraceInfo) => void,
  script: URL = readWorkerScript(),
): Promise<TraceInfo> {
  if (!readWorkerAvailable(script)) {
    return Promise.reject(
      new Error(
        `the pipelined CSV reader needs the compiled ${fileURLToPath(script)}; run \`npm run build\`, or read in-process`,
      ),
    );
  }
  const rows = opts.chunkRows ?? 65_536;
  const slots = Array.from({ length: SLOTS }, () => sharedChunk(rows));
  const state = new Int32Array(new SharedArrayBuffer(4 * (SLOTS + 1)));
  const init: ReadWorkerInit = { file, opts, slots, state };
  const worker = new Worker(script, { workerData: init });
  let info: TraceInfo | null = null;
  // one object, updated in place, as readTraceCsv's own info is
  const apply = (u: InfoUpdate): TraceInfo => {
    if (info === null) {
      info = {
        ...u,
        functionNames: [...u.functionNames],
        ...(u.functionApps ? { functionApps: [...u.functionApps] } : {}),
        ...(u.functionTriggers ? { functionTriggers: [...u.functionTriggers] } : {}),
      };
      return info;
    }
    const names = info.functionNames;
    const apps = info.functionApps;
    const triggers = info.functionTriggers;
    Object.assign(info, u);
    for (const n of u.functionNames) names.push(n);
    info.functionNames = names;
    if (apps && u.functionApps) {
      for (const a of u.functionApps) apps.push(a);
      info.functionApps = apps;
    }
    if (triggers && u.functionTriggers) {
      for (const t of u.functionTriggers) triggers.push(t);
      info.functionTriggers = triggers;
    }
    return info;
  };
  return new Promise<TraceInfo>((resolve, reject) => {
    let settled = false;
    const settle = (e: unknown, result?: TraceInfo): void => {
      if (settled) return;
      settled = true;
      // ask a worker waiting for a slot to stop, then make sure it does
      Atomics.store(state, SLOTS, 1);
      for (let k = 0; k < SLOTS; k++) Atomics.notify(state, k);
      void worker.terminate();
      if (result !== undefined) resolve(result);
      else reject(e);
    };
    worker.on('message', (m: ReadWorkerMessage) => {
      if (settled) return;
      try {
        if (m.kind === 'chunk') {
          const slot = slots[m.slot] as TraceChunk;
          slot.count = m.count;
          onChunk(slot, apply(m.info));
          Atomics.store(state, m.slot, 0);
          Atomics.notify(state, m.slot);
        } else if (m.kind === 'done') {
          settle(undefined, apply(m.info));
        } else {
          settle(m.error.input ? new InputError(m.error.issues) : new Error(m.error.message));
        }
      } catch (e) {
        settle(e);
      }
    });
    worker.on('error', (e) => settle(e));
    worker.on('exit', (code) =>
      settle(new Error(`the CSV reader thread stopped (exit code ${code}) before the end of ${file}`)),
    );
  });
}

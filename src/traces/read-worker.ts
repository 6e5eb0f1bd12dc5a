/**
 * The CSV reader on a worker thread (see read-pipelined.ts): runs readTraceCsv on the file named in
 * workerData and hands each chunk to the main thread through a small ring of chunk slots on shared
 * memory. Loaded from dist/ (compiled JS).
 *
 * Protocol, per slot k: state[k] is 0 while the slot is free (this thread may fill it) and 1 while the
 * main thread owns it. This thread fills the slots in turn, waiting (Atomics.wait) when the next one
 * is still owned, so at most SLOTS chunks are in flight; it posts { kind: 'chunk', slot, count, info }
 * for each, then { kind: 'done', info } or { kind: 'error', error }. state[SLOTS] = 1 asks it to stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../errors.js';
import { readTraceCsv, type ReadTraceOptions } from './read-csv.js';
import type { TraceChunk, TraceInfo } from './trace.js';

export interface ReadWorkerInit {
  file: string;
  opts: ReadTraceOptions;
  slots: TraceChunk[];
  state: Int32Array;
}

/** TraceInfo as sent with a chunk: functionNames (and functionApps) hold only the names first seen since the last message. */
export type InfoUpdate = TraceInfo;

export type ReadWorkerMessage =
  | { kind: 'chunk'; slot: number; count: number; info: InfoUpdate }
  | { kind: 'done'; info: InfoUpdate }
  | {
      kind: 'error';
      error: { input: true; issues: InputError['issues'] } | { input: false; message: string };
    };

class Cancelled extends Error {}

const port = parentPort;
if (port) {
  const { file, opts, slots, state } = workerData as ReadWorkerInit;
  const cancelAt = slots.length;
  let next = 0;
  let namesSent = 0;
  const update = (info: TraceInfo): InfoUpdate => {
    const names = info.functionNames.slice(namesSent);
    const apps = info.functionApps?.slice(namesSent);
    const triggers = info.functionTriggers?.slice(namesSent);
    namesSent = info.functionNames.length;
    return {
      ...info,
      functionNames: names,
      ...(apps ? { functionApps: apps } : {}),
      ...(triggers ? { functionTriggers: triggers } : {}),
    };
  };
  readTraceCsv(file, opts, (chunk, info) => {
    const k = next;
    next = (next + 1) % slots.length;
    while (Atomics.load(state, k) !== 0) {
      if (Atomics.load(state, cancelAt) !== 0) throw new Cancelled();
      Atomics.wait(state, k, 1, 1000);
    }
    const slot = slots[k] as TraceChunk;
    const n = chunk.count;
    slot.timeMs.set(chunk.timeMs.subarray(0, n));
    slot.fn.set(chunk.fn.subarray(0, n));
    slot.durationMs.set(chunk.durationMs.subarray(0, n));
    slot.initMs.set(chunk.initMs.subarray(0, n));
    slot.isAsync.set(chunk.isAsync.subarray(0, n));
    slot.memoryUsedMb.set(chunk.memoryUsedMb.subarray(0, n));
    slot.cpuMs.set(chunk.cpuMs.subarray(0, n));
    slot.responseBytes.set(chunk.responseBytes.subarray(0, n));
    slot.isCold.set(chunk.isCold.subarray(0, n));
    Atomics.store(state, k, 1);
    port.postMessage({ kind: 'chunk', slot: k, count: n, info: update(info) } satisfies ReadWorkerMessage);
  }).then(
    (info) => port.postMessage({ kind: 'done', info: update(info) } satisfies ReadWorkerMessage),
    (e: unknown) => {
      if (e instanceof Cancelled) return;
      const error =
        e instanceof InputError
          ? { input: true as const, issues: e.issues }
          : { input: false as const, message: e instanceof Error ? e.message : String(e) };
      port.postMessage({ kind: 'error', error } satisfies ReadWorkerMessage);
    },
  );
}

/**
 * Chunk emission: decoded rows go into one fixed-size chunk of typed arrays, handed to `onChunk`
 * when full (and the last, partial one at the end) and then reused, so memory does not grow with
 * the number of rows.
 */
import { emptyChunk, type TraceChunk, type TraceInfo } from '../trace.js';

export class ChunkEmitter {
  readonly chunk: TraceChunk;
  readonly #onChunk: (chunk: TraceChunk, info: TraceInfo) => void;
  readonly #info: TraceInfo;

  constructor(rows: number, info: TraceInfo, onChunk: (chunk: TraceChunk, info: TraceInfo) => void) {
    this.chunk = emptyChunk(rows);
    this.#info = info;
    this.#onChunk = onChunk;
  }

  /** Adds a row; true when the chunk is full (the caller emits it). */
  add(
    timeMs: number,
    fn: number,
    durationMs: number,
    initMs: number,
    isAsync: number,
    memoryUsedMb: number,
    cpuMs: number,
    responseBytes: number,
    isCold: number,
  ): boolean {
    const c = this.chunk;
    const i = c.count++;
    c.timeMs[i] = timeMs;
    c.fn[i] = fn;
    c.durationMs[i] = durationMs;
    c.initMs[i] = initMs;
    c.isAsync[i] = isAsync;
    c.memoryUsedMb[i] = memoryUsedMb;
    c.cpuMs[i] = cpuMs;
    c.responseBytes[i] = responseBytes;
    c.isCold[i] = isCold;
    return c.count === c.timeMs.length;
  }

  /** Hands on the rows held, if any. */
  emit(): void {
    if (this.chunk.count === 0) return;
    this.#onChunk(this.chunk, this.#info);
    this.chunk.count = 0;
  }
}

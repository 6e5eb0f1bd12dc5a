/**
 * Requests set aside to be placed later — sync requests waiting for capacity (WaitQueues), async
 * events waiting for a retry (AsyncRetries) — as one struct of arrays with a free list. A request is
 * an id into the columns, so parking one allocates nothing once the columns have grown to the
 * largest number parked at once, and an event argument can name it.
 */
export class ParkedRequests {
  readonly fn: number[] = [];
  readonly flags: number[] = [];
  /** first arrival (before any retry or wait) */
  readonly arrivalMs: number[] = [];
  readonly runMs: number[] = [];
  /** observed INIT, or NaN to draw one */
  readonly initMs: number[] = [];
  readonly memoryUsedMb: number[] = [];
  readonly cpuMs: number[] = [];
  readonly responseBytes: number[] = [];
  /** the owner's number: the THROTTLE reason a waiting request is blocked by, a retry's attempt */
  readonly tag: number[] = [];
  /** the owner's pending event for the request (a wait's timeout), or NaN */
  readonly timer: number[] = [];
  /** the next id in the owner's FIFO, or -1 */
  readonly next: number[] = [];
  readonly #free: number[] = [];

  /** Requests parked now. */
  get size(): number {
    return this.fn.length - this.#free.length;
  }

  /** Parks a request; returns its id (a released one when there is one). */
  park(
    fn: number,
    flags: number,
    arrivalMs: number,
    runMs: number,
    initMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    tag: number,
    responseBytes = NaN,
  ): number {
    const id = this.#free.pop() ?? this.fn.length;
    this.fn[id] = fn;
    this.flags[id] = flags;
    this.arrivalMs[id] = arrivalMs;
    this.runMs[id] = runMs;
    this.initMs[id] = initMs;
    this.memoryUsedMb[id] = memoryUsedMb;
    this.cpuMs[id] = cpuMs;
    this.responseBytes[id] = responseBytes;
    this.tag[id] = tag;
    this.timer[id] = NaN;
    this.next[id] = -1;
    return id;
  }

  /** The id may be reused by the next `park`; its columns keep their values until then. */
  release(id: number): void {
    this.#free.push(id);
  }
}

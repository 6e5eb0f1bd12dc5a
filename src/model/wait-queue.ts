/**
 * The sync wait queue (PlatformSpec.queueTimeoutMs > 0): per function, a FIFO of sync requests that
 * found no capacity, each rejected when it has waited `timeoutMs`. Every waiting request has the same
 * timeout, so a queue's head always times out first. The platform serves heads when capacity frees
 * up (Platform#drainAll); this unit keeps the order, the timeouts and which functions have a queue.
 */
import type { EventTarget, Scheduler } from '../engine/types.js';
import { LANE } from './lanes.js';
import { INV } from './observer.js';
import { ParkedRequests } from './parked-requests.js';

export class WaitQueues {
  /** the waiting requests; `tag` is the THROTTLE reason each is blocked by, `timer` its timeout */
  readonly requests = new ParkedRequests();
  readonly timeoutMs: number;
  /** indices of the functions whose queue is not empty, ascending (the order they are served in) */
  readonly waitingFns: number[] = [];
  readonly #sim: Scheduler;
  /** fired with the request's id when its wait reaches the timeout */
  readonly #onTimeout: EventTarget;
  /** per function: the FIFO's ends (-1: empty) and length */
  readonly #head: number[] = [];
  readonly #tail: number[] = [];
  readonly #count: number[] = [];
  #total = 0;

  /** `timeoutMs` 0: nothing ever waits (a blocked sync request is rejected at once). */
  constructor(timeoutMs: number, sim: Scheduler, onTimeout: EventTarget) {
    if (!(timeoutMs >= 0) || timeoutMs === Infinity)
      throw new RangeError(`queueTimeoutMs must be a finite number ≥ 0, got ${timeoutMs}`);
    this.timeoutMs = timeoutMs;
    this.#sim = sim;
    this.#onTimeout = onTimeout;
  }

  /** Makes room for the next function index. */
  addFunction(): void {
    this.#head.push(-1);
    this.#tail.push(-1);
    this.#count.push(0);
  }

  /** Requests waiting in every queue. */
  get total(): number {
    return this.#total;
  }

  count(fn: number): number {
    return this.#count[fn] as number;
  }

  /** Id of the function's oldest waiting request, or -1. */
  head(fn: number): number {
    return this.#head[fn] as number;
  }

  /** Queues a request (marked INV.queued) at the end of its function's FIFO and arms its timeout. */
  enqueue(
    fn: number,
    flags: number,
    arrivalMs: number,
    runMs: number,
    initMs: number,
    memoryUsedMb: number,
    cpuMs: number,
    reason: number,
    responseBytes = NaN,
  ): number {
    const r = this.requests;
    const id = r.park(
      fn,
      flags | INV.queued,
      arrivalMs,
      runMs,
      initMs,
      memoryUsedMb,
      cpuMs,
      reason,
      responseBytes,
    );
    r.timer[id] = this.#sim.at(arrivalMs + this.timeoutMs, LANE.retry, this.#onTimeout, id);
    const tail = this.#tail[fn] as number;
    if (tail >= 0) r.next[tail] = id;
    else this.#head[fn] = id;
    this.#tail[fn] = id;
    if ((this.#count[fn] as number) === 0) this.#markWaiting(fn);
    this.#count[fn] = (this.#count[fn] as number) + 1;
    this.#total++;
    return id;
  }

  /** The head was placed: it leaves the queue and its timeout is cancelled. */
  serveHead(fn: number): void {
    const id = this.#dequeueHead(fn);
    this.#sim.cancel(this.requests.timer[id] as number);
    this.requests.release(id);
  }

  /**
   * Request `id`'s timeout fired: it leaves the queue (its columns stay readable until the next
   * enqueue). Only a head can time out first; anything else is a broken queue.
   */
  timeOut(id: number): void {
    const fn = this.requests.fn[id] as number;
    if (this.#head[fn] !== id)
      throw new Error('a queue timeout fired for a request that is not at the head of its queue');
    this.#dequeueHead(fn);
    this.requests.release(id);
  }

  #dequeueHead(fn: number): number {
    const id = this.#head[fn] as number;
    const next = this.requests.next[id] as number;
    this.#head[fn] = next;
    if (next < 0) this.#tail[fn] = -1;
    const left = (this.#count[fn] as number) - 1;
    this.#count[fn] = left;
    if (left === 0) this.#unmarkWaiting(fn);
    this.#total--;
    return id;
  }

  #markWaiting(fn: number): void {
    const list = this.waitingFns;
    let i = list.length;
    while (i > 0 && (list[i - 1] as number) > fn) i--;
    list.splice(i, 0, fn);
  }

  #unmarkWaiting(fn: number): void {
    const list = this.waitingFns;
    const i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
  }
}

/**
 * Requests in flight whose completion must carry more than the instance slot and the INV flags a
 * plain completion argument packs (event-args.ts): the function the request belongs to (an instance
 * may serve several functions of one scaling group) and the memory it holds on its instance. One
 * struct of arrays with a free list, so a completion allocates nothing once the columns have grown
 * to the most requests in flight at once. Platforms without shared memory or scaling groups never
 * use it, and keep their completions on the packed argument.
 */
export class InFlightRequests {
  readonly slot: number[] = [];
  readonly flags: number[] = [];
  /** the request's own function (its instance's pool may be another function's) */
  readonly fn: number[] = [];
  /** memory it holds on its instance while in flight (0 when the platform does not share memory) */
  readonly memoryMb: number[] = [];
  readonly #free: number[] = [];

  add(slot: number, flags: number, fn: number, memoryMb: number): number {
    const id = this.#free.pop() ?? this.slot.length;
    this.slot[id] = slot;
    this.flags[id] = flags;
    this.fn[id] = fn;
    this.memoryMb[id] = memoryMb;
    return id;
  }

  /** The id may be reused by the next `add`; its columns keep their values until then. */
  release(id: number): void {
    this.#free.push(id);
  }
}

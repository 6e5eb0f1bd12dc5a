/**
 * A binary min-heap of timed events keyed by (timeMs, lane, seq).
 *
 * Entries live in parallel typed arrays indexed by a slot number, and the heap orders slot numbers.
 * The hot path (push, pop, cancel) allocates nothing: a simulation of millions of requests pushes and
 * pops millions of events, and per-event objects would dominate its run time.
 *
 * Cancellation is lazy: a cancelled entry stays in the heap and is skipped when it reaches the top,
 * so cancel is O(1). A handle is the slot plus a generation counter, so a stale handle whose slot
 * has been reused cancels nothing.
 */
import type { EventTarget, TimerId } from './types.js';

const SLOT_BITS = 24;
const SLOT_LIMIT = 1 << SLOT_BITS;

export class EventQueue {
  #timeMs: Float64Array = new Float64Array(1024);
  #seq: Float64Array = new Float64Array(1024);
  #lane: Uint8Array = new Uint8Array(1024);
  #arg: Float64Array = new Float64Array(1024);
  #gen: Uint32Array = new Uint32Array(1024);
  #cancelled: Uint8Array = new Uint8Array(1024);
  #target: (EventTarget | undefined)[] = new Array<EventTarget | undefined>(1024);
  /** heap of slot numbers */
  #heap: Int32Array = new Int32Array(1024);
  #size = 0;
  #free: number[] = [];
  #nextSlot = 0;
  #nextSeq = 0;
  #live = 0;

  /** Number of entries not yet popped, cancelled ones included. */
  get size(): number {
    return this.#size;
  }

  /** Number of entries not yet popped and not cancelled. */
  get liveCount(): number {
    return this.#live;
  }

  push(timeMs: number, lane: number, target: EventTarget, arg: number): TimerId {
    const slot = this.#allocSlot();
    this.#timeMs[slot] = timeMs;
    this.#lane[slot] = lane;
    this.#seq[slot] = this.#nextSeq++;
    this.#arg[slot] = arg;
    this.#target[slot] = target;
    this.#cancelled[slot] = 0;
    if (this.#size === this.#heap.length) this.#heap = grow32(this.#heap);
    this.#heap[this.#size] = slot;
    this.#siftUp(this.#size++);
    this.#live++;
    return (this.#gen[slot] as number) * SLOT_LIMIT + slot;
  }

  /** Marks an entry cancelled; returns false if it already fired or was cancelled. */
  cancel(id: TimerId): boolean {
    const slot = id % SLOT_LIMIT;
    const gen = Math.floor(id / SLOT_LIMIT);
    if (slot >= this.#nextSlot || this.#gen[slot] !== gen || this.#target[slot] === undefined) return false;
    if (this.#cancelled[slot] === 1) return false;
    this.#cancelled[slot] = 1;
    this.#live--;
    return true;
  }

  /** Drops cancelled entries from the top so that peek sees a live one. */
  #skipCancelled(): void {
    while (this.#size > 0 && this.#cancelled[this.#heap[0] as number] === 1) {
      this.#releaseSlot(this.#removeTop());
    }
  }

  /** Time of the earliest live entry, or Infinity if none. */
  peekTime(): number {
    this.#skipCancelled();
    return this.#size === 0 ? Infinity : (this.#timeMs[this.#heap[0] as number] as number);
  }

  /** Lane of the earliest live entry; only meaningful when peekTime() is finite. */
  peekLane(): number {
    this.#skipCancelled();
    return this.#size === 0 ? 255 : (this.#lane[this.#heap[0] as number] as number);
  }

  /**
   * Removes the earliest live entry and calls its target. Returns false when the queue is empty.
   * `onPop` receives the entry's time before the target fires, so the clock can move first.
   */
  popAndFire(setNow: (timeMs: number) => void): boolean {
    this.#skipCancelled();
    if (this.#size === 0) return false;
    const slot = this.#removeTop();
    const timeMs = this.#timeMs[slot] as number;
    const target = this.#target[slot] as EventTarget;
    const arg = this.#arg[slot] as number;
    this.#live--;
    this.#releaseSlot(slot);
    setNow(timeMs);
    target.fire(arg, timeMs);
    return true;
  }

  #allocSlot(): number {
    const reused = this.#free.pop();
    if (reused !== undefined) return reused;
    const slot = this.#nextSlot++;
    if (slot >= SLOT_LIMIT) throw new Error(`event queue is full (${SLOT_LIMIT} pending events)`);
    if (slot === this.#timeMs.length) this.#growSlots();
    return slot;
  }

  #releaseSlot(slot: number): void {
    this.#target[slot] = undefined;
    this.#gen[slot] = ((this.#gen[slot] as number) + 1) >>> 0;
    this.#free.push(slot);
  }

  #growSlots(): void {
    const n = this.#timeMs.length * 2;
    this.#timeMs = growF64(this.#timeMs, n);
    this.#seq = growF64(this.#seq, n);
    this.#arg = growF64(this.#arg, n);
    const lane = new Uint8Array(n);
    lane.set(this.#lane);
    this.#lane = lane;
    const cancelled = new Uint8Array(n);
    cancelled.set(this.#cancelled);
    this.#cancelled = cancelled;
    const gen = new Uint32Array(n);
    gen.set(this.#gen);
    this.#gen = gen;
    this.#target.length = n;
  }

  #removeTop(): number {
    const heap = this.#heap;
    const top = heap[0] as number;
    const last = heap[--this.#size] as number;
    if (this.#size > 0) {
      heap[0] = last;
      this.#siftDown(0);
    }
    return top;
  }

  /** true when slot a must run before slot b */
  #before(a: number, b: number): boolean {
    const ta = this.#timeMs[a] as number;
    const tb = this.#timeMs[b] as number;
    if (ta !== tb) return ta < tb;
    const la = this.#lane[a] as number;
    const lb = this.#lane[b] as number;
    if (la !== lb) return la < lb;
    return (this.#seq[a] as number) < (this.#seq[b] as number);
  }

  #siftUp(i: number): void {
    const heap = this.#heap;
    const slot = heap[i] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as number;
      if (!this.#before(slot, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = slot;
  }

  #siftDown(i: number): void {
    const heap = this.#heap;
    const n = this.#size;
    const slot = heap[i] as number;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.#before(heap[right] as number, heap[child] as number)) child = right;
      const c = heap[child] as number;
      if (!this.#before(c, slot)) break;
      heap[i] = c;
      i = child;
    }
    heap[i] = slot;
  }
}

function growF64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

function grow32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * The event queue: timed events popped in (timeMs, lane, seq) order.
 *
 * The hot path (push, pop, cancel) allocates nothing: a simulation of millions of requests pushes and
 * pops millions of events, and per-event objects would dominate its run time.
 *
 * Layout, chosen for speed:
 * - Two min-heaps (4-ary, see Heap): one for lane 0 and one for every other lane. Lane 0 carries the bulk of the
 *   traffic (request completions: one push and one pop per request, each due soon), while the other
 *   lanes hold few events or long-lived ones (one keep-alive check per idle instance, due minutes
 *   later). Kept apart, completions sift through a heap as deep as the requests in flight, not as
 *   deep as in-flight requests plus idle instances. The earliest event is the earlier of the two
 *   tops; at equal times lane 0's top comes first, as every key in lane 0 is smaller.
 * - Each heap keeps the sort key by heap position: time and key = lane × SEQ_SPAN + seq (one
 *   exact float64 for lane and sequence), side by side. A comparison reads adjacent numbers instead
 *   of chasing a slot number into three arrays. What is not needed to order entries (target, argument, generation,
 *   cancelled flag) lives by slot; a heap holds each entry's slot.
 *
 * - A FIFO ring beside the second heap takes every lane ≥ 1 entry that sorts after the ring's last
 *   one. Keep-alive checks of a fixed shortest window are pushed at now + window, so they arrive in
 *   time order: O(1) and sequential memory in the ring instead of a sift through a heap of one check
 *   per idle instance (100 k deep with 100 k functions), whose removal touched ~17 random cache lines.
 *   An entry that would sort before the ring's last goes to the heap, so the ring stays sorted and
 *   the pop order is exactly the heaps' alone.
 *
 * Cancellation is lazy: a cancelled entry stays in its heap or ring and is skipped when it reaches the top,
 * so cancel is O(1). A handle is the slot plus a generation counter, so a stale handle whose slot
 * has been reused cancels nothing.
 */
import type { EventTarget, TimerId } from './types.js';

const SLOT_BITS = 24;
const SLOT_LIMIT = 1 << SLOT_BITS;
/** Generations wrap here, so a handle, gen × SLOT_LIMIT + slot, stays an exact integer (< 2^53). */
const GEN_LIMIT = 2 ** (53 - SLOT_BITS);
/** Sequence numbers stay below this, so lane × SEQ_SPAN + seq is exact for lanes 0..255 (< 2^53). */
const SEQ_SPAN = 2 ** 45;

/**
 * A 4-ary min-heap of (time, key, slot), ordered by time then key. Time and key sit side by side in
 * one Float64Array (entry i at 2i, 2i + 1) and a node's four children are adjacent, so a level of
 * the sift-down reads one or two cache lines instead of four in two arrays, and the heap is half as
 * deep as a binary one: with 100 k functions it holds tens of thousands of keep-alive re-checks,
 * whose lower levels are out of cache. Keys are unique (they hold the sequence number), so the pop
 * order is the order of (time, key) whatever the heap's shape.
 */
class Heap {
  /** time of entry i at 2i, its key at 2i + 1 */
  tk: Float64Array = new Float64Array(512);
  slot: Int32Array = new Int32Array(256);
  size = 0;

  push(timeMs: number, key: number, slot: number): void {
    if (this.size === this.slot.length) this.#grow();
    const tk = this.tk;
    const slots = this.slot;
    // sift up: move parents that sort after the new entry down one level, then place it
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = tk[2 * p] as number;
      if (pt < timeMs || (pt === timeMs && (tk[2 * p + 1] as number) < key)) break;
      tk[2 * i] = pt;
      tk[2 * i + 1] = tk[2 * p + 1] as number;
      slots[i] = slots[p] as number;
      i = p;
    }
    tk[2 * i] = timeMs;
    tk[2 * i + 1] = key;
    slots[i] = slot;
  }

  /** Removes the top entry: the last one moves to the root and sifts down. */
  removeTop(): void {
    const n = --this.size;
    if (n === 0) return;
    const tk = this.tk;
    const slots = this.slot;
    const t = tk[2 * n] as number;
    const k = tk[2 * n + 1] as number;
    const s = slots[n] as number;
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // the least of the (up to four) children
      let c = first;
      let ct = tk[2 * first] as number;
      let ck = tk[2 * first + 1] as number;
      const last = first + 3 < n ? first + 3 : n - 1;
      for (let j = first + 1; j <= last; j++) {
        const jt = tk[2 * j] as number;
        if (jt < ct || (jt === ct && (tk[2 * j + 1] as number) < ck)) {
          c = j;
          ct = jt;
          ck = tk[2 * j + 1] as number;
        }
      }
      if (t < ct || (t === ct && k < ck)) break;
      tk[2 * i] = ct;
      tk[2 * i + 1] = ck;
      slots[i] = slots[c] as number;
      i = c;
    }
    tk[2 * i] = t;
    tk[2 * i + 1] = k;
    slots[i] = s;
  }

  #grow(): void {
    const n = this.slot.length * 2;
    const tk = new Float64Array(2 * n);
    tk.set(this.tk);
    this.tk = tk;
    const slot = new Int32Array(n);
    slot.set(this.slot);
    this.slot = slot;
  }
}

/** Entries in (time, key) order, oldest first: a FIFO over a power-of-two circular buffer. */
class Ring {
  // small to start, so the property tests wrap and grow it
  time: Float64Array = new Float64Array(32);
  key: Float64Array = new Float64Array(32);
  slot: Int32Array = new Int32Array(32);
  /** index of the oldest entry */
  head = 0;
  size = 0;
  lastTime = -Infinity;
  lastKey = -Infinity;

  /** Whether (timeMs, key) sorts after every entry pushed so far (so the ring stays in order). */
  takes(timeMs: number, key: number): boolean {
    const lt = this.lastTime;
    return timeMs > lt || (timeMs === lt && key > this.lastKey);
  }

  push(timeMs: number, key: number, slot: number): void {
    if (this.size === this.time.length) this.#grow();
    const i = (this.head + this.size++) & (this.time.length - 1);
    this.time[i] = timeMs;
    this.key[i] = key;
    this.slot[i] = slot;
    this.lastTime = timeMs;
    this.lastKey = key;
  }

  removeTop(): void {
    this.head = (this.head + 1) & (this.time.length - 1);
    this.size--;
  }

  /** Doubles the buffer, the entries moved to its start in order. */
  #grow(): void {
    const n = this.time.length;
    const h = this.head;
    const unwrap = <A extends Float64Array | Int32Array>(from: A, to: A): A => {
      to.set(from.subarray(h));
      to.set(from.subarray(0, h), n - h);
      return to;
    };
    this.time = unwrap(this.time, new Float64Array(2 * n));
    this.key = unwrap(this.key, new Float64Array(2 * n));
    this.slot = unwrap(this.slot, new Int32Array(2 * n));
    this.head = 0;
  }
}

/** Where the earliest entry is: #top's answer. */
const NONE = 0;
const FIRST = 1;
const REST = 2;
const RING = 3;

export class EventQueue {
  /** lane 0 */
  readonly #first = new Heap();
  /** lanes 1 and up, those that do not sort after the ring's last entry */
  readonly #rest = new Heap();
  /** lanes 1 and up, pushed in order */
  readonly #ring = new Ring();
  /** time and key of the entry #top found */
  #topTime = 0;
  #topKey = 0;
  // entries, by slot
  #arg: Float64Array = new Float64Array(1024);
  /**
   * Generation of each slot. Float64 rather than Uint32: handles outgrow small integers after a slot's
   * 128th reuse, and integer arithmetic on them would overflow and deoptimise the code computing
   * them; from doubles the handle is computed as a double from the start.
   */
  #gen: Float64Array = new Float64Array(1024);
  #cancelled: Uint8Array = new Uint8Array(1024);
  #target: (EventTarget | undefined)[] = new Array<EventTarget | undefined>(1024).fill(undefined);
  /** stack of free slots */
  #free: Int32Array = new Int32Array(1024);
  #freeCount = 0;
  #nextSlot = 0;
  #nextSeq = 0;
  #live = 0;

  /** Time and argument of the entry `popBefore` returned last. */
  poppedTimeMs = 0;
  poppedArg = 0;

  /** Number of entries not yet popped, cancelled ones included. */
  get size(): number {
    return this.#first.size + this.#rest.size + this.#ring.size;
  }

  /** Number of entries not yet popped and not cancelled. */
  get liveCount(): number {
    return this.#live;
  }

  push(timeMs: number, lane: number, target: EventTarget, arg: number): TimerId {
    const slot = this.#enqueue(timeMs, lane, target, arg);
    return (this.#gen[slot] as number) * SLOT_LIMIT + slot;
  }

  /**
   * `push` without a handle, for events never cancelled (request completions): a handle outgrows
   * small integers once its slot has been reused, and returned from a call that is not inlined it is
   * a new heap number per event.
   */
  post(timeMs: number, lane: number, target: EventTarget, arg: number): void {
    this.#enqueue(timeMs, lane, target, arg);
  }

  /** Queues an entry; returns its slot. */
  #enqueue(timeMs: number, lane: number, target: EventTarget, arg: number): number {
    const slot = this.#freeCount > 0 ? (this.#free[--this.#freeCount] as number) : this.#newSlot();
    this.#arg[slot] = arg;
    this.#target[slot] = target;
    this.#cancelled[slot] = 0;
    const seq = this.#nextSeq++;
    if (seq >= SEQ_SPAN) throw new Error(`event queue sequence exhausted (${SEQ_SPAN} events)`);
    const key = lane * SEQ_SPAN + seq;
    if (lane === 0) this.#first.push(timeMs, key, slot);
    else if (this.#ring.takes(timeMs, key)) this.#ring.push(timeMs, key, slot);
    else this.#rest.push(timeMs, key, slot);
    this.#live++;
    return slot;
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

  /**
   * Which of the two heaps and the ring holds the earliest entry (NONE when all are empty); its time
   * and key are left in #topTime and #topKey. At equal times lane 0's top comes first, as its keys
   * are below every other lane's.
   */
  #top(): number {
    let src = NONE;
    let t = Infinity;
    let k = Infinity;
    const a = this.#first;
    if (a.size > 0) {
      t = a.tk[0] as number;
      k = a.tk[1] as number;
      src = FIRST;
    }
    const b = this.#rest;
    if (b.size > 0) {
      const bt = b.tk[0] as number;
      if (src === NONE || bt < t || (bt === t && (b.tk[1] as number) < k)) {
        t = bt;
        k = b.tk[1] as number;
        src = REST;
      }
    }
    const r = this.#ring;
    if (r.size > 0) {
      const h = r.head;
      const rt = r.time[h] as number;
      if (src === NONE || rt < t || (rt === t && (r.key[h] as number) < k)) {
        t = rt;
        k = r.key[h] as number;
        src = RING;
      }
    }
    this.#topTime = t;
    this.#topKey = k;
    return src;
  }

  /** Removes the entry #top found in `src`; returns its slot. */
  #removeTop(src: number): number {
    if (src === RING) {
      const r = this.#ring;
      const slot = r.slot[r.head] as number;
      r.removeTop();
      return slot;
    }
    const h = src === FIRST ? this.#first : this.#rest;
    const slot = h.slot[0] as number;
    h.removeTop();
    return slot;
  }

  /** The slot of the entry #top found in `src`, left in place. */
  #topSlot(src: number): number {
    if (src === RING) return this.#ring.slot[this.#ring.head] as number;
    return (src === FIRST ? this.#first : this.#rest).slot[0] as number;
  }

  /** Drops cancelled entries from the tops; returns where the earliest live entry is (NONE if none). */
  #liveTop(): number {
    for (;;) {
      const src = this.#top();
      if (src === NONE) return NONE;
      if (this.#cancelled[this.#topSlot(src)] !== 1) return src;
      this.#releaseSlot(this.#removeTop(src));
    }
  }

  /** Time of the earliest live entry, or Infinity if none. */
  peekTime(): number {
    return this.#liveTop() === NONE ? Infinity : this.#topTime;
  }

  /** Lane of the earliest live entry; only meaningful when peekTime() is finite. */
  peekLane(): number {
    return this.#liveTop() === NONE ? 255 : Math.floor(this.#topKey / SEQ_SPAN);
  }

  /**
   * Removes the earliest live entry if it sorts before an entry at (`timeMs`, `lane`) — earlier, or
   * at `timeMs` in a lower lane — and returns its target; its time and argument are left in
   * `poppedTimeMs` and `poppedArg`. Returns null (and removes nothing live) otherwise. `lane` may
   * be Infinity to take every entry at `timeMs`.
   */
  popBefore(timeMs: number, lane: number): EventTarget | null {
    const keyBound = lane * SEQ_SPAN;
    for (;;) {
      const src = this.#top();
      if (src === NONE) return null;
      const t = this.#topTime;
      if (t > timeMs || (t === timeMs && this.#topKey >= keyBound)) return null;
      const slot = this.#removeTop(src);
      if (this.#cancelled[slot] === 1) {
        this.#releaseSlot(slot);
        continue;
      }
      const target = this.#target[slot] as EventTarget;
      this.poppedTimeMs = t;
      this.poppedArg = this.#arg[slot] as number;
      this.#live--;
      this.#releaseSlot(slot);
      return target;
    }
  }

  /**
   * Removes the earliest live entry and calls its target. Returns false when the queue is empty.
   * `setNow` receives the entry's time before the target fires, so the clock can move first.
   */
  popAndFire(setNow: (timeMs: number) => void): boolean {
    const target = this.popBefore(Infinity, Infinity);
    if (target === null) return false;
    const timeMs = this.poppedTimeMs;
    setNow(timeMs);
    target.fire(this.poppedArg, timeMs);
    return true;
  }

  #newSlot(): number {
    const slot = this.#nextSlot++;
    if (slot >= SLOT_LIMIT) throw new Error(`event queue is full (${SLOT_LIMIT} pending events)`);
    if (slot === this.#arg.length) this.#growSlots();
    return slot;
  }

  #releaseSlot(slot: number): void {
    this.#target[slot] = undefined;
    const gen = (this.#gen[slot] as number) + 1;
    this.#gen[slot] = gen === GEN_LIMIT ? 0 : gen;
    if (this.#freeCount === this.#free.length) {
      const free = new Int32Array(this.#free.length * 2);
      free.set(this.#free);
      this.#free = free;
    }
    this.#free[this.#freeCount++] = slot;
  }

  #growSlots(): void {
    const n = this.#arg.length * 2;
    const arg = new Float64Array(n);
    arg.set(this.#arg);
    this.#arg = arg;
    const cancelled = new Uint8Array(n);
    cancelled.set(this.#cancelled);
    this.#cancelled = cancelled;
    const gen = new Float64Array(n);
    gen.set(this.#gen);
    this.#gen = gen;
    for (let i = this.#target.length; i < n; i++) this.#target.push(undefined);
  }
}

/**
 * Execution environments as records in one Float64Array, by slot (a slot is reused after its instance
 * stops), and the intrusive lists that keep a function's instances with spare capacity in the order
 * they last became available (oldest at the head), linked through the records.
 *
 * Not an object per instance: with 100 k functions an instance is touched minutes after anything
 * last touched it, so every field read is a cache miss; an object's number fields each sit in a
 * heap box of their own, while a record is 64 contiguous bytes (and no garbage to collect).
 */

/** creation order across the run; never reused */
const SERIAL = 0;
/** the function whose runtime keeps the instance */
const FN = 1;
const READY_AT = 2;
const IN_FLIGHT = 3;
/** in-flight pings that found the instance ready */
const PING_IN_FLIGHT = 4;
/** STATE bits */
const STATE = 5;
/** neighbours in the list the instance is in (NONE: none) */
const PREV = 6;
const NEXT = 7;
const RECORD = 8;

const ALIVE = 1;
const PROVISIONED = 2;
/** a provisioned instance being allocated: not available until its ready event */
const PENDING = 4;
/** held as part of the pre-warmed buffer (no expiry check pending; see PrewarmedBuffer) */
const HELD = 8;
const IN_LIST = 16;

/** no instance: an empty list's ends, a routing choice that found none */
export const NONE = -1;

export class Instances {
  #v = new Float64Array(64 * RECORD);
  /**
   * Memory held by the requests in flight (PlatformSpec.instanceMemoryShared; else stays 0; with
   * processMemory, see processHeldMb), apart from the record: most platforms never use it.
   */
  #memoryMb = new Float64Array(64);
  #slots = 0;
  readonly #free: number[] = [];

  /** A slot for a new instance (the last one freed, else a new one): busy or starting, in no list. */
  take(serial: number, fn: number, readyAtMs: number, provisioned: boolean): number {
    const slot = this.#free.length > 0 ? (this.#free.pop() as number) : this.#newSlot();
    const v = this.#v;
    const r = slot * RECORD;
    v[r + SERIAL] = serial;
    v[r + FN] = fn;
    v[r + READY_AT] = readyAtMs;
    v[r + IN_FLIGHT] = 0;
    v[r + PING_IN_FLIGHT] = 0;
    v[r + STATE] = provisioned ? ALIVE | PROVISIONED : ALIVE;
    v[r + PREV] = NONE;
    v[r + NEXT] = NONE;
    this.#memoryMb[slot] = 0;
    return slot;
  }

  /** The instance stopped: its slot is free for the next one (its record stays readable until then). */
  release(slot: number): void {
    const r = slot * RECORD + STATE;
    this.#v[r] = (this.#v[r] as number) & ~ALIVE;
    this.#free.push(slot);
  }

  #newSlot(): number {
    const slot = this.#slots++;
    if (slot * RECORD >= this.#v.length) {
      const v = new Float64Array(2 * this.#v.length);
      v.set(this.#v);
      this.#v = v;
      const m = new Float64Array(2 * this.#memoryMb.length);
      m.set(this.#memoryMb);
      this.#memoryMb = m;
    }
    return slot;
  }

  serial(slot: number): number {
    return this.#v[slot * RECORD + SERIAL] as number;
  }
  fn(slot: number): number {
    return this.#v[slot * RECORD + FN] as number;
  }
  readyAtMs(slot: number): number {
    return this.#v[slot * RECORD + READY_AT] as number;
  }
  setReadyAtMs(slot: number, ms: number): void {
    this.#v[slot * RECORD + READY_AT] = ms;
  }
  inFlight(slot: number): number {
    return this.#v[slot * RECORD + IN_FLIGHT] as number;
  }
  /** Adds `delta` to the requests in flight; returns the new count. */
  addInFlight(slot: number, delta: number): number {
    const r = slot * RECORD + IN_FLIGHT;
    const n = (this.#v[r] as number) + delta;
    this.#v[r] = n;
    return n;
  }
  pingInFlight(slot: number): number {
    return this.#v[slot * RECORD + PING_IN_FLIGHT] as number;
  }
  addPingInFlight(slot: number, delta: number): void {
    this.#v[slot * RECORD + PING_IN_FLIGHT] = (this.#v[slot * RECORD + PING_IN_FLIGHT] as number) + delta;
  }
  memoryMb(slot: number): number {
    return this.#memoryMb[slot] as number;
  }
  setMemoryMb(slot: number, mb: number): void {
    this.#memoryMb[slot] = mb;
  }

  alive(slot: number): boolean {
    return this.#has(slot, ALIVE);
  }
  provisioned(slot: number): boolean {
    return this.#has(slot, PROVISIONED);
  }
  pending(slot: number): boolean {
    return this.#has(slot, PENDING);
  }
  setPending(slot: number, on: boolean): void {
    this.#set(slot, PENDING, on);
  }
  held(slot: number): boolean {
    return this.#has(slot, HELD);
  }
  setHeld(slot: number, on: boolean): void {
    this.#set(slot, HELD, on);
  }
  inList(slot: number): boolean {
    return this.#has(slot, IN_LIST);
  }

  #has(slot: number, bit: number): boolean {
    return ((this.#v[slot * RECORD + STATE] as number) & bit) !== 0;
  }
  #set(slot: number, bit: number, on: boolean): void {
    const r = slot * RECORD + STATE;
    const s = this.#v[r] as number;
    this.#v[r] = on ? s | bit : s & ~bit;
  }

  prev(slot: number): number {
    return this.#v[slot * RECORD + PREV] as number;
  }
  next(slot: number): number {
    return this.#v[slot * RECORD + NEXT] as number;
  }

  /** Puts the instance at the end of `list`. */
  append(list: InstanceList, slot: number): void {
    const v = this.#v;
    const r = slot * RECORD;
    const tail = list.tail;
    v[r + PREV] = tail;
    v[r + NEXT] = NONE;
    if (tail !== NONE) v[tail * RECORD + NEXT] = slot;
    else list.head = slot;
    list.tail = slot;
    v[r + STATE] = (v[r + STATE] as number) | IN_LIST;
    list.count++;
  }

  /** Takes the instance out of `list`, which holds it. */
  remove(list: InstanceList, slot: number): void {
    const v = this.#v;
    const r = slot * RECORD;
    const prev = v[r + PREV] as number;
    const next = v[r + NEXT] as number;
    if (prev !== NONE) v[prev * RECORD + NEXT] = next;
    else list.head = next;
    if (next !== NONE) v[next * RECORD + PREV] = prev;
    else list.tail = prev;
    v[r + PREV] = NONE;
    v[r + NEXT] = NONE;
    v[r + STATE] = (v[r + STATE] as number) & ~IN_LIST;
    list.count--;
  }
}

/** A function's instances with spare capacity, oldest first: slots linked through Instances' records. */
export class InstanceList {
  head = NONE;
  tail = NONE;
  count = 0;
}

/**
 * An execution environment, and the intrusive list that keeps a function's instances with spare
 * capacity in the order they last became available (oldest at the head).
 */
export class Instance {
  /** index into the platform's slot table; reused after the instance stops */
  slot: number;
  /** creation order across the run; never reused */
  serial = 0;
  fn = 0;
  provisioned = false;
  /** a provisioned instance being allocated: not available until its ready event */
  pending = false;
  alive = false;
  readyAtMs = 0;
  inFlight = 0;
  /** memory held by the requests in flight (PlatformSpec.instanceMemoryShared; else stays 0; with processMemory, see processHeldMb) */
  memoryInUseMb = 0;
  /** in-flight pings that found the instance ready */
  pingInFlight = 0;
  /** held as part of the pre-warmed buffer (no expiry check pending; see PrewarmedBuffer) */
  held = false;
  // its keep-alive state (idle since, window end, pending check) is KeepAliveTimers', by slot
  prev: Instance | null = null;
  next: Instance | null = null;
  inList = false;

  constructor(slot: number) {
    this.slot = slot;
  }
}

export class InstanceList {
  head: Instance | null = null;
  tail: Instance | null = null;
  count = 0;

  append(inst: Instance): void {
    inst.prev = this.tail;
    inst.next = null;
    if (this.tail) this.tail.next = inst;
    else this.head = inst;
    this.tail = inst;
    inst.inList = true;
    this.count++;
  }

  remove(inst: Instance): void {
    if (inst.prev) inst.prev.next = inst.next;
    else this.head = inst.next;
    if (inst.next) inst.next.prev = inst.prev;
    else this.tail = inst.prev;
    inst.prev = inst.next = null;
    inst.inList = false;
    this.count--;
  }
}

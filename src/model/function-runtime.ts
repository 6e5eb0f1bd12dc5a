/**
 * What the platform keeps per function while it runs: its instance lists and counters, its scaling
 * buckets and its provisioned-control state. One object per function, so every field here costs a
 * million-function trace a million times; a policy's state that few functions use lives in that
 * policy's unit instead (the wait queue keeps its FIFO ends in arrays of its own).
 */
import type { Instance } from './instance.js';
import { InstanceList } from './instance.js';
import type { FunctionSpec } from './spec.js';
import { TokenBucket } from './token-bucket.js';
import { Rng } from '../util/rng.js';

/** The random streams a function draws from: the run's shared ones, or its own (ModelSpec.rngStreams). */
export interface Streams {
  init: Rng;
  keepAlive: Rng;
  routing: Rng;
  duration: Rng;
}

/**
 * The provisioned lists of a function that never had a provisioned instance: shared, never appended
 * to (a million functions without provisioned instances would otherwise hold two million empty
 * lists); `ownList` replaces it before the first append.
 */
export const NO_INSTANCES = new InstanceList();

export function ownList(list: InstanceList): InstanceList {
  return list === NO_INSTANCES ? new InstanceList() : list;
}

/** Streams of a runtime made without any (units driven alone in tests): the platform always passes its own. */
const UNSEEDED = new Rng('unseeded');
const DEFAULT_STREAMS: Streams = {
  init: UNSEEDED,
  keepAlive: UNSEEDED,
  routing: UNSEEDED,
  duration: UNSEEDED,
};

/** An unlimited bucket (it keeps no state) shared by functions not started yet, instead of one each. */
const NOT_STARTED = new TokenBucket(null, 0);

/**
 * A function's runtime is itself the list of its on-demand instances with spare capacity
 * (`onDemand`): placing a request and stopping an instance read that list's ends and count, and as
 * fields of this object they share its cache lines. With 100 k functions each of those touches a
 * function last seen minutes before, and a list object of its own was one more miss each time.
 */
export class FunctionRuntime extends InstanceList {
  /**
   * The runtime that keeps this function's instances, caps, scaling and provisioned level: itself,
   * or the first function of its scaling group (FunctionSpec.group), whose fields below are the group's.
   */
  pool: FunctionRuntime = this;
  provisioned = NO_INSTANCES;
  busyInstances = 0;
  aliveInstances = 0;
  /** on-demand instances with nothing in flight, ready or starting (the pre-warmed buffer counts these) */
  spareOnDemand = 0;
  /**
   * spare instances held as the pre-warmed buffer while the function is busy (Instance.held; stale
   * entries skipped); null until the first is held: an array per function cost a million-function
   * trace a million objects, and every completion a read of one more line
   */
  held: Instance[] | null = null;
  /** ready instances whose every in-flight request is a ping that found them warm */
  pingOnlyBusy = 0;
  /** new instances: PlatformSpec.scaling, and asyncScaling for async requests where the platform has it (set when the function starts) */
  scaling = NOT_STARTED;
  asyncScaling: TokenBucket | null = null;
  /** configured provisioned level, and instances allocated but not ready yet */
  provLevel = 0;
  provPending = NO_INSTANCES;
  /** busy provisioned instances to stop when they finish (the level went down) */
  provRetireOwed = 0;
  /** requests in flight on provisioned instances, integrated over time for target tracking */
  provInFlight = 0;
  provInFlightMs = 0;
  provLastMs = 0;
  /** consecutive minutes above / below target (target tracking) */
  autoAbove = 0;
  autoBelow = 0;
  /** a pending wake-up for when the scaling bucket holds a token again, or NaN */
  wakeAtMs = NaN;
  constructor(
    readonly index: number,
    readonly spec: FunctionSpec,
    /** its random streams: the platform's shared object, or its own with per-function streams */
    readonly streams: Streams = DEFAULT_STREAMS,
  ) {
    super();
  }

  /** its on-demand instances with spare capacity, oldest available first (the runtime itself: see the class) */
  get onDemand(): InstanceList {
    return this;
  }
}

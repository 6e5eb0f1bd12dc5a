/**
 * Whether a configuration could run the trace at all: requests whose run time (after the duration
 * model scaled it to the configured memory) is past the platform's timeout, and requests that used
 * more memory than their function is given (`memory_used_mb` in the trace, Max Memory Used in logs).
 * A sweep must not recommend such a size (issue 12 §0); simulate says so in its notes.
 */
import { INV, NullObserver } from '../model/observer.js';
import { formatDurationMs } from '../util/units.js';
import { inputError } from '../errors.js';

export interface OverTimeout {
  timeoutMs: number;
  requests: number;
  longestRunMs: number;
  /** memory of the function whose run was the longest */
  atMemoryMb: number;
}

export interface OverMemory {
  requests: number;
  /** the most memory one request used */
  largestUsedMb: number;
  /** memory of the function that request ran in */
  atMemoryMb: number;
}

/** FeasibilityObserver's counts and extremes (exportState). */
export interface FeasibilityState {
  overTimeout: number;
  longestRunMs: number;
  longestAtMb: number;
  overMemory: number;
  largestUsedMb: number;
  largestAtMb: number;
}

export class FeasibilityObserver extends NullObserver {
  readonly #timeoutMs: number;
  readonly #memoryMb: (fn: number) => number;
  #overTimeout = 0;
  #longestRunMs = -Infinity;
  #longestAtMb = NaN;
  #overMemory = 0;
  #largestUsedMb = -Infinity;
  #largestAtMb = NaN;

  readonly #checkMemory: boolean;

  /**
   * `timeoutMs`: the platform's longest run (Infinity where it states none); `memoryMb(fn)` a
   * function's memory; `checkMemory` false where the memory setting is itself the observed memory an
   * execution bills (Azure Consumption), so using more than it is not a failure.
   */
  constructor(timeoutMs: number, memoryMb: (fn: number) => number, checkMemory: boolean) {
    super();
    this.#timeoutMs = timeoutMs;
    this.#memoryMb = memoryMb;
    this.#checkMemory = checkMemory;
  }

  override onInvocation(
    fn: number,
    flags: number,
    _arrivalMs: number,
    _startMs: number,
    _initMs: number,
    runMs: number,
    memoryUsedMb: number,
  ): void {
    if (flags & INV.ping) return;
    // a run sharing its instance's CPU is checked when it ends, at its real (stretched) run time
    if ((flags & INV.cpuShared) === 0) this.#checkRun(fn, runMs);
    // most traces have no memory column (NaN): no lookup of the function's memory for them
    if (this.#checkMemory && !Number.isNaN(memoryUsedMb) && memoryUsedMb > this.#memoryMb(fn)) {
      this.#overMemory++;
      if (memoryUsedMb > this.#largestUsedMb) {
        this.#largestUsedMb = memoryUsedMb;
        this.#largestAtMb = this.#memoryMb(fn);
      }
    }
  }

  override onSharedRunEnd(
    fn: number,
    flags: number,
    _arrivalMs: number,
    _startMs: number,
    _initMs: number,
    runMs: number,
  ): void {
    if ((flags & INV.ping) === 0) this.#checkRun(fn, runMs);
  }

  #checkRun(fn: number, runMs: number): void {
    if (runMs > this.#timeoutMs) {
      this.#overTimeout++;
      if (runMs > this.#longestRunMs) {
        this.#longestRunMs = runMs;
        this.#longestAtMb = this.#memoryMb(fn);
      }
    }
  }

  get overTimeout(): OverTimeout | undefined {
    if (this.#overTimeout === 0) return undefined;
    return {
      timeoutMs: this.#timeoutMs,
      requests: this.#overTimeout,
      longestRunMs: this.#longestRunMs,
      atMemoryMb: this.#longestAtMb,
    };
  }

  /** The counts and extremes, for a shard of a simulate (run/simulate-shard.ts). */
  exportState(): FeasibilityState {
    return {
      overTimeout: this.#overTimeout,
      longestRunMs: this.#longestRunMs,
      longestAtMb: this.#longestAtMb,
      overMemory: this.#overMemory,
      largestUsedMb: this.#largestUsedMb,
      largestAtMb: this.#largestAtMb,
    };
  }

  /**
   * Adds a shard's counts and keeps the larger extreme. The whole run names the memory of the first
   * request to reach the extreme, which shards cannot order: the same extreme at two sizes is refused.
   */
  importState(s: FeasibilityState): void {
    this.#overTimeout += s.overTimeout;
    this.#overMemory += s.overMemory;
    [this.#longestRunMs, this.#longestAtMb] = larger(
      'longest run past the timeout',
      [this.#longestRunMs, this.#longestAtMb],
      [s.longestRunMs, s.longestAtMb],
    );
    [this.#largestUsedMb, this.#largestAtMb] = larger(
      'largest memory used',
      [this.#largestUsedMb, this.#largestAtMb],
      [s.largestUsedMb, s.largestAtMb],
    );
  }

  get overMemory(): OverMemory | undefined {
    if (this.#overMemory === 0) return undefined;
    return { requests: this.#overMemory, largestUsedMb: this.#largestUsedMb, atMemoryMb: this.#largestAtMb };
  }
}

/** The larger of two (extreme, memory at it) pairs; the same extreme at two memory sizes is refused. */
function larger(what: string, mine: [number, number], theirs: [number, number]): [number, number] {
  if (theirs[0] > mine[0]) return theirs;
  if (theirs[0] === mine[0] && theirs[0] > -Infinity && theirs[1] !== mine[1])
    throw inputError(
      'NOT_SHARDABLE',
      `--shard: requests of functions in different shards share the ${what} at ${mine[1]} MB and ${theirs[1]} MB, and the report names the size of the first of them, which shards cannot tell; run simulate whole`,
    );
  return mine;
}

const plural = (n: number, word: string): string =>
  `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** The report's note on runs past the timeout, naming the memory size they ran at. */
export function overTimeoutNote(o: OverTimeout, platformLabel: string): string {
  return `${plural(o.requests, 'request')} ran longer than ${platformLabel}'s limit of ${formatDurationMs(o.timeoutMs)} at ${o.atMemoryMb.toLocaleString('en-US')} MB (the longest ${formatDurationMs(o.longestRunMs)}): there ${o.requests === 1 ? 'it' : 'they'} would time out; faasim runs and bills ${o.requests === 1 ? 'it' : 'them'} as given`;
}

/** The report's note on requests that used more memory than their function has. */
export function overMemoryNote(o: OverMemory): string {
  return `${plural(o.requests, 'request')} used more memory than ${o.requests === 1 ? 'its' : 'their'} function is given (up to ${o.largestUsedMb.toLocaleString('en-US')} MB at ${o.atMemoryMb.toLocaleString('en-US')} MB): there ${o.requests === 1 ? 'it' : 'they'} would fail out of memory; faasim runs and bills ${o.requests === 1 ? 'it' : 'them'} as given`;
}

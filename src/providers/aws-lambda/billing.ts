/**
 * AWS Lambda's billing rules as a meter on the platform's events:
 * - each invocation's duration is rounded up to the billing granularity (1 ms) and billed at the
 *   configured memory; a cold start's INIT is billed with it (since 2025-08-01 for every package;
 *   before, only for custom runtimes and container images): billed = ceil(INIT + run);
 * - on-demand duration is priced through the monthly tiers of its architecture; the free tier (when
 *   on) comes off the first tier;
 * - provisioned concurrency: configured GB-s, each period at one level rounded up to 5 minutes,
 *   split into the part busy serving requests and the idle rest; the lower duration rate for
 *   invocations served by provisioned environments and for their INIT (at allocation and at each
 *   periodic recycling); invocations that spill over pay on-demand rates;
 * - ephemeral storage above the included 512 MB per GB-s of billed duration.
 * Monthly quantities are the span's quantities × (30 days / span); tiers and free tier apply to them.
 */
import { inputError } from '../../errors.js';
import { INV, NullObserver } from '../../model/observer.js';
import {
  finishReport,
  line,
  MONTH_MS,
  tieredCost,
  type CostLine,
  type CostReport,
} from '../../pricing/cost.js';
import type { Figure } from '../../pricing/figure.js';
import { PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import type { BillingInput, BillingMeter, MeterState, ProviderSettings } from '../types.js';
import type { AwsLambdaSheet } from './sheet.js';
import { snapStartLines, snapStartUnconfirmed, type SnapStartSheet } from './snapstart.js';
import {
  FrontDoorCounter,
  frontDoorLines,
  frontDoorUnconfirmed,
  type FrontDoorKind,
  type FrontDoorSheet,
} from '../shared/front-door.js';
import { billedRegion } from '../shared/billed-region.js';
import { RecordBlocks, recordOffset } from '../../util/record-blocks.js';
import { settingOf } from '../option-spec.js';
import { RESPONSE_SIZE } from './options.js';
import { StreamingCounter, streamingLine, streamingUnconfirmed, type StreamingSheet } from './streaming.js';

/** Guards ceil() against float noise such as 100.00000000000001 ms from scaled run times. */
const EPS = 1e-9;

/**
 * A function's usage, as offsets into its record of STRIDE numbers in blocks of Float64Array
 * (util/record-blocks.ts): no object per function, so 100 k functions cost 19 MB of buffers instead
 * of 100 k GC-traced objects with their boxed doubles, and an invocation's updates stay in two cache lines.
 */
/** the function's memory in GB, looked up on its first invocation (NaN before) */
const GB = 0;
/** ms of billed duration, for ephemeral storage */
const BILLED_MS = 1;
/** user requests served (on-demand and provisioned) */
const REQUESTS = 2;
/** GB-ms, rounded per invocation */
const RUN_GB_MS = 3;
const COLD_STARTS_BILLED = 4;
const COLD_STARTS_FREE = 5;
const INIT_GB_MS = 6;
const PING_REQUESTS = 7;
const PING_COLD_STARTS = 8;
const PING_PROVISIONED_GB_MS = 9;
const PING_ON_DEMAND_GB_MS = 10;
const PROVISIONED_RUN_GB_MS = 11;
/** SnapStart restores (cold starts of users and pings) and the GB they restored */
const RESTORES = 12;
const RESTORED_GB = 13;
const PROVISIONED_INIT_GB_MS = 14;
/**
 * INIT of the instances allocated when the window opens: a month that repeats the span allocates
 * its starting level once, not once per span, so this is not projected (see #provisionedInitLine).
 */
const STARTING_INIT_GB_MS = 15;
const STARTING_ALLOCATIONS = 16;
/** provisioned instances busy, integrated (instance-ms) inside the window */
const PROV_BUSY = 17;
const PROV_BUSY_MS = 18;
const PROV_LAST_MS = 19;
/** recycles of provisioned instances (each re-runs INIT), as an expected number over their time alive */
const RECYCLES = 20;
const RECYCLE_INIT_GB_MS = 21;
/** on-demand cold starts (users' and pings') whose INIT is over the platform's INIT limit, and the longest such INIT */
const INITS_OVER_LIMIT = 22;
const INIT_OVER_LIMIT_MAX_MS = 23;
const STRIDE = 24;

/** One function's record read by name, for the bill's sums (one view moved from record to record). */
class UsageView {
  v: Float64Array = new Float64Array(0);
  f = 0;
  /** the function's index */
  i = 0;
  get requests(): number {
    return this.v[this.f + REQUESTS] as number;
  }
  get pingRequests(): number {
    return this.v[this.f + PING_REQUESTS] as number;
  }
  get runGbMs(): number {
    return this.v[this.f + RUN_GB_MS] as number;
  }
  get initGbMs(): number {
    return this.v[this.f + INIT_GB_MS] as number;
  }
  get coldStartsBilled(): number {
    return this.v[this.f + COLD_STARTS_BILLED] as number;
  }
  get coldStartsFree(): number {
    return this.v[this.f + COLD_STARTS_FREE] as number;
  }
  get provisionedRunGbMs(): number {
    return this.v[this.f + PROVISIONED_RUN_GB_MS] as number;
  }
  get provisionedInitGbMs(): number {
    return this.v[this.f + PROVISIONED_INIT_GB_MS] as number;
  }
  get startingInitGbMs(): number {
    return this.v[this.f + STARTING_INIT_GB_MS] as number;
  }
  get startingAllocations(): number {
    return this.v[this.f + STARTING_ALLOCATIONS] as number;
  }
  get pingOnDemandGbMs(): number {
    return this.v[this.f + PING_ON_DEMAND_GB_MS] as number;
  }
  get pingProvisionedGbMs(): number {
    return this.v[this.f + PING_PROVISIONED_GB_MS] as number;
  }
  get pingColdStarts(): number {
    return this.v[this.f + PING_COLD_STARTS] as number;
  }
  get restores(): number {
    return this.v[this.f + RESTORES] as number;
  }
  get restoredGb(): number {
    return this.v[this.f + RESTORED_GB] as number;
  }
  get billedMs(): number {
    return this.v[this.f + BILLED_MS] as number;
  }
  get provBusyMs(): number {
    return this.v[this.f + PROV_BUSY_MS] as number;
  }
  get recycles(): number {
    return this.v[this.f + RECYCLES] as number;
  }
  get recycleInitGbMs(): number {
    return this.v[this.f + RECYCLE_INIT_GB_MS] as number;
  }
  get initsOverLimit(): number {
    return this.v[this.f + INITS_OVER_LIMIT] as number;
  }
  get initOverLimitMaxMs(): number {
    return this.v[this.f + INIT_OVER_LIMIT_MAX_MS] as number;
  }
}

/** What AwsLambdaMeter.exportState gives. */
interface LambdaMeterState {
  count: number;
  records: Float64Array;
  levels: (Levels | null)[];
  frontDoorRequests: number;
  windowStartMs: number;
  windowEndMs: number;
}

/** Provisioned level changes of a function: times and levels, from the window start. */
interface Levels {
  atMs: number[];
  level: number[];
}

/** A live provisioned instance: when it was allocated and its INIT, to count recycles. */
interface ProvisionedLife {
  fn: number;
  startMs: number;
  initMs: number;
}

export class AwsLambdaMeter extends NullObserver implements BillingMeter {
  readonly #sheet: AwsLambdaSheet;
  readonly #settings: ProviderSettings;
  readonly #memoryMb: (fn: number) => number;
  readonly #granularityMs: number;
  readonly #initAlwaysBilled: boolean;
  /** the on-demand INIT limit (platform.initMaxMs): a longer INIT is noted */
  readonly #initMaxMs: number;
  /** the functions' records (see STRIDE; a new one has its memory not looked up yet and no provisioned busy level); functions seen so far: its count */
  readonly #rec = new RecordBlocks(STRIDE, { [GB]: NaN, [PROV_LAST_MS]: NaN });
  /** the block of the record #fn last gave */
  #v: Float64Array = new Float64Array(0);
  /** provisioned level changes, by function; absent while a function's level has only been 0 */
  readonly #levels: (Levels | undefined)[] = [];
  readonly #provisionedLives = new Map<number, ProvisionedLife>();
  readonly #recycleMs: number;
  /** the SnapStart sheet when --snapstart is on, else null */
  readonly #snapStart: SnapStartSheet | null;
  /** the front-door sheet when --front-door names one, else null */
  readonly #frontDoor: FrontDoorSheet | null;
  readonly #frontDoorRequests = new FrontDoorCounter();
  /** response sizes: the streaming sheet, whether responses stream, --response-size (NaN: the trace's sizes only) */
  readonly #responses: { sheet: () => StreamingSheet; on: boolean } | null;
  /**
   * --response-size (NaN: the trace's sizes only), a field of the meter's own: read from the object
   * above, the number came out a new heap number per invocation
   */
  readonly #responseSizeBytes: number;
  /** what sync responses returned, made on the first response with a size */
  #responseCounter: StreamingCounter | null = null;
  #windowStartMs = NaN;
  #windowEndMs = Infinity;

  constructor(
    sheet: AwsLambdaSheet,
    settings: ProviderSettings,
    memoryMb: (fn: number) => number,
    customRuntime: boolean,
    snapStart: SnapStartSheet | null = null,
    frontDoor: FrontDoorSheet | null = null,
    responses: { sheet: () => StreamingSheet; on: boolean } | null = null,
  ) {
    super();
    this.#responses = responses;
    this.#responseSizeBytes = responses ? (settingOf<number>(settings, RESPONSE_SIZE) ?? NaN) : NaN;
    this.#sheet = sheet;
    this.#snapStart = snapStart;
    this.#frontDoor = frontDoor;
    this.#settings = settings;
    this.#memoryMb = memoryMb;
    this.#granularityMs = sheet.billing.durationGranularityMs.value;
    this.#initAlwaysBilled =
      settings.initBilling === 'current' || customRuntime || settings.packageType === 'image';
    this.#recycleMs = sheet.billing.provisionedRecycleMs?.value ?? Infinity;
    this.#initMaxMs = sheet.platform.initMaxMs.value;
  }

  /** Start of function i's record in its block, which becomes #v; records up to it are made on first sight. */
  #fn(i: number): number {
    this.#v = this.#rec.block(i);
    return recordOffset(i, STRIDE);
  }

  /** Adds `x` to field `field` of the record at `f`. */
  #add(f: number, field: number, x: number): void {
    const v = this.#v;
    v[f + field] = (v[f + field] as number) + x;
  }

  #billedMs(ms: number): number {
    const g = this.#granularityMs;
    return Math.ceil(ms / g - EPS) * g;
  }

  override onInvocation(
    fn: number,
    flags: number,
    _arrivalMs: number,
    _startMs: number,
    initMs: number,
    runMs: number,
    _memoryUsedMb: number,
    _cpuMs: number,
    _instance: number,
    responseBytes = NaN,
  ): void {
    const u = this.#fn(fn);
    this.#frontDoorRequests.invocation(flags);
    const r = this.#responses;
    const bytes = Number.isNaN(responseBytes) ? this.#responseSizeBytes : responseBytes;
    if (r && !Number.isNaN(bytes))
      (this.#responseCounter ??= new StreamingCounter(r.sheet(), r.on)).invocation(flags, bytes);
    // a function's memory does not change during a run: look it up once, not per invocation
    let gb = this.#v[u + GB] as number;
    if (Number.isNaN(gb)) gb = this.#v[u + GB] = this.#memoryMb(fn) / 1024;
    const run = this.#billedMs(runMs);
    // the record's fields are added to here directly, not through #add: V8 did not inline all of
    // those calls, and each passed its number boxed (a new heap number per invocation)
    const v = this.#v;
    if (this.#snapStart && (flags & INV.cold) !== 0) {
      // a restore, not an INIT: priced per GB restored, its latency not billed as duration
      v[u + RESTORES] = (v[u + RESTORES] as number) + 1;
      v[u + RESTORED_GB] = (v[u + RESTORED_GB] as number) + gb;
      initMs = 0;
    }
    // A request that waited on someone else's INIT (initWait) does not pay for it; only its creator does.
    const ownInit =
      (flags & INV.cold) !== 0 && this.#initAlwaysBilled ? this.#billedMs(initMs + runMs) - run : 0;
    const provisioned = (flags & INV.provisioned) !== 0;
    // the limit is on-demand's: provisioned and SnapStart INITs have a longer one
    if (initMs > this.#initMaxMs && (flags & INV.cold) !== 0 && !provisioned) {
      v[u + INITS_OVER_LIMIT] = (v[u + INITS_OVER_LIMIT] as number) + 1;
      v[u + INIT_OVER_LIMIT_MAX_MS] = Math.max(v[u + INIT_OVER_LIMIT_MAX_MS] as number, initMs);
    }
    v[u + BILLED_MS] = (v[u + BILLED_MS] as number) + (run + ownInit);
    if (flags & INV.ping) {
      v[u + PING_REQUESTS] = (v[u + PING_REQUESTS] as number) + 1;
      if (flags & INV.cold) v[u + PING_COLD_STARTS] = (v[u + PING_COLD_STARTS] as number) + 1;
      if (provisioned) v[u + PING_PROVISIONED_GB_MS] = (v[u + PING_PROVISIONED_GB_MS] as number) + run * gb;
      else v[u + PING_ON_DEMAND_GB_MS] = (v[u + PING_ON_DEMAND_GB_MS] as number) + (run + ownInit) * gb;
      return;
    }
    v[u + REQUESTS] = (v[u + REQUESTS] as number) + 1;
    if (provisioned) {
      v[u + PROVISIONED_RUN_GB_MS] = (v[u + PROVISIONED_RUN_GB_MS] as number) + run * gb;
      return;
    }
    v[u + RUN_GB_MS] = (v[u + RUN_GB_MS] as number) + run * gb;
    if (flags & INV.cold) {
      if (this.#initAlwaysBilled) v[u + COLD_STARTS_BILLED] = (v[u + COLD_STARTS_BILLED] as number) + 1;
      else v[u + COLD_STARTS_FREE] = (v[u + COLD_STARTS_FREE] as number) + 1;
      v[u + INIT_GB_MS] = (v[u + INIT_GB_MS] as number) + ownInit * gb;
    }
  }

  override onThrottle(
    _fn: number,
    flags: number,
    _timeMs: number,
    _reason: number,
    willRetry: boolean,
  ): void {
    this.#frontDoorRequests.throttle(flags, willRetry);
  }

  override onInstanceStart(
    fn: number,
    instance: number,
    timeMs: number,
    initMs: number,
    provisioned: boolean,
  ): void {
    if (!provisioned) return;
    const u = this.#fn(fn);
    const gbMs = this.#billedMs(initMs) * (this.#memoryMb(fn) / 1024);
    if (timeMs <= this.#windowStartMs) {
      this.#add(u, STARTING_INIT_GB_MS, gbMs);
      this.#add(u, STARTING_ALLOCATIONS, 1);
    } else this.#add(u, PROVISIONED_INIT_GB_MS, gbMs);
    this.#provisionedLives.set(instance, {
      fn,
      startMs: Math.max(timeMs + initMs, this.#windowStartMs),
      initMs,
    });
  }

  override onInstanceStop(_fn: number, instance: number, timeMs: number, provisioned: boolean): void {
    if (provisioned) this.#endLife(instance, timeMs);
  }

  /** Counts the recycles of a provisioned instance over its life inside the window. */
  #endLife(instance: number, timeMs: number): void {
    const life = this.#provisionedLives.get(instance);
    if (!life) return;
    this.#provisionedLives.delete(instance);
    const lived = Math.min(timeMs, this.#windowEndMs) - life.startMs;
    // a rate, not a count: a 2-hour trace of an instance recycled every 4 hours bills half a recycle,
    // so the month gets the recycles its 30 days hold
    const n = this.#recycleMs === Infinity ? 0 : Math.max(0, lived) / this.#recycleMs;
    if (n > 0) {
      const u = this.#fn(life.fn);
      this.#add(u, RECYCLES, n);
      this.#add(u, RECYCLE_INIT_GB_MS, n * this.#billedMs(life.initMs) * (this.#memoryMb(life.fn) / 1024));
    }
  }

  override onProvisionedLevel(fn: number, timeMs: number, level: number): void {
    this.#fn(fn);
    let l = this.#levels[fn];
    // a level of 0 before any other bills nothing and bounds no earlier period: not kept, so that
    // functions without provisioned concurrency hold no arrays
    if (l === undefined) {
      if (level === 0) return;
      l = { atMs: [], level: [] };
      this.#levels[fn] = l;
    }
    l.atMs.push(timeMs);
    l.level.push(level);
  }

  #trackBusy(fn: number, timeMs: number, delta: number): void {
    const u = this.#fn(fn);
    const v = this.#v;
    const t = Math.min(Math.max(timeMs, this.#windowStartMs), this.#windowEndMs);
    const last = v[u + PROV_LAST_MS] as number;
    if (!Number.isNaN(last)) this.#add(u, PROV_BUSY_MS, (v[u + PROV_BUSY] as number) * (t - last));
    v[u + PROV_LAST_MS] = t;
    this.#add(u, PROV_BUSY, delta);
  }

  override onInstanceBusy(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    if (provisioned) this.#trackBusy(fn, timeMs, 1);
  }

  override onInstanceIdle(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    if (provisioned) this.#trackBusy(fn, timeMs, -1);
  }

  override onWindowStart(timeMs: number): void {
    this.#windowStartMs = timeMs;
  }

  override onWindowEnd(timeMs: number): void {
    for (let fn = 0; fn < this.#rec.count; fn++) {
      if (!Number.isNaN(this.#rec.get(fn, PROV_LAST_MS))) this.#trackBusy(fn, timeMs, 0);
    }
    this.#windowEndMs = timeMs;
    for (const id of [...this.#provisionedLives.keys()]) this.#endLife(id, timeMs);
  }

  /**
   * Configured provisioned GB-ms of a function: each period at one level rounded up to the billing
   * step (AWS rounds the time from enabling to disabling). The month repeats the span, so a period
   * that starts at the window start and one that ends at the window end at the same level are one
   * period across the span's boundary, rounded once; a level held through the whole span is enabled
   * all month (whole steps): not rounded. Periods wholly inside the span are rounded each.
   */
  #configuredGbMs(fn: number, roundingMs: number): number {
    const u = this.#levels[fn];
    if (u === undefined) return 0;
    const gb = this.#memoryMb(fn) / 1024;
    const start = this.#windowStartMs;
    const end = this.#windowEndMs;
    const rounded = (ms: number): number => Math.ceil(ms / roundingMs - EPS) * roundingMs;
    const n = u.level.length;
    const first = u.level[0] as number;
    const last = u.level[n - 1] as number;
    // the level at the window start continues the previous repeat's last period when they are equal
    const wraps = first > 0 && first === last && (u.atMs[0] as number) <= start;
    if (wraps && n === 1) return first * gb * (end - start);
    let gbMs = 0;
    let wrapMs = 0;
    for (let i = 0; i < n; i++) {
      const level = u.level[i] as number;
      if (level === 0) continue;
      const from = u.atMs[i] as number;
      const to = i + 1 < n ? (u.atMs[i + 1] as number) : end;
      if (to <= from) continue;
      if (wraps && (i === 0 || i === n - 1)) wrapMs += to - from;
      else gbMs += level * gb * rounded(to - from);
    }
    return wraps ? gbMs + first * gb * rounded(wrapMs) : gbMs;
  }

  /** The usage after a run (BillingMeter.exportState): every function's record and level changes, and the front-door count. */
  exportState(): MeterState {
    if (this.#provisionedLives.size > 0)
      throw new Error('AWS Lambda meter: provisioned instances still alive after the window closed');
    if (this.#responseCounter !== null)
      throw inputError(
        'NOT_SHARDABLE',
        "--shard: response sizes are summed over all functions' requests in the order they came, which a merge cannot repeat; run simulate whole",
      );
    return {
      count: this.#rec.count,
      records: this.#rec.toArray(),
      levels: Array.from({ length: this.#rec.count }, (_, i) => this.#levels[i] ?? null),
      frontDoorRequests: this.#frontDoorRequests.requests,
      windowStartMs: this.#windowStartMs,
      windowEndMs: this.#windowEndMs,
    };
  }

  /** Takes shards' usage (BillingMeter.importStates); counts and records add exactly, records being per function. */
  importStates(parts: readonly { state: MeterState; global: readonly number[] }[]): void {
    const states = parts.map(({ state, global }) => ({ s: state as unknown as LambdaMeterState, global }));
    let count = 0;
    for (const { s, global } of states)
      if (s.count > 0) count = Math.max(count, (global[s.count - 1] as number) + 1);
    if (count > 0) this.#fn(count - 1);
    for (const { s, global } of states) {
      for (let k = 0; k < s.count; k++) {
        const g = global[k] as number;
        this.#rec.put(g, s.records, k * STRIDE);
        const l = s.levels[k];
        if (l !== null && l !== undefined) this.#levels[g] = { atMs: [...l.atMs], level: [...l.level] };
      }
      this.#frontDoorRequests.requests += s.frontDoorRequests;
      this.#windowStartMs = s.windowStartMs;
      this.#windowEndMs = s.windowEndMs;
    }
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const { regionId, region } = billedRegion(sheet, this.#settings.region, 'AWS Lambda');
    const arch = region.architectures[this.#settings.arch];
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const use = (name: string, f: Figure): number => prices.use(name, f);

    // every function's record read through one view, summed in function order
    const view = new UsageView();
    const total = (g: (u: UsageView) => number, only?: (i: number) => boolean): number => {
      let a = 0;
      for (let i = 0; i < this.#rec.count; i++) {
        view.v = this.#rec.block(i);
        view.f = recordOffset(i, STRIDE);
        view.i = i;
        a += only === undefined || only(i) ? g(view) : 0;
      }
      return a;
    };
    const gbS = (gbMs: number): number => (gbMs / 1000) * factor;

    // On-demand GB-s of every kind share the architecture's tiers; each line gets its share.
    const runGbS = gbS(total((u) => u.runGbMs));
    const initGbS = gbS(total((u) => u.initGbMs));
    const pingOdGbS = gbS(total((u) => u.pingOnDemandGbMs));
    const onDemandGbS = runGbS + initGbS + pingOdGbS;

    const requestPrice = use('requests', arch.requestPerMillion) / 1e6;
    // A tier's price bears on the bill only when the month's on-demand GB-s reach it; the first
    // tier's always does (the free tier credit and the keep-warm break-even are priced at it too).
    const tiers = arch.durationTiers.map((t, i, all) => {
      const reached = i === 0 || onDemandGbS > (all[i - 1]?.uptoGbS ?? Infinity);
      return { upto: t.uptoGbS, price: reached ? use(`duration tier ${i + 1}`, t.price) : t.price.value };
    });
    const hadProvisioned = (i: number): boolean =>
      (input.functions[i]?.provisioned ?? 0) > 0 || (this.#levels[i]?.level.some((l) => l > 0) ?? false);
    const provisioned = input.functions.some((_f, i) => hadProvisioned(i));
    if (provisioned && (!arch.provisionedCapacity || !arch.provisionedDuration)) {
      throw inputError(
        'NO_PRICE',
        `the AWS Lambda price sheet has no provisioned-concurrency prices for ${regionId} (${this.#settings.arch}); remove --provisioned or choose another region`,
      );
    }
    // listed among the prices used only when a function had provisioned concurrency
    const pcCapacityPrice =
      provisioned && arch.provisionedCapacity ? use('provisioned capacity', arch.provisionedCapacity) : 0;
    const pcDurationPrice =
      provisioned && arch.provisionedDuration ? use('provisioned duration', arch.provisionedDuration) : 0;
    const extraStorage = this.#settings.ephemeralStorageMb > sheet.billing.ephemeralStorageIncludedMb.value;
    if (extraStorage && !region.ephemeralStoragePerGbS) {
      throw inputError(
        'NO_PRICE',
        `the AWS Lambda price sheet has no ephemeral-storage price for ${regionId}; keep --ephemeral-storage at ${sheet.billing.ephemeralStorageIncludedMb.value} MB or choose another region`,
      );
    }
    // storage is billed only above the included amount
    const storagePrice =
      extraStorage && region.ephemeralStoragePerGbS
        ? use('ephemeral storage', region.ephemeralStoragePerGbS)
        : 0;

    const lines: CostLine[] = [];
    const monthlyRequests = total((u) => u.requests) * factor;
    const monthlyPings = total((u) => u.pingRequests) * factor;
    lines.push(
      line('requests', 'Requests', monthlyRequests, 'requests', monthlyRequests * requestPrice, factor),
    );

    const onDemandUsd = tieredCost(onDemandGbS, tiers);
    const share = (x: number): number => (onDemandGbS > 0 ? (onDemandUsd * x) / onDemandGbS : 0);
    const tierNote =
      onDemandGbS > (tiers[0]?.upto ?? Infinity) ? 'priced through the volume tiers' : undefined;
    lines.push(line('duration', 'On-demand duration', runGbS, 'GB-s', share(runGbS), factor, tierNote));
    const coldBilled = total((u) => u.coldStartsBilled) * factor;
    const coldFree = total((u) => u.coldStartsFree) * factor;
    const initNote = this.#snapStart
      ? `${fmt(coldBilled + coldFree)} cold starts a month restore from the SnapStart snapshot: no INIT billed (the version's INIT at publishing is not modelled)`
      : this.#initAlwaysBilled
        ? this.#settings.initBilling === 'current'
          ? `${fmt(coldBilled)} cold starts a month; INIT billed as duration since ${sheet.billing.initBilledForAllSince.effective}`
          : `${fmt(coldBilled)} cold starts a month; INIT billed as duration (${this.#settings.packageType === 'image' ? 'container image' : 'custom runtime'}: billed before ${sheet.billing.initBilledForAllSince.effective} too)`
        : `${fmt(coldFree)} cold starts a month not billed (ZIP package on a managed runtime, rule before ${sheet.billing.initBilledForAllSince.effective})`;
    lines.push(
      line('init', 'INIT duration (cold starts)', initGbS, 'GB-s', share(initGbS), factor, initNote),
    );

    const pcRounding = sheet.billing.provisionedGranularityMs.value;
    const pcConfiguredGbS = gbS(total((u) => this.#configuredGbMs(u.i, pcRounding)));
    const pcBusyGbS = Math.min(
      pcConfiguredGbS,
      gbS(total((u) => u.provBusyMs * (this.#memoryMb(u.i) / 1024))),
    );
    const pcUtil = pcConfiguredGbS > 0 ? pcBusyGbS / pcConfiguredGbS : 0;
    lines.push(
      line(
        'provisioned-capacity',
        'Provisioned concurrency, idle capacity',
        pcConfiguredGbS - pcBusyGbS,
        'GB-s',
        (pcConfiguredGbS - pcBusyGbS) * pcCapacityPrice,
        factor,
        pcConfiguredGbS > 0
          ? `configured ${fmt(pcConfiguredGbS)} GB-s (periods at one level rounded up to ${pcRounding / 60000} min, a level held across the span's boundary once), ${(pcUtil * 100).toFixed(1)}% busy`
          : undefined,
      ),
    );
    lines.push(
      line(
        'provisioned-used',
        'Provisioned concurrency, used capacity',
        pcBusyGbS,
        'GB-s',
        pcBusyGbS * pcCapacityPrice,
        factor,
      ),
    );
    const pcRunGbS = gbS(total((u) => u.provisionedRunGbMs));
    lines.push(
      line(
        'provisioned-duration',
        'Provisioned duration (requests on provisioned)',
        pcRunGbS,
        'GB-s',
        pcRunGbS * pcDurationPrice,
        factor,
      ),
    );
    // Allocations after the window opens (level changes) and recycles repeat with the span; the
    // starting level's allocation happens once a month. As a line's quantity is given for the span
    // (× factor for the month), the once-a-month part enters as its share of one span.
    const pcInitRepeatingGbS = gbS(total((u) => u.provisionedInitGbMs + u.recycleInitGbMs));
    const pcInitStartingGbS = gbS(total((u) => u.startingInitGbMs));
    const pcInitGbS = pcInitRepeatingGbS + pcInitStartingGbS / factor;
    const recycles = total((u) => u.recycles) * factor;
    const startingAllocations = total((u) => u.startingAllocations);
    lines.push(
      line(
        'provisioned-init',
        'Provisioned INIT (allocation and recycling)',
        pcInitGbS,
        'GB-s',
        pcInitGbS * pcDurationPrice,
        factor,
        pcInitGbS > 0
          ? `${startingAllocations > 0 ? `${fmt(startingAllocations)} allocated once at the start of the month, ` : ''}${fmt(recycles)} recycles a month (every ${this.#recycleMs / 3_600_000} h, unconfirmed); billed at the provisioned duration rate (rate not stated by AWS)`
          : undefined,
      ),
    );

    lines.push(
      line('ping-requests', 'Ping requests', monthlyPings, 'requests', monthlyPings * requestPrice, factor),
    );
    const pingPcGbS = gbS(total((u) => u.pingProvisionedGbMs));
    const pingColdMonthly = total((u) => u.pingColdStarts) * factor;
    lines.push(
      line(
        'ping-duration',
        'Ping duration',
        pingOdGbS + pingPcGbS,
        'GB-s',
        share(pingOdGbS) + pingPcGbS * pcDurationPrice,
        factor,
        monthlyPings > 0 ? `incl. INIT of ${fmt(pingColdMonthly)} cold pings a month` : undefined,
      ),
    );

    if (this.#snapStart) {
      snapStartLines(
        this.#snapStart,
        this.#settings.runtime,
        {
          restores: total((u) => u.restores),
          restoredGb: total((u) => u.restoredGb),
          functionMemoryMb: input.functions.map((f) => f.memoryMb),
        },
        input.spanMs,
        factor,
        use,
        (id, label, q, unit, usd, note) => lines.push(line(id, label, q, unit, usd, factor, note)),
      );
    }

    // the option's schema admits only the kinds of FRONT_DOORS
    const frontDoor = this.#settings.frontDoor as FrontDoorKind | undefined;
    if (this.#frontDoor && frontDoor) {
      frontDoorLines(
        this.#frontDoor,
        frontDoor,
        this.#frontDoorRequests.requests,
        factor,
        use,
        (id, label, q, unit, usd, note) => lines.push(line(id, label, q, unit, usd, factor, note)),
      );
    }

    // only runs that stream have the line: a buffered response costs nothing beyond requests and duration
    const responses = this.#responses;
    const counter = this.#responseCounter;
    if (responses?.on) {
      streamingLine(
        responses.sheet(),
        counter ?? new StreamingCounter(responses.sheet(), true),
        factor,
        this.#settings.freeTier,
        use,
        (id, label, q, unit, usd, note) => lines.push(line(id, label, q, unit, usd, factor, note)),
      );
    }

    const includedMb = sheet.billing.ephemeralStorageIncludedMb.value;
    const extraGb = Math.max(0, this.#settings.ephemeralStorageMb - includedMb) / 1024;
    const storageGbS = gbS(total((u) => u.billedMs)) * extraGb;
    lines.push(
      line(
        'storage',
        `Ephemeral storage above ${includedMb} MB`,
        storageGbS,
        'GB-s',
        storageGbS * storagePrice,
        factor,
      ),
    );

    const assumptions: string[] = [
      `${this.#settings.arch} prices of ${regionId} (${region.label})`,
      `duration rounded up to ${this.#granularityMs} ms per invocation, at configured memory`,
    ];
    const initsOverLimit = total((u) => u.initsOverLimit) * factor;
    if (initsOverLimit > 0) {
      let longest = 0;
      total((u) => {
        longest = Math.max(longest, u.initOverLimitMaxMs);
        return 0;
      });
      // AWS: "The Init phase is limited to 10 seconds. If all three tasks do not complete within 10
      // seconds, Lambda retries the Init phase at the time of the first function invocation with the
      // configured function timeout" (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html)
      assumptions.push(
        `${fmt(initsOverLimit)} cold starts a month have an INIT over AWS Lambda's ${fmt(this.#initMaxMs)} ms INIT limit (longest ${fmt(longest)} ms): Lambda would retry such an INIT at the first invocation, under the function timeout; not modelled, the INIT is billed and timed as drawn`,
      );
    }
    const tooLarge = responses && !responses.on && counter ? counter.overLimit : 0;
    if (responses?.on && (counter?.responses ?? 0) === 0) {
      assumptions.push(
        '--response-streaming: no response sizes (a response_bytes column in the trace, or --response-size), so no streamed bytes are billed',
      );
    }
    if (tooLarge > 0) {
      assumptions.push(
        `${fmt(tooLarge * factor)} sync responses a month are over the ${fmt(responses!.sheet().bufferedMaxBytes.value)} bytes a buffered response may return: Lambda would fail them (--response-streaming streams up to 200 MB)`,
      );
    }
    if (this.#settings.freeTier) {
      // The page's text excludes functions with provisioned concurrency; its worked example does not.
      const rule = this.#settings.freeTierProvisioned;
      const excludesPc =
        rule === undefined ? sheet.freeTier.excludesProvisionedFunctions.value === 1 : rule === 'excluded';
      const eligible = (i: number): boolean => !excludesPc || !hadProvisioned(i);
      const freeReq = use('free tier requests', sheet.freeTier.requests);
      const freeGbS = use('free tier GB-s', sheet.freeTier.gbS);
      const eligibleRequests = total((u) => u.requests + u.pingRequests, eligible) * factor;
      const eligibleGbS = gbS(total((u) => u.runGbMs + u.initGbMs + u.pingOnDemandGbMs, eligible));
      const credit =
        Math.min(eligibleRequests, freeReq) * requestPrice +
        Math.min(eligibleGbS, freeGbS) * (tiers[0]?.price ?? 0);
      lines.push(
        line(
          'free-tier',
          'Free tier credit',
          Math.min(eligibleGbS, freeGbS),
          'GB-s',
          -credit,
          factor,
          `${fmt(freeReq)} requests and ${fmt(freeGbS)} GB-s a month${provisioned ? freeTierProvisionedNote(excludesPc) : ''}`,
        ),
      );
      assumptions.push('free tier applied to the monthly quantities');
    } else {
      lines.push(
        line('free-tier', 'Free tier credit', 0, 'GB-s', 0, factor, 'off (--free-tier to apply it)'),
      );
    }

    return finishReport(
      {
        currency: 'USD',
        provider: 'aws-lambda',
        region: regionId,
        lines,
        monthFactor: factor,
        pricesUsed: prices.list,
        // of the region prices, only those applied: other regions' and the other architecture's do not bear on this bill
        unconfirmed: [
          ...unconfirmedUsed(sheet, prices, ['regions']),
          ...(this.#snapStart
            ? snapStartUnconfirmed(this.#snapStart, this.#settings.restore !== undefined)
            : []),
          ...(this.#frontDoor && frontDoor ? frontDoorUnconfirmed(this.#frontDoor, frontDoor) : []),
          ...(responses?.on ? streamingUnconfirmed(responses.sheet(), this.#settings.freeTier) : []),
        ],
        assumptions,
      },
      input.userRequests * factor,
    );
  }
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** What the free tier line says when a function had provisioned concurrency: AWS's page says both. */
function freeTierProvisionedNote(excluded: boolean): string {
  return excluded
    ? "; not for functions with provisioned concurrency, as the pricing page's text says (its worked example subtracts it: --free-tier-provisioned included)"
    : "; also for functions with provisioned concurrency, as the pricing page's worked example computes (its text excludes them: --free-tier-provisioned excluded)";
}

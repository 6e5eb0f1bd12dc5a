/**
 * Azure Functions Premium billing as a meter on the platform's events: every instance (always-ready
 * and scaled-out) is billed for its vCPUs and memory from its creation until it stops, per second,
 * inside the simulated window; at least the plan's minimum number of instances is billed at any
 * moment; there is no per-execution charge. The vCPU and memory rates are UNCONFIRMED.
 */
import { NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import {
  type FieldRecord,
  importRecordsStates,
  recordsState,
  WindowedRecords,
  WindowLevel,
} from '../shared/levels.js';
import type { BillingInput, BillingMeter, MeterState, ProviderSettings } from '../types.js';
import { skuOf, type AzurePremiumSheet } from './sheet.js';
import { billedRegion } from '../shared/billed-region.js';

/** A function's instances alive over the window; its bill reads the area (a shard's one field). */
class InstanceTime extends WindowLevel implements FieldRecord {
  fields(): number[] {
    return [this.areaMs];
  }
  setFields(v: Float64Array, at: number): void {
    this.areaMs = v[at] as number;
  }
}

/** What AzurePremiumMeter.exportState gives. */
interface PremiumMeterState {
  executions: number;
  planTimesMs: Float64Array;
  planDeltas: Int32Array;
  windowStartMs: number;
  windowEndMs: number;
}

export class AzurePremiumMeter extends NullObserver implements BillingMeter {
  readonly #sheet: AzurePremiumSheet;
  readonly #settings: ProviderSettings;
  /** instances alive per function, and all together (for the plan's minimum) */
  readonly #alive = new WindowedRecords(
    () => new InstanceTime(),
    (l) => [l],
  );
  readonly #plan = new WindowLevel();
  /** time the plan had fewer instances than its minimum */
  readonly #belowMin = new WindowLevel();
  #executions = 0;
  /**
   * the plan's instance count as one net change per event time, for a shard (exportState): the plan
   * minimum is a function of every app's instances together, rebuilt at the merge from the shards'
   */
  readonly #planTimesMs: number[] = [];
  readonly #planDeltas: number[] = [];
  #windowStartMs = NaN;
  #windowEndMs = NaN;
  /** a shard's run (keepShardState): only then is the plan's history kept */
  #keepHistory = false;

  constructor(sheet: AzurePremiumSheet, settings: ProviderSettings) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
  }

  #fn(i: number): InstanceTime {
    return this.#alive.at(i);
  }

  override onWindowStart(timeMs: number): void {
    this.#windowStartMs = timeMs;
    this.#plan.windowStart(timeMs);
    this.#belowMin.windowStart(timeMs);
    this.#belowMin.change(timeMs, this.#sheet.billing.minInstances.value);
    this.#alive.windowStart(timeMs);
  }

  override onWindowEnd(timeMs: number): void {
    this.#windowEndMs = timeMs;
    this.#plan.windowEnd(timeMs);
    this.#belowMin.windowEnd(timeMs);
    this.#alive.windowEnd(timeMs);
  }

  #change(fn: number, timeMs: number, delta: number): void {
    this.#fn(fn).change(timeMs, delta);
    if (this.#keepHistory) this.#record(timeMs, delta);
    this.#planChange(timeMs, delta);
  }

  /** One net change of the plan's count per event time, for the merge. */
  #record(timeMs: number, delta: number): void {
    const n = this.#planTimesMs.length;
    if (n > 0 && this.#planTimesMs[n - 1] === timeMs)
      this.#planDeltas[n - 1] = (this.#planDeltas[n - 1] as number) + delta;
    else {
      this.#planTimesMs.push(timeMs);
      this.#planDeltas.push(delta);
    }
  }

  /** The plan's count changes by `delta` at `timeMs`, and with it the time below the minimum. */
  #planChange(timeMs: number, delta: number): void {
    const before = this.#plan.level;
    this.#plan.change(timeMs, delta);
    // instances missing to reach the minimum: max(0, min − alive)
    const min = this.#sheet.billing.minInstances.value;
    const missing = (n: number): number => Math.max(0, min - n);
    this.#belowMin.change(timeMs, missing(this.#plan.level) - missing(before));
  }

  override onInstanceStart(fn: number, _instance: number, timeMs: number): void {
    this.#change(fn, timeMs, 1);
  }

  override onInstanceStop(fn: number, _instance: number, timeMs: number): void {
    this.#change(fn, timeMs, -1);
  }

  override onInvocation(): void {
    this.#executions++;
  }

  /**
   * The usage after a run, for `simulate --shard`: each function's instance-time (its own record), the
   * executions, and the plan's instance count per event time, from which the merge rebuilds the time
   * the whole plan spent below its minimum.
   */
  keepShardState(): void {
    this.#keepHistory = true;
  }

  exportState(): MeterState {
    return {
      ...recordsState(this.#alive, 1),
      executions: this.#executions,
      planTimesMs: Float64Array.from(this.#planTimesMs),
      planDeltas: Int32Array.from(this.#planDeltas),
      windowStartMs: this.#windowStartMs,
      windowEndMs: this.#windowEndMs,
    };
  }

  /**
   * Takes shards' usage: records per function; the plan's count replayed over the union of the
   * shards' event times, one net change per time as one run makes them. Within one time a run's
   * several changes add no area (the level's clock does not move), so the areas come out the same
   * float operations in the same order: identical.
   */
  importStates(parts: readonly { state: MeterState; global: readonly number[] }[]): void {
    importRecordsStates(this.#alive, 1, parts);
    const states = parts.map(({ state }) => state as unknown as PremiumMeterState);
    const first = states[0];
    if (first === undefined) return;
    const changes = new Map<number, number>();
    for (const s of states) {
      this.#executions += s.executions;
      s.planTimesMs.forEach((t, k) => changes.set(t, (changes.get(t) ?? 0) + (s.planDeltas[k] as number)));
    }
    this.onWindowStart(first.windowStartMs);
    // changes after the window's end add no area (and a run makes them after closing it)
    const end = first.windowEndMs;
    for (const t of [...changes.keys()].sort((a, b) => a - b))
      if (t <= end) this.#planChange(t, changes.get(t) as number);
    this.#plan.windowEnd(end);
    this.#belowMin.windowEnd(end);
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const { regionId, region } = billedRegion(sheet, this.#settings.region, 'Azure Premium');
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const vcpuPerS = prices.use('vCPU duration', region.vcpuPerHour) / 3600;
    const gbPerS = prices.use('memory duration', region.memoryPerGbHour) / 3600;

    let vcpuS = 0;
    let gbS = 0;
    let instanceS = 0;
    this.#alive.all.forEach((l, i) => {
      const f = input.functions[i];
      if (!f) return;
      const sku = skuOf(sheet, f.memoryMb);
      const s = (l.areaMs / 1000) * factor;
      instanceS += s;
      vcpuS += s * sku.vcpu;
      gbS += s * (sku.memoryMb / 1024);
    });
    // the plan bills its minimum instance count even when fewer exist: the smallest SKU in use
    const minS = (this.#belowMin.areaMs / 1000) * factor;
    if (minS > 0 && input.functions[0]) {
      const sku = skuOf(sheet, Math.min(...input.functions.map((f) => f.memoryMb)));
      instanceS += minS;
      vcpuS += minS * sku.vcpu;
      gbS += minS * (sku.memoryMb / 1024);
    }
    const executions = this.#executions * factor;
    const hours = instanceS / 3600;
    const lines: CostLine[] = [
      line('requests', 'Executions', executions, 'executions', 0, factor, 'no per-execution charge'),
      line(
        'vcpu',
        'vCPU duration',
        vcpuS,
        'vCPU-s',
        vcpuS * vcpuPerS,
        factor,
        `${fmtCount(hours)} instance-hours a month; rate UNCONFIRMED`,
      ),
      line('memory', 'Memory duration', gbS, 'GB-s', gbS * gbPerS, factor, 'rate UNCONFIRMED'),
    ];
    const skus = [...new Set(input.functions.map((f) => skuOf(sheet, f.memoryMb).name))].join(', ');
    const assumptions = [
      `prices of ${regionId} (${region.label}); the vCPU and memory rates are UNCONFIRMED (no primary source)`,
      `${skus} instances billed per second for as long as they exist (always-ready, pre-warmed and scaled out), at least ${sheet.billing.minInstances.value} at any time; no execution charge, no free grant`,
    ];
    return finishReport(
      {
        currency: 'USD',
        provider: 'azure-premium',
        region: regionId,
        lines,
        monthFactor: factor,
        pricesUsed: prices.list,
        unconfirmed: unconfirmedUsed(sheet, prices, ['regions']),
        assumptions,
      },
      input.userRequests * factor,
    );
  }
}

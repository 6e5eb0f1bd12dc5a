/**
 * Azure Functions Premium billing as a meter on the platform's events: every instance (always-ready
 * and scaled-out) is billed for its vCPUs and memory from its creation until it stops, per second,
 * inside the simulated window; at least the plan's minimum number of instances is billed at any
 * moment; there is no per-execution charge. The vCPU and memory rates are UNCONFIRMED.
 */
import { NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import { WindowedRecords, WindowLevel } from '../shared/levels.js';
import type { BillingInput, BillingMeter, ProviderSettings } from '../types.js';
import { skuOf, type AzurePremiumSheet } from './sheet.js';
import { billedRegion } from '../shared/billed-region.js';

export class AzurePremiumMeter extends NullObserver implements BillingMeter {
  readonly #sheet: AzurePremiumSheet;
  readonly #settings: ProviderSettings;
  /** instances alive per function, and all together (for the plan's minimum) */
  readonly #alive = new WindowedRecords(
    () => new WindowLevel(),
    (l) => [l],
  );
  readonly #plan = new WindowLevel();
  /** time the plan had fewer instances than its minimum */
  readonly #belowMin = new WindowLevel();
  #executions = 0;

  constructor(sheet: AzurePremiumSheet, settings: ProviderSettings) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
  }

  #fn(i: number): WindowLevel {
    return this.#alive.at(i);
  }

  override onWindowStart(timeMs: number): void {
    this.#plan.windowStart(timeMs);
    this.#belowMin.windowStart(timeMs);
    this.#belowMin.change(timeMs, this.#sheet.billing.minInstances.value);
    this.#alive.windowStart(timeMs);
  }

  override onWindowEnd(timeMs: number): void {
    this.#plan.windowEnd(timeMs);
    this.#belowMin.windowEnd(timeMs);
    this.#alive.windowEnd(timeMs);
  }

  #change(fn: number, timeMs: number, delta: number): void {
    this.#fn(fn).change(timeMs, delta);
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

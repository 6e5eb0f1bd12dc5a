/**
 * Google Cloud Run billing as a meter on the platform's events.
 * Request-based (default): each instance bills its vCPU and memory while it starts or has at least one
 * request in flight — the union of its requests, so concurrent requests share one bill — each busy
 * period rounded up to 100 ms; plus requests; minimum instances bill their idle time at the idle
 * rates. Instance-based: every instance bills its vCPU and memory for its whole life inside the
 * window, at the lower instance-based rates; no request charge.
 * The free tier is credited at Tier 1 prices.
 */
import { INV, NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { ActivePeriods } from '../shared/active-periods.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import {
  type FieldRecord,
  importRecordsStates,
  recordsState,
  WindowedRecords,
  WindowLevel,
} from '../shared/levels.js';
import type { BillingInput, BillingMeter, MeterState, ProviderSettings } from '../types.js';
import { billingModeOf } from './platform.js';
import { vcpuOf, type BillingMode, type CloudRunSheet } from './sheet.js';
import { billedRegion } from '../shared/billed-region.js';

class FunctionUsage implements FieldRecord {
  requests = 0;
  pings = 0;
  /** billed busy ms of all instances (request-based) */
  busyMs = 0;
  readonly alive = new WindowLevel();
  readonly provAlive = new WindowLevel();
  readonly provBusy = new WindowLevel();
  levels(): WindowLevel[] {
    return [this.alive, this.provAlive, this.provBusy];
  }
  /** what the bill reads, for a shard (exportState), in USAGE_FIELDS order */
  fields(): number[] {
    return [
      this.requests,
      this.pings,
      this.busyMs,
      this.alive.areaMs,
      this.provAlive.areaMs,
      this.provBusy.areaMs,
    ];
  }
  setFields(v: Float64Array, at: number): void {
    this.requests = v[at] as number;
    this.pings = v[at + 1] as number;
    this.busyMs = v[at + 2] as number;
    this.alive.areaMs = v[at + 3] as number;
    this.provAlive.areaMs = v[at + 4] as number;
    this.provBusy.areaMs = v[at + 5] as number;
  }
}
const USAGE_FIELDS = 6;

export class CloudRunMeter extends NullObserver implements BillingMeter {
  readonly #sheet: CloudRunSheet;
  readonly #settings: ProviderSettings;
  readonly #mode: BillingMode;
  readonly #periods: ActivePeriods;
  readonly #usage = new WindowedRecords(
    () => new FunctionUsage(),
    (u) => u.levels(),
  );

  constructor(sheet: CloudRunSheet, settings: ProviderSettings) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
    this.#mode = billingModeOf(settings);
    this.#periods = new ActivePeriods({ minMs: 0, stepMs: sheet.billing.stepMs.value, fromReady: false });
  }

  #fn(i: number): FunctionUsage {
    return this.#usage.at(i);
  }

  override onWindowStart(timeMs: number): void {
    this.#usage.windowStart(timeMs);
  }

  override onWindowEnd(timeMs: number): void {
    this.#usage.windowEnd(timeMs);
  }

  override onInvocation(fn: number, flags: number): void {
    const u = this.#fn(fn);
    u.requests++;
    if (flags & INV.ping) u.pings++;
  }

  override onInstanceStart(
    fn: number,
    instance: number,
    timeMs: number,
    initMs: number,
    provisioned: boolean,
  ): void {
    const u = this.#fn(fn);
    this.#periods.start(instance, timeMs, initMs);
    u.alive.change(timeMs, 1);
    if (provisioned) u.provAlive.change(timeMs, 1);
  }

  override onInstanceStop(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    const u = this.#fn(fn);
    u.alive.change(timeMs, -1);
    if (provisioned) u.provAlive.change(timeMs, -1);
  }

  override onInstanceBusy(fn: number, instance: number, timeMs: number, provisioned: boolean): void {
    this.#periods.busy(instance, timeMs);
    if (provisioned) this.#fn(fn).provBusy.change(timeMs, 1);
  }

  override onInstanceIdle(fn: number, instance: number, timeMs: number, provisioned: boolean): void {
    const u = this.#fn(fn);
    u.busyMs += this.#periods.idle(instance, timeMs);
    if (provisioned) u.provBusy.change(timeMs, -1);
  }

  /** The usage after a run, for `simulate --shard`: per function what the bill reads (sums and areas). */
  exportState(): MeterState {
    return recordsState(this.#usage, USAGE_FIELDS);
  }

  /** Takes shards' usage: records are per function, so each goes back whole to its function. */
  importStates(parts: readonly { state: MeterState; global: readonly number[] }[]): void {
    importRecordsStates(this.#usage, USAGE_FIELDS, parts);
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const { regionId, region } = billedRegion(sheet, this.#settings.region, 'Cloud Run');
    const tier = sheet.tiers[String(region.tier) as '1' | '2'];
    const tier1 = sheet.tiers['1'];
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const step = sheet.billing.stepMs.value;

    let requests = 0;
    let pings = 0;
    let vcpuS = 0;
    let gibS = 0;
    let idleVcpuS = 0;
    let idleGibS = 0;
    this.#usage.all.forEach((u, i) => {
      const f = input.functions[i];
      if (!f) return;
      const vcpu = vcpuOf(sheet, f.memoryMb);
      const gib = f.memoryMb / 1024;
      requests += u.requests * factor;
      pings += u.pings * factor;
      const activeS = ((this.#mode === 'request' ? u.busyMs : u.alive.areaMs) / 1000) * factor;
      vcpuS += activeS * vcpu;
      gibS += activeS * gib;
      if (this.#mode === 'request') {
        const idleS = ((u.provAlive.areaMs - u.provBusy.areaMs) / 1000) * factor;
        idleVcpuS += idleS * vcpu;
        idleGibS += idleS * gib;
      }
    });

    const lines: CostLine[] = [];
    const assumptions: string[] = [`prices of ${regionId} (tier ${region.tier})`];
    let credit = 0;
    let freeNote = '';
    if (this.#mode === 'request') {
      const r = tier.request;
      const cpuPrice = prices.use(`CPU (request-based, tier ${region.tier})`, r.cpuPerVcpuS);
      const memPrice = prices.use(`memory (request-based, tier ${region.tier})`, r.memoryPerGibS);
      const reqPrice = prices.use(`requests (tier ${region.tier})`, r.requestsPerMillion) / 1e6;
      lines.push(
        line(
          'requests',
          'Requests',
          requests,
          'requests',
          requests * reqPrice,
          factor,
          pings > 0 ? `incl. ${fmtCount(pings)} pings a month` : undefined,
        ),
      );
      lines.push(
        line(
          'cpu',
          'CPU (instance time with requests in flight)',
          vcpuS,
          'vCPU-s',
          vcpuS * cpuPrice,
          factor,
          `union of requests per instance, incl. startup, rounded up to ${step} ms`,
        ),
      );
      lines.push(
        line(
          'duration',
          'Memory (instance time with requests in flight)',
          gibS,
          'GiB-s',
          gibS * memPrice,
          factor,
        ),
      );
      if (idleVcpuS > 0) {
        const idleCpu = prices.use(`idle CPU (tier ${region.tier})`, r.idleCpuPerVcpuS);
        const idleMem = prices.use(`idle memory (tier ${region.tier})`, r.idleMemoryPerGibS);
        lines.push(
          line(
            'provisioned-cpu',
            'Idle minimum instances: CPU',
            idleVcpuS,
            'vCPU-s',
            idleVcpuS * idleCpu,
            factor,
            'at the idle rate',
          ),
        );
        lines.push(
          line(
            'provisioned-capacity',
            'Idle minimum instances: memory',
            idleGibS,
            'GiB-s',
            idleGibS * idleMem,
            factor,
            'at the idle rate',
          ),
        );
      }
      assumptions.push(
        `request-based billing: instance time while starting or serving (concurrent requests share it), each busy period rounded up to ${step} ms; shutdown time not modelled`,
      );
      if (this.#settings.freeTier) {
        const f = sheet.freeTier.request;
        const fv = prices.use('free vCPU-s', f.vcpuS);
        const fg = prices.use('free GiB-s', f.gibS);
        const fr = prices.use('free requests', f.requests);
        const t1 = tier1.request;
        credit =
          Math.min(vcpuS, fv) * prices.use('CPU (request-based, tier 1, for the free tier)', t1.cpuPerVcpuS) +
          Math.min(gibS, fg) *
            prices.use('memory (request-based, tier 1, for the free tier)', t1.memoryPerGibS) +
          Math.min(requests, fr) *
            (prices.use('requests (tier 1, for the free tier)', t1.requestsPerMillion) / 1e6);
        freeNote = `${fmtCount(fv)} vCPU-s, ${fmtCount(fg)} GiB-s, ${fmtCount(fr)} requests a month`;
      }
    } else {
      const r = tier.instance;
      if (!r)
        throw new Error(`no instance-based prices for tier ${region.tier} in the Cloud Run price sheet`);
      const cpuPrice = prices.use(`CPU (instance-based, tier ${region.tier})`, r.cpuPerVcpuS);
      const memPrice = prices.use(`memory (instance-based, tier ${region.tier})`, r.memoryPerGibS);
      lines.push(
        line(
          'requests',
          'Requests',
          requests,
          'requests',
          0,
          factor,
          'no request charge with instance-based billing',
        ),
      );
      lines.push(line('cpu', 'CPU (instance lifetime)', vcpuS, 'vCPU-s', vcpuS * cpuPrice, factor));
      lines.push(line('duration', 'Memory (instance lifetime)', gibS, 'GiB-s', gibS * memPrice, factor));
      assumptions.push(
        'instance-based billing: every instance from creation until it stops (or the window ends), idle or not',
      );
      if (this.#settings.freeTier) {
        const f = sheet.freeTier.instance;
        const fv = prices.use('free vCPU-s', f.vcpuS);
        const fg = prices.use('free GiB-s', f.gibS);
        const t1 = tier1.instance;
        credit =
          Math.min(vcpuS, fv) *
            prices.use('CPU (instance-based, tier 1, for the free tier)', t1.cpuPerVcpuS) +
          Math.min(gibS, fg) *
            prices.use('memory (instance-based, tier 1, for the free tier)', t1.memoryPerGibS);
        freeNote = `${fmtCount(fv)} vCPU-s and ${fmtCount(fg)} GiB-s a month`;
      }
    }
    if (this.#settings.freeTier) {
      lines.push(line('free-tier', 'Free tier (at Tier 1 prices)', 0, 'credit', -credit, factor, freeNote));
      assumptions.push('free tier credited at Tier 1 prices against active use');
    } else {
      lines.push(
        line(
          'free-tier',
          'Free tier (at Tier 1 prices)',
          0,
          'credit',
          0,
          factor,
          'off (--free-tier to apply it)',
        ),
      );
    }
    return finishReport(
      {
        currency: 'USD',
        provider: 'gcp-cloud-run',
        region: regionId,
        lines,
        monthFactor: factor,
        pricesUsed: prices.list,
        unconfirmed: unconfirmedUsed(sheet, prices, ['tiers', 'freeTier']),
        assumptions,
      },
      input.userRequests * factor,
    );
  }
}

/**
 * Google Cloud Functions (1st gen) billing as a meter on the platform's events:
 * - invocations (user requests and pings) per million, less the 2 million free;
 * - each invocation's run time rounded up to 100 ms × the configured memory (GB-s) and × the CPU
 *   clock its memory size comes with (GHz-s), at the region's tier prices;
 * - minimum instances (the model's provisioned instances) while idle: memory at the idle GB-s rate
 *   and CPU at the idle GHz-s rate; while busy they bill per invocation as above;
 * - the free tier (400,000 GB-s, 200,000 GHz-s, 2M invocations) is credited at Tier 1 prices.
 */
import { NullObserver, INV } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import {
  type FieldRecord,
  importRecordsStates,
  recordsState,
  WindowedRecords,
  WindowLevel,
} from '../shared/levels.js';
import { roundUpMs } from '../shared/rounding.js';
import type { BillingInput, BillingMeter, MeterState, ProviderSettings } from '../types.js';
import { ghzOf, type GcfGen1Sheet } from './sheet.js';
import { billedRegion } from '../shared/billed-region.js';

class FunctionUsage implements FieldRecord {
  invocations = 0;
  pings = 0;
  /** ms of compute, rounded per invocation */
  billedMs = 0;
  readonly provAlive = new WindowLevel();
  readonly provBusy = new WindowLevel();
  /** what the bill reads, for a shard (exportState), USAGE_FIELDS numbers */
  fields(): number[] {
    return [this.invocations, this.pings, this.billedMs, this.provAlive.areaMs, this.provBusy.areaMs];
  }
  setFields(v: Float64Array, at: number): void {
    this.invocations = v[at] as number;
    this.pings = v[at + 1] as number;
    this.billedMs = v[at + 2] as number;
    this.provAlive.areaMs = v[at + 3] as number;
    this.provBusy.areaMs = v[at + 4] as number;
  }
}
const USAGE_FIELDS = 5;

export class GcfGen1Meter extends NullObserver implements BillingMeter {
  readonly #sheet: GcfGen1Sheet;
  readonly #settings: ProviderSettings;
  readonly #step: number;
  readonly #usage = new WindowedRecords(
    () => new FunctionUsage(),
    (u) => [u.provAlive, u.provBusy],
  );

  constructor(sheet: GcfGen1Sheet, settings: ProviderSettings) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
    this.#step = sheet.billing.computeStepMs.value;
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

  override onInvocation(
    fn: number,
    flags: number,
    _arrivalMs: number,
    _startMs: number,
    _initMs: number,
    runMs: number,
  ): void {
    const u = this.#fn(fn);
    u.invocations++;
    if (flags & INV.ping) u.pings++;
    u.billedMs += roundUpMs(runMs, this.#step);
  }

  override onInstanceStart(
    fn: number,
    _instance: number,
    timeMs: number,
    _initMs: number,
    provisioned: boolean,
  ): void {
    if (provisioned) this.#fn(fn).provAlive.change(timeMs, 1);
  }

  override onInstanceStop(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    if (provisioned) this.#fn(fn).provAlive.change(timeMs, -1);
  }

  override onInstanceBusy(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    if (provisioned) this.#fn(fn).provBusy.change(timeMs, 1);
  }

  override onInstanceIdle(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    if (provisioned) this.#fn(fn).provBusy.change(timeMs, -1);
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
    const { regionId, region } = billedRegion(sheet, this.#settings.region, 'Cloud Functions (1st gen)');
    const tier = sheet.tiers[String(region.tier) as '1' | '2'];
    const tier1 = sheet.tiers['1'];
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const invPrice = prices.use(`invocations (tier ${region.tier})`, tier.invocationsPerMillion) / 1e6;
    const gbPrice = prices.use(`memory (tier ${region.tier})`, tier.memoryPerGbS);
    const ghzPrice = prices.use(`CPU (tier ${region.tier})`, tier.cpuPerGhzS);

    let invocations = 0;
    let pings = 0;
    let gbS = 0;
    let ghzS = 0;
    let idleGbS = 0;
    let idleGhzS = 0;
    this.#usage.all.forEach((u, i) => {
      const f = input.functions[i];
      if (!f) return;
      const gb = f.memoryMb / 1024;
      const ghz = ghzOf(sheet, f.memoryMb);
      invocations += u.invocations * factor;
      pings += u.pings * factor;
      gbS += (u.billedMs / 1000) * gb * factor;
      ghzS += (u.billedMs / 1000) * ghz * factor;
      const idleS = ((u.provAlive.areaMs - u.provBusy.areaMs) / 1000) * factor;
      idleGbS += idleS * gb;
      idleGhzS += idleS * ghz;
    });
    const lines: CostLine[] = [];
    lines.push(
      line(
        'requests',
        'Invocations',
        invocations,
        'invocations',
        invocations * invPrice,
        factor,
        pings > 0 ? `incl. ${fmtCount(pings)} pings a month` : undefined,
      ),
    );
    lines.push(
      line(
        'duration',
        'Compute time: memory',
        gbS,
        'GB-s',
        gbS * gbPrice,
        factor,
        `per invocation rounded up to ${this.#step} ms`,
      ),
    );
    lines.push(
      line('cpu', 'Compute time: CPU', ghzS, 'GHz-s', ghzS * ghzPrice, factor, 'GHz of the memory size'),
    );
    if (idleGbS > 0) {
      const idleGbPrice = prices.use(`idle memory (tier ${region.tier})`, tier.idleMemoryPerGbS);
      const idleGhzPrice = prices.use(`idle CPU (tier ${region.tier})`, tier.idleCpuPerGhzS);
      lines.push(
        line(
          'provisioned-capacity',
          'Idle minimum instances: memory',
          idleGbS,
          'GB-s',
          idleGbS * idleGbPrice,
          factor,
        ),
      );
      lines.push(
        line(
          'provisioned-cpu',
          'Idle minimum instances: CPU',
          idleGhzS,
          'GHz-s',
          idleGhzS * idleGhzPrice,
          factor,
          'at the idle rate',
        ),
      );
    }
    const assumptions: string[] = [
      `prices of ${regionId} (tier ${region.tier})`,
      `compute per invocation rounded up to ${this.#step} ms at configured memory and its GHz; INIT not billed (unconfirmed)`,
    ];
    if (this.#settings.freeTier) {
      const freeInv = prices.use('free invocations', sheet.freeTier.invocations);
      const freeGb = prices.use('free GB-s', sheet.freeTier.gbS);
      const freeGhz = prices.use('free GHz-s', sheet.freeTier.ghzS);
      const t1Gb = prices.use('memory (tier 1, for the free tier)', tier1.memoryPerGbS);
      const t1Ghz = prices.use('CPU (tier 1, for the free tier)', tier1.cpuPerGhzS);
      const t1Inv = prices.use('invocations (tier 1, for the free tier)', tier1.invocationsPerMillion) / 1e6;
      const credit =
        Math.min(invocations, freeInv) * t1Inv +
        Math.min(gbS + idleGbS, freeGb) * t1Gb +
        Math.min(ghzS, freeGhz) * t1Ghz;
      lines.push(
        line(
          'free-tier',
          'Free tier (at Tier 1 prices)',
          Math.min(gbS + idleGbS, freeGb),
          'GB-s',
          -credit,
          factor,
          `${fmtCount(freeInv)} invocations, ${fmtCount(freeGb)} GB-s, ${fmtCount(freeGhz)} GHz-s a month`,
        ),
      );
      assumptions.push(
        'free tier credited at Tier 1 prices; free GB-s cover active and idle memory, free GHz-s active CPU only',
      );
    } else {
      lines.push(
        line(
          'free-tier',
          'Free tier (at Tier 1 prices)',
          0,
          'GB-s',
          0,
          factor,
          'off (--free-tier to apply it)',
        ),
      );
    }
    return finishReport(
      {
        currency: 'USD',
        provider: 'gcp-functions-gen1',
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

/**
 * Cloudflare Workers (Standard) billing as a meter on the platform's events: the $5 monthly minimum
 * (the Workers Paid subscription, which includes 10 million requests and 30 million CPU ms a month),
 * then requests and CPU milliseconds beyond the included amounts. Wall time is not billed. CPU per
 * request is the trace's cpu_ms, else --cpu-fraction × run time (default: all of the run time).
 */
import { INV, NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import { inputError } from '../../errors.js';
import type { BillingInput, BillingMeter, MeterState, ProviderSettings } from '../types.js';
import type { CloudflareSheet } from './sheet.js';
import { billedRegion } from '../shared/billed-region.js';

/** Run and CPU times merge exactly when whole numbers of this many parts of a ms (a power of two). */
const UNITS_PER_MS = 1024;

/** What CloudflareMeter.exportState gives. */
interface CloudflareMeterState {
  requests: number;
  pings: number;
  cpuMs: number;
  wallMs: number;
  estimated: number;
}

export class CloudflareMeter extends NullObserver implements BillingMeter {
  readonly #sheet: CloudflareSheet;
  readonly #settings: ProviderSettings;
  readonly #fraction: number;
  #requests = 0;
  #pings = 0;
  #cpuMs = 0;
  #wallMs = 0;
  #estimated = 0;
  /**
   * whether every run time and CPU time summed so far was a whole number of 1/1,024 ms: the two sums
   * run in event order across functions, and only a sum of such numbers (below 2^53 / 1,024) is the
   * same in any order, so only then can shards' sums be added to one run's (exportState)
   */
  #whole = true;

  constructor(sheet: CloudflareSheet, settings: ProviderSettings) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
    this.#fraction = settings.cpuFraction ?? 1;
  }

  override onInvocation(
    _fn: number,
    flags: number,
    _arrivalMs: number,
    _startMs: number,
    _initMs: number,
    runMs: number,
    _memoryUsedMb: number,
    cpuMs: number,
  ): void {
    this.#requests++;
    if (flags & INV.ping) this.#pings++;
    this.#wallMs += runMs;
    const cpu = Number.isNaN(cpuMs) ? runMs * this.#fraction : cpuMs;
    if (Number.isNaN(cpuMs)) this.#estimated++;
    this.#cpuMs += cpu;
    // × 1,024 is exact (a power of two): an integer after it is a whole number of 1/1,024 ms
    if (this.#whole && !(Number.isInteger(runMs * UNITS_PER_MS) && Number.isInteger(cpu * UNITS_PER_MS)))
      this.#whole = false;
  }

  /**
   * The usage after a run, for `simulate --shard`: counts and the two sums of ms, which merge
   * exactly only when every term was a whole number of 1/1,024 ms (#whole: whole-ms traces, and
   * --cpu-fraction 0.5 or 0.25 of them) and the sums stay below 2^53 of those; else the shard is
   * refused, since one run adds the terms in another order than a sum of shards' sums.
   */
  exportState(): MeterState {
    const exact = (ms: number): boolean => Number.isSafeInteger(ms * UNITS_PER_MS);
    if (!this.#whole || !exact(this.#cpuMs) || !exact(this.#wallMs))
      throw inputError(
        'NOT_SHARDABLE',
        "--shard: Cloudflare Workers bills the CPU time of every function's requests summed in the order they ran, and some run or CPU time here is not a whole number of 1/1,024 ms, so a sum over shards could differ from one run's in the last bit; run simulate whole (a trace of whole-ms run and CPU times shards)",
      );
    return {
      requests: this.#requests,
      pings: this.#pings,
      cpuMs: this.#cpuMs,
      wallMs: this.#wallMs,
      estimated: this.#estimated,
    };
  }

  /** Takes shards' usage: whole-number sums, added exactly (exportState). */
  importStates(parts: readonly { state: MeterState; global: readonly number[] }[]): void {
    for (const { state } of parts) {
      const s = state as unknown as CloudflareMeterState;
      this.#requests += s.requests;
      this.#pings += s.pings;
      this.#cpuMs += s.cpuMs;
      this.#wallMs += s.wallMs;
      this.#estimated += s.estimated;
    }
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const { regionId, region } = billedRegion(sheet, this.#settings.region, 'Cloudflare Workers');
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const minimum = prices.use('monthly minimum', region.monthlyMinimum);
    const reqIncluded = prices.use('included requests', region.requestsIncluded);
    const reqPrice = prices.use('requests', region.requestsPerMillion) / 1e6;
    const cpuIncluded = prices.use('included CPU ms', region.cpuMsIncluded);
    const cpuPrice = prices.use('CPU ms', region.cpuPerMillionMs) / 1e6;

    const requests = this.#requests * factor;
    const cpuMs = this.#cpuMs * factor;
    const wallMs = this.#wallMs * factor;
    const lines: CostLine[] = [
      line(
        'subscription',
        'Workers Paid subscription (monthly minimum)',
        1,
        'month',
        minimum,
        factor,
        `includes ${fmtCount(reqIncluded)} requests and ${fmtCount(cpuIncluded)} CPU ms`,
      ),
      line(
        'requests',
        'Requests',
        requests,
        'requests',
        Math.max(0, requests - reqIncluded) * reqPrice,
        factor,
        `${fmtCount(Math.max(0, requests - reqIncluded))} beyond the included${this.#pings > 0 ? `; incl. ${fmtCount(this.#pings * factor)} pings` : ''}`,
      ),
      line(
        'cpu',
        'CPU time',
        cpuMs,
        'CPU ms',
        Math.max(0, cpuMs - cpuIncluded) * cpuPrice,
        factor,
        `${fmtCount(Math.max(0, cpuMs - cpuIncluded))} beyond the included`,
      ),
      line('duration', 'Duration (wall time)', wallMs / 1000, 's', 0, factor, 'not billed'),
    ];
    const assumptions = [
      'Standard usage model on Workers Paid: the subscription is charged every month and includes the allotments; requests and CPU ms beyond them are billed; wall time is not',
    ];
    if (this.#estimated > 0) {
      assumptions.push(
        this.#settings.cpuFraction == null
          ? `${fmtCount(this.#estimated)} requests had no cpu_ms: their CPU time is taken as their whole run time (an upper bound; set --cpu-fraction)`
          : `${fmtCount(this.#estimated)} requests had no cpu_ms: CPU time = ${this.#fraction} × run time (--cpu-fraction)`,
      );
    }
    if (this.#settings.freeTier)
      assumptions.push(
        '--free-tier: the Workers Free plan (100,000 requests a day, 10 ms CPU per request) is not modelled; the included amounts of Workers Paid apply',
      );
    return finishReport(
      {
        currency: 'USD',
        provider: 'cloudflare-workers',
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

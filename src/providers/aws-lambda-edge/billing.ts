/**
 * Lambda@Edge's bill as a meter on the platform's events: requests (user requests and pings) at one
 * global price, and each invocation's duration rounded up to 1 ms at the configured memory (GB-s),
 * a cold start's INIT billed with it as Lambda bills it (billed = ceil(INIT + run)); no tiers, no
 * free tier. Monthly quantities are the span's × (30 days / span).
 */
import { INV, NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { billedRegion } from '../shared/billed-region.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import { roundUpMs } from '../shared/rounding.js';
import type { BillingInput, BillingMeter, ProviderSettings } from '../types.js';
import { triggerOf } from './options.js';
import type { LambdaEdgeSheet } from './sheet.js';

class FunctionUsage {
  requests = 0;
  pings = 0;
  coldStarts = 0;
  pingColdStarts = 0;
  /** GB-ms, rounded per invocation */
  runGbMs = 0;
  initGbMs = 0;
  pingGbMs = 0;
  /** the function's memory in GB, looked up on its first invocation (NaN before) */
  gb = NaN;
}

export class LambdaEdgeMeter extends NullObserver implements BillingMeter {
  readonly #sheet: LambdaEdgeSheet;
  readonly #settings: ProviderSettings;
  readonly #memoryMb: (fn: number) => number;
  readonly #stepMs: number;
  readonly #initBilled: boolean;
  readonly #usage: FunctionUsage[] = [];

  constructor(sheet: LambdaEdgeSheet, settings: ProviderSettings, memoryMb: (fn: number) => number) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
    this.#memoryMb = memoryMb;
    this.#stepMs = sheet.billing.durationGranularityMs.value;
    this.#initBilled = settings.initBilling === 'current';
  }

  #fn(i: number): FunctionUsage {
    while (this.#usage.length <= i) this.#usage.push(new FunctionUsage());
    return this.#usage[i] as FunctionUsage;
  }

  override onInvocation(
    fn: number,
    flags: number,
    _arrivalMs: number,
    _startMs: number,
    initMs: number,
    runMs: number,
  ): void {
    const u = this.#fn(fn);
    let gb = u.gb;
    if (Number.isNaN(gb)) gb = u.gb = this.#memoryMb(fn) / 1024;
    const run = roundUpMs(runMs, this.#stepMs);
    const cold = (flags & INV.cold) !== 0;
    // only the request that started the environment pays for its INIT (initWait requests do not)
    const ownInit = cold && this.#initBilled ? roundUpMs(initMs + runMs, this.#stepMs) - run : 0;
    if (flags & INV.ping) {
      u.pings++;
      if (cold) u.pingColdStarts++;
      u.pingGbMs += (run + ownInit) * gb;
      return;
    }
    u.requests++;
    u.runGbMs += run * gb;
    if (cold) {
      u.coldStarts++;
      u.initGbMs += ownInit * gb;
    }
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const { regionId, region } = billedRegion(sheet, this.#settings.region, 'Lambda@Edge');
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const requestPrice = prices.use('requests', region.requestPerMillion) / 1e6;
    const gbSPrice = prices.use('duration', region.durationPerGbS);
    const total = (g: (u: FunctionUsage) => number): number => this.#usage.reduce((a, u) => a + g(u), 0);
    const gbS = (gbMs: number): number => (gbMs / 1000) * factor;

    const requests = total((u) => u.requests) * factor;
    const pings = total((u) => u.pings) * factor;
    const runGbS = gbS(total((u) => u.runGbMs));
    const initGbS = gbS(total((u) => u.initGbMs));
    const pingGbS = gbS(total((u) => u.pingGbMs));
    const cold = total((u) => u.coldStarts) * factor;
    const since = sheet.billing.initBilledForAllSince.effective;
    const lines: CostLine[] = [
      line('requests', 'Requests', requests, 'requests', requests * requestPrice, factor),
      line('duration', 'Duration', runGbS, 'GB-s', runGbS * gbSPrice, factor),
      line(
        'init',
        'INIT duration (cold starts)',
        initGbS,
        'GB-s',
        initGbS * gbSPrice,
        factor,
        this.#initBilled
          ? `${fmtCount(cold)} cold starts a month; INIT billed as duration, as Lambda bills it since ${since} (unconfirmed for Lambda@Edge)`
          : `${fmtCount(cold)} cold starts a month not billed (rule before ${since})`,
      ),
      line('ping-requests', 'Ping requests', pings, 'requests', pings * requestPrice, factor),
      line(
        'ping-duration',
        'Ping duration',
        pingGbS,
        'GB-s',
        pingGbS * gbSPrice,
        factor,
        pings > 0
          ? `incl. INIT of ${fmtCount(total((u) => u.pingColdStarts) * factor)} cold pings a month`
          : undefined,
      ),
    ];
    const assumptions = [
      `${region.label}; ${triggerOf(this.#settings)} trigger`,
      `duration rounded up to ${this.#stepMs} ms per invocation, at configured memory`,
    ];
    if (this.#settings.freeTier) {
      assumptions.push(
        'no free tier: the Lambda free tier does not cover Lambda@Edge (--free-tier not used)',
      );
    }
    return finishReport(
      {
        currency: 'USD',
        provider: 'aws-lambda-edge',
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

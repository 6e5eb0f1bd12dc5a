/**
 * AWS Lambda Managed Instances billing as a meter on the platform's events: every instance for as
 * long as it runs (minimum instances all the window), at the EC2 on-demand price, plus the
 * management fee on that price, plus requests; no duration charge.
 */
import { INV, NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostReport } from '../../pricing/cost.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import { WindowedRecords, WindowLevel } from '../shared/levels.js';
import type { BillingInput, BillingMeter, ProviderSettings } from '../types.js';
import type { ManagedInstancesSheet } from './sheet.js';

export class ManagedInstancesMeter extends NullObserver implements BillingMeter {
  readonly #sheet: ManagedInstancesSheet;
  readonly #settings: ProviderSettings;
  readonly #alive = new WindowedRecords(
    () => new WindowLevel(),
    (l) => [l],
  );
  #requests = 0;
  #pings = 0;

  constructor(sheet: ManagedInstancesSheet, settings: ProviderSettings) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
  }

  #level(fn: number): WindowLevel {
    return this.#alive.at(fn);
  }

  override onWindowStart(timeMs: number): void {
    this.#alive.windowStart(timeMs);
  }

  override onWindowEnd(timeMs: number): void {
    this.#alive.windowEnd(timeMs);
  }

  override onInvocation(_fn: number, flags: number): void {
    this.#requests++;
    if (flags & INV.ping) this.#pings++;
  }

  override onInstanceStart(fn: number, _instance: number, timeMs: number): void {
    this.#level(fn).change(timeMs, 1);
  }

  override onInstanceStop(fn: number, _instance: number, timeMs: number): void {
    this.#level(fn).change(timeMs, -1);
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const regionId = this.#settings.region ?? sheet.defaultRegion;
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const hours = (this.#alive.all.reduce((a, l) => a + l.areaMs, 0) / 3_600_000) * factor;
    const hourly = prices.use(`${sheet.instance.name} on-demand`, sheet.prices.instanceHourly);
    const fee = prices.use('management fee', sheet.prices.managementFee);
    const requests = this.#requests * factor;
    const pings = this.#pings * factor;
    const lines = [
      line(
        'requests',
        'Requests',
        requests,
        'requests',
        (requests / 1e6) * prices.use('requests', sheet.prices.requestsPerMillion),
        factor,
        pings > 0 ? `incl. ${fmtCount(pings)} pings a month` : undefined,
      ),
      line(
        'instances',
        `EC2 instances (${sheet.instance.name}, on-demand)`,
        hours,
        'instance-hours',
        hours * hourly,
        factor,
        'every instance while it runs, idle or not',
      ),
      line(
        'management-fee',
        'Management fee',
        hours,
        'instance-hours',
        hours * hourly * fee,
        factor,
        `${fee * 100} % of the EC2 on-demand price`,
      ),
    ];
    return finishReport(
      {
        currency: 'USD',
        provider: 'aws-lambda-managed-instances',
        region: regionId,
        lines,
        monthFactor: factor,
        pricesUsed: prices.list,
        unconfirmed: unconfirmedUsed(sheet, prices, ['prices']),
        assumptions: [
          `prices of ${regionId}`,
          'on-demand instances (Savings Plans and Reserved Instances not applied); instance time continuous; no free tier',
        ],
      },
      input.userRequests * factor,
    );
  }
}

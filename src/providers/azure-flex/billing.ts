/**
 * Azure Functions Flex Consumption billing as a meter on the platform's events:
 * - an instance's busy period (from the end of its INIT until no execution is in flight: concurrent
 *   executions share it) is billed at least 1 s, then rounded up to 100 ms, × the instance memory;
 * - on-demand instances: that GB-s at the on-demand rate, plus executions, less the monthly free grant;
 * - always-ready instances (the model's provisioned instances): their memory all the time at the
 *   baseline rate, plus their busy GB-s at the always-ready execution rate, plus executions; no free grant.
 * Monthly quantities are the span's × (30 days / span).
 */
import { INV, NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { ActivePeriods } from '../shared/active-periods.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import { inputError } from '../../errors.js';
import type { BillingInput, BillingMeter, MeterState, ProviderSettings } from '../types.js';
import type { AzureFlexSheet } from './sheet.js';
import { billedRegion } from '../shared/billed-region.js';

/** What AzureFlexMeter.exportState gives. */
interface FlexMeterState {
  onDemandMbMs: number;
  alwaysReadyMbMs: number;
  onDemandExecutions: number;
  alwaysReadyExecutions: number;
  pings: number;
}

export class AzureFlexMeter extends NullObserver implements BillingMeter {
  readonly #sheet: AzureFlexSheet;
  readonly #settings: ProviderSettings;
  readonly #memoryMb: (fn: number) => number;
  readonly #periods: ActivePeriods;
  /** MB-ms of billed active periods */
  #onDemandMbMs = 0;
  #alwaysReadyMbMs = 0;
  #onDemandExecutions = 0;
  #alwaysReadyExecutions = 0;
  #pings = 0;

  constructor(sheet: AzureFlexSheet, settings: ProviderSettings, memoryMb: (fn: number) => number) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
    this.#memoryMb = memoryMb;
    this.#periods = new ActivePeriods({
      minMs: sheet.billing.minPeriodMs.value,
      stepMs: sheet.billing.periodStepMs.value,
      fromReady: true,
    });
  }

  override onInstanceStart(_fn: number, instance: number, timeMs: number, initMs: number): void {
    this.#periods.start(instance, timeMs, initMs);
  }

  override onInstanceBusy(_fn: number, instance: number, timeMs: number): void {
    this.#periods.busy(instance, timeMs);
  }

  override onInstanceIdle(fn: number, instance: number, timeMs: number, provisioned: boolean): void {
    const mbMs = this.#periods.idle(instance, timeMs) * this.#memoryMb(fn);
    if (provisioned) this.#alwaysReadyMbMs += mbMs;
    else this.#onDemandMbMs += mbMs;
  }

  override onInvocation(_fn: number, flags: number): void {
    if (flags & INV.provisioned) this.#alwaysReadyExecutions++;
    else this.#onDemandExecutions++;
    if (flags & INV.ping) this.#pings++;
  }

  /**
   * The usage after a run, for `simulate --shard`: five account-wide sums. Summed across functions in
   * event order, they merge exactly only as whole numbers: each period is billed in whole steps (the
   * sheet's 100 ms, at least 1,000 ms) × an instance size in whole MB, so every term is an integer
   * and their float sum is exact in any order below 2^53. Anything else is refused, not merged.
   */
  exportState(): MeterState {
    const state: FlexMeterState = {
      onDemandMbMs: this.#onDemandMbMs,
      alwaysReadyMbMs: this.#alwaysReadyMbMs,
      onDemandExecutions: this.#onDemandExecutions,
      alwaysReadyExecutions: this.#alwaysReadyExecutions,
      pings: this.#pings,
    };
    if (!Number.isSafeInteger(state.onDemandMbMs) || !Number.isSafeInteger(state.alwaysReadyMbMs))
      throw inputError(
        'NOT_SHARDABLE',
        `--shard: Azure Flex Consumption's billed instance time (${state.onDemandMbMs} and ${state.alwaysReadyMbMs} MB-ms) is not a whole number below 2^53, so a sum over shards could differ from one run's in the last bit; run simulate whole`,
      );
    return { ...state };
  }

  /** Takes shards' usage: whole-number sums, added exactly (exportState). */
  importStates(parts: readonly { state: MeterState; global: readonly number[] }[]): void {
    for (const { state } of parts) {
      const s = state as unknown as FlexMeterState;
      this.#onDemandMbMs += s.onDemandMbMs;
      this.#alwaysReadyMbMs += s.alwaysReadyMbMs;
      this.#onDemandExecutions += s.onDemandExecutions;
      this.#alwaysReadyExecutions += s.alwaysReadyExecutions;
      this.#pings += s.pings;
    }
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const { regionId, region } = billedRegion(sheet, this.#settings.region, 'Azure Flex');
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const odGbSPrice = prices.use('on-demand execution time', region.onDemandPerGbS);
    const odExecPrice = prices.use('on-demand executions', region.onDemandExecutionsPerMillion) / 1e6;
    const gbS = (mbMs: number): number => (mbMs / 1024 / 1000) * factor;

    const odGbS = gbS(this.#onDemandMbMs);
    const odExec = this.#onDemandExecutions * factor;
    const b = sheet.billing;
    const lines: CostLine[] = [];
    lines.push(
      line(
        'requests',
        'On-demand executions',
        odExec,
        'executions',
        odExec * odExecPrice,
        factor,
        this.#pings > 0 ? `incl. ${fmtCount(this.#pings * factor)} pings a month (all modes)` : undefined,
      ),
    );
    lines.push(
      line(
        'duration',
        'On-demand execution time (instance memory)',
        odGbS,
        'GB-s',
        odGbS * odGbSPrice,
        factor,
        `busy periods of each instance, at least ${b.minPeriodMs.value / 1000} s, rounded up to ${b.periodStepMs.value} ms`,
      ),
    );

    const alwaysReady = input.functions.reduce((a, f) => a + f.provisioned, 0);
    if (alwaysReady > 0) {
      const baselinePrice = prices.use('always-ready baseline', region.alwaysReadyBaselinePerGbS);
      const arGbSPrice = prices.use('always-ready execution time', region.alwaysReadyExecutionPerGbS);
      const arExecPrice = prices.use('always-ready executions', region.alwaysReadyExecutionsPerMillion) / 1e6;
      const baselineGbS =
        input.functions.reduce((a, f) => a + f.provisioned * (f.memoryMb / 1024) * (input.spanMs / 1000), 0) *
        factor;
      lines.push(
        line(
          'provisioned-capacity',
          'Always-ready baseline',
          baselineGbS,
          'GB-s',
          baselineGbS * baselinePrice,
          factor,
          `${alwaysReady} always-ready instance${alwaysReady > 1 ? 's' : ''}, all the time`,
        ),
      );
      const arGbS = gbS(this.#alwaysReadyMbMs);
      lines.push(
        line(
          'provisioned-duration',
          'Always-ready execution time',
          arGbS,
          'GB-s',
          arGbS * arGbSPrice,
          factor,
        ),
      );
      const arExec = this.#alwaysReadyExecutions * factor;
      lines.push(
        line(
          'provisioned-requests',
          'Always-ready executions',
          arExec,
          'executions',
          arExec * arExecPrice,
          factor,
        ),
      );
    }

    const assumptions: string[] = [
      `prices of ${regionId} (${region.label})`,
      `instance memory × busy time per instance: at least ${b.minPeriodMs.value} ms per period, then rounded up to ${b.periodStepMs.value} ms; executions overlapping on one instance share its period; INIT not billed`,
    ];
    if (this.#settings.freeTier) {
      const freeGbS = prices.use('free GB-s (on demand)', sheet.freeGrant.gbS);
      const freeExec = prices.use('free executions (on demand)', sheet.freeGrant.executions);
      const credit = Math.min(odGbS, freeGbS) * odGbSPrice + Math.min(odExec, freeExec) * odExecPrice;
      lines.push(
        line(
          'free-tier',
          'Free grant (on demand only)',
          Math.min(odGbS, freeGbS),
          'GB-s',
          -credit,
          factor,
          `${fmtCount(freeGbS)} GB-s and ${fmtCount(freeExec)} executions a month`,
        ),
      );
      assumptions.push('monthly free grant applied to on-demand use (always-ready use has none)');
    } else {
      lines.push(
        line(
          'free-tier',
          'Free grant (on demand only)',
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
        provider: 'azure-flex',
        region: regionId,
        lines,
        monthFactor: factor,
        pricesUsed: prices.list,
        unconfirmed: unconfirmedUsed(sheet, prices, ['regions', 'freeGrant']),
        assumptions,
      },
      input.userRequests * factor,
    );
  }
}

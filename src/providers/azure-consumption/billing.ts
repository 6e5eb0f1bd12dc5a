/**
 * Azure Functions Consumption billing as a meter on the platform's events:
 * - every execution counts (user requests and pings), priced per million, less the free grant;
 * - each execution holds its observed memory for its run time, at least 100 ms, rounded up to 1 ms
 *   (INIT is not billed);
 * - an instance (one process) bills, at each instant, the memory its executions hold then, summed,
 *   rounded up to 128 MB within 128..1,536 MB (SharedMemoryIntervals): Microsoft samples the
 *   process's memory, concurrent executions included, and the platform places a request only where
 *   its memory fits next to the others', so one sum decides both. One execution alone bills its own
 *   memory rounded up. Where the trace's memory is the process's already (ProviderSettings.memoryIs
 *   'process', the Azure 2019 trace), the largest in flight replaces the sum, in placement too;
 * - an execution that shares its instance's CPU (INV.cpuShared) bills its stretched run time, known
 *   only when it ends (onSharedRunEnd): its interval stays open until then;
 * - GB-s = MB-ms / 1024 / 1000, priced at one rate, less the monthly free grant.
 * Monthly quantities are the span's × (30 days / span); the free grant applies to them.
 */
import { INV, NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import { billedMs } from '../shared/rounding.js';
import { SharedMemoryIntervals } from '../shared/shared-memory.js';
import type { BillingInput, BillingMeter, MeterState, ProviderSettings } from '../types.js';
import type { AzureConsumptionSheet } from './sheet.js';
import { billedRegion } from '../shared/billed-region.js';

/** What AzureConsumptionMeter.exportState gives. */
interface ConsumptionMeterState {
  mbMsByFn: Float64Array;
  executions: number;
  pings: number;
  withoutMemory: number;
  maxObservedMb: number;
  capped: number;
  fallbacks: [number, number][];
}

export class AzureConsumptionMeter extends NullObserver implements BillingMeter {
  readonly #sheet: AzureConsumptionSheet;
  readonly #settings: ProviderSettings;
  readonly #memory: SharedMemoryIntervals;
  /** a function's memory setting, read as the memory its executions use when the trace does not say */
  readonly #settingMb: (fn: number) => number;
  /** MB billed for executions without memory_used_mb → how many */
  readonly #fallbacks = new Map<number, number>();
  readonly #minMs: number;
  readonly #stepMs: number;
  readonly #memStep: number;
  readonly #memMin: number;
  readonly #memMax: number;
  /**
   * per instance serial: its executions sharing the CPU still in flight, as (function, run start,
   * open interval id) triples, since onSharedRunEnd names a request only by these
   */
  readonly #sharedInFlight = new Map<number, number[]>();
  #executions = 0;
  #pings = 0;
  #withoutMemory = 0;
  #maxObservedMb = 0;
  #capped = 0;

  /** `memoryMb(fn)`: each function's memory setting (its own, else --memory) */
  constructor(
    sheet: AzureConsumptionSheet,
    settings: ProviderSettings,
    memoryMb: (fn: number) => number = () => settings.memoryMb ?? sheet.billing.memoryMinMb.value,
  ) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
    const b = sheet.billing;
    this.#minMs = b.minExecutionMs.value;
    this.#stepMs = b.executionStepMs.value;
    this.#memStep = b.memoryStepMb.value;
    this.#memMin = b.memoryMinMb.value;
    this.#memMax = b.memoryMaxMb.value;
    this.#settingMb = memoryMb;
    this.#memory = new SharedMemoryIntervals(
      (heldMb) => this.billedMemoryMb(heldMb),
      settings.memoryIs === 'process',
    );
  }

  /** Observed MB (of one execution, or of all an instance holds) → billed MB: rounded up to the step, within min..max. */
  billedMemoryMb(observedMb: number): number {
    const rounded = Math.ceil(observedMb / this.#memStep - 1e-9) * this.#memStep;
    return Math.min(this.#memMax, Math.max(this.#memMin, rounded));
  }

  override onInvocation(
    fn: number,
    flags: number,
    _arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
    memoryUsedMb: number,
    _cpuMs: number,
    instance: number,
  ): void {
    this.#executions++;
    if (flags & INV.ping) this.#pings++;
    let observed = memoryUsedMb;
    if (Number.isNaN(observed)) {
      observed = this.#settings.observedMemoryMb ?? this.#settingMb(fn);
      this.#withoutMemory++;
      this.#fallbacks.set(observed, (this.#fallbacks.get(observed) ?? 0) + 1);
    }
    if (observed > this.#maxObservedMb) this.#maxObservedMb = observed;
    if (observed > this.#memMax) this.#capped++;
    if (flags & INV.cpuShared) {
      const id = this.#memory.open(fn, instance, startMs + initMs, observed);
      let list = this.#sharedInFlight.get(instance);
      if (list === undefined) this.#sharedInFlight.set(instance, (list = []));
      list.push(fn, startMs + initMs, id);
      return;
    }
    const billed = billedMs(runMs, this.#minMs, this.#stepMs);
    this.#memory.add(fn, instance, startMs + initMs, billed, observed);
  }

  override onSharedRunEnd(
    fn: number,
    _flags: number,
    _arrivalMs: number,
    startMs: number,
    initMs: number,
    runMs: number,
    instance: number,
  ): void {
    const list = this.#sharedInFlight.get(instance) as number[];
    const runStartMs = startMs + initMs;
    // its function's execution whose run began nearest then (the start comes back as start − INIT
    // + INIT, which may differ in the last bit); two of one function begun at one instant on one
    // instance are told apart by nothing, and swap ends only if their memory differs
    let k = -1;
    for (let j = 0; j < list.length; j += 3) {
      if (list[j] !== fn) continue;
      if (
        k < 0 ||
        Math.abs((list[j + 1] as number) - runStartMs) < Math.abs((list[k + 1] as number) - runStartMs)
      )
        k = j;
    }
    this.#memory.close(list[k + 2] as number, runStartMs + billedMs(runMs, this.#minMs, this.#stepMs));
    list.splice(k, 3);
    if (list.length === 0) this.#sharedInFlight.delete(instance);
  }

  /**
   * The usage after a run, for `simulate --shard`: the billed MB-ms per function (each instance's
   * memory over time, attributed to its functions as one run attributes it) and the counts. The
   * executions' intervals are closed here, as bill() would close them.
   */
  exportState(): MeterState {
    this.#memory.flush();
    return {
      mbMsByFn: Float64Array.from(this.#memory.mbMsByFn),
      executions: this.#executions,
      pings: this.#pings,
      withoutMemory: this.#withoutMemory,
      maxObservedMb: this.#maxObservedMb,
      capped: this.#capped,
      fallbacks: [...this.#fallbacks],
    };
  }

  /** Takes shards' usage: per-function MB-ms back at their functions, counts added (whole numbers). */
  importStates(parts: readonly { state: MeterState; global: readonly number[] }[]): void {
    const byFn = this.#memory.mbMsByFn;
    for (const { state, global } of parts) {
      const s = state as unknown as ConsumptionMeterState;
      s.mbMsByFn.forEach((mbMs, k) => {
        const g = global[k] as number;
        while (byFn.length <= g) byFn.push(0);
        byFn[g] = mbMs;
      });
      this.#executions += s.executions;
      this.#pings += s.pings;
      this.#withoutMemory += s.withoutMemory;
      if (s.maxObservedMb > this.#maxObservedMb) this.#maxObservedMb = s.maxObservedMb;
      this.#capped += s.capped;
      for (const [mb, n] of s.fallbacks) this.#fallbacks.set(mb, (this.#fallbacks.get(mb) ?? 0) + n);
    }
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const { regionId, region } = billedRegion(sheet, this.#settings.region, 'Azure Consumption');
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const perExecution = prices.use('executions', region.executionsPerMillion) / 1e6;
    const perGbS = prices.use('execution time', region.executionTimePerGbS);

    this.#memory.flush();
    const mbMs = this.#memory.mbMsByFn.reduce((a, x) => a + x, 0);
    const gbS = (mbMs / 1024 / 1000) * factor;
    const executions = this.#executions * factor;
    const pings = this.#pings * factor;

    const lines: CostLine[] = [];
    lines.push(
      line(
        'requests',
        'Executions',
        executions,
        'executions',
        executions * perExecution,
        factor,
        pings > 0 ? `incl. ${fmtCount(pings)} pings a month` : undefined,
      ),
    );
    lines.push(
      line(
        'duration',
        'Execution time (observed memory)',
        gbS,
        'GB-s',
        gbS * perGbS,
        factor,
        `at least ${this.#minMs} ms per execution, memory rounded up to ${this.#memStep} MB`,
      ),
    );

    const assumptions: string[] = [
      `prices of ${regionId} (${region.label})`,
      `execution time at least ${this.#minMs} ms, rounded up to ${this.#stepMs} ms; INIT not billed`,
      this.#settings.memoryIs === 'process'
        ? `memory: the trace's memory_used_mb is the process's on its instance; an instance bills the largest of the executions in flight on it, rounded up to ${this.#memStep} MB within ${this.#memMin}..${this.#memMax} MB`
        : `memory: observed per execution; an instance bills the memory of the executions in flight on it, summed and rounded up to ${this.#memStep} MB within ${this.#memMin}..${this.#memMax} MB`,
    ];
    if (this.#withoutMemory > 0) {
      const why =
        this.#settings.observedMemoryMb != null
          ? '--observed-memory'
          : [...this.#fallbacks.keys()].every((mb) => mb === this.#settings.memoryMb)
            ? '--memory, read as observed memory'
            : "each function's memory setting, read as observed memory";
      const at = [...this.#fallbacks]
        .sort((a, b) => a[0] - b[0])
        .map(([mb, n]) => (this.#fallbacks.size > 1 ? `${fmtCount(n)} at ${mb} MB` : `${mb} MB`))
        .join(', ');
      assumptions.push(
        `${fmtCount(this.#withoutMemory)} executions had no memory_used_mb: billed at ${at} (${why})`,
      );
    }
    if (this.#capped > 0)
      assumptions.push(
        `${fmtCount(this.#capped)} executions observed above ${this.#memMax} MB (up to ${Math.round(this.#maxObservedMb)} MB): billed at ${this.#memMax} MB, the most an instance has`,
      );

    if (this.#settings.freeTier) {
      const freeExec = prices.use('free executions', sheet.freeGrant.executions);
      const freeGbS = prices.use('free GB-s', sheet.freeGrant.gbS);
      const credit = Math.min(executions, freeExec) * perExecution + Math.min(gbS, freeGbS) * perGbS;
      lines.push(
        line(
          'free-tier',
          'Free grant',
          Math.min(gbS, freeGbS),
          'GB-s',
          -credit,
          factor,
          `${fmtCount(freeExec)} executions and ${fmtCount(freeGbS)} GB-s a month`,
        ),
      );
      assumptions.push('monthly free grant applied (per subscription)');
    } else {
      lines.push(line('free-tier', 'Free grant', 0, 'GB-s', 0, factor, 'off (--free-tier to apply it)'));
    }
    return finishReport(
      {
        currency: 'USD',
        provider: 'azure-consumption',
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

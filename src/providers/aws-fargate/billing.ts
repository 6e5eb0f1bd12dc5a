/**
 * AWS Fargate billing as a meter on the platform's events: each task bills its vCPU and memory from
 * its creation (the image pull, INIT here) until it stops, rounded up to the second with a one-minute
 * minimum, whatever it serves; no request charge. Tasks alive before the window (the minimum tasks)
 * count from its start, tasks alive at its end until then. As the month repeats the span, a task
 * alive at the window's start continues one alive at its end: each of those is billed its time in the
 * window exactly (the minimum and the rounding bear on its whole life, not on each repeat). Tasks
 * alive at the end beyond those the window started with end there (the next repeat starts without
 * them): they keep the minimum and the rounding, as a life inside the span. Spot takes the sheet's discount off the
 * rates. With --front-door alb, the load balancer's hours and capacity units are added (the ALB
 * figures of pricing/aws-front-door.json).
 */
import { NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import type { Figure } from '../../pricing/figure.js';
import {
  FrontDoorCounter,
  frontDoorLines,
  frontDoorUnconfirmed,
  type FrontDoorSheet,
} from '../shared/front-door.js';
import { settingOf } from '../option-spec.js';
import { PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import { billedMs } from '../shared/rounding.js';
import type { BillingInput, BillingMeter, ProviderSettings } from '../types.js';
import { SPOT, VCPU } from './options.js';
import { vcpuOfTask, type FargateSheet } from './sheet.js';

export class FargateMeter extends NullObserver implements BillingMeter {
  readonly #sheet: FargateSheet;
  readonly #settings: ProviderSettings;
  readonly #frontDoor: FrontDoorSheet | null;
  /** running tasks: serial → function and creation time */
  readonly #running = new Map<number, { fn: number; startMs: number; atStart: boolean }>();
  /** tasks alive at the window's start, per function: as many of those alive at its end continue into the next repeat */
  readonly #aliveAtStart: number[] = [];
  /** billed task-ms per function */
  readonly #billedMs: number[] = [];
  readonly #requests = new FrontDoorCounter();
  #windowStartMs = -Infinity;
  #windowEndMs = Infinity;

  constructor(sheet: FargateSheet, settings: ProviderSettings, frontDoor: FrontDoorSheet | null) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
    this.#frontDoor = frontDoor;
  }

  override onWindowStart(timeMs: number): void {
    this.#windowStartMs = timeMs;
  }

  override onWindowEnd(timeMs: number): void {
    this.#windowEndMs = timeMs;
    // per function, the oldest tasks alive at the end continue into the next repeat, as many as the
    // window started with; the rest end with the window
    const alive = [...this.#running.entries()].sort((a, b) => a[1].startMs - b[1].startMs || a[0] - b[0]);
    const continuing = new Map<number, number>();
    for (const [serial, t] of alive) {
      const n = continuing.get(t.fn) ?? 0;
      continuing.set(t.fn, n + 1);
      this.#close(serial, timeMs, n < (this.#aliveAtStart[t.fn] ?? 0));
    }
  }

  override onInvocation(_fn: number, flags: number): void {
    this.#requests.invocation(flags);
  }

  override onThrottle(
    _fn: number,
    flags: number,
    _timeMs: number,
    _reason: number,
    willRetry: boolean,
  ): void {
    this.#requests.throttle(flags, willRetry);
  }

  override onInstanceStart(
    fn: number,
    instance: number,
    timeMs: number,
    _initMs: number,
    provisioned: boolean,
  ): void {
    // alive at the window's start: made before it, or a minimum task made at it (with no image pull);
    // a task a request starts at the first instant is the repeat's own
    const atStart = timeMs < this.#windowStartMs || (provisioned && timeMs === this.#windowStartMs);
    if (timeMs < this.#windowEndMs) this.#running.set(instance, { fn, startMs: timeMs, atStart });
    if (atStart) this.#aliveAtStart[fn] = (this.#aliveAtStart[fn] ?? 0) + 1;
  }

  override onInstanceStop(_fn: number, instance: number, timeMs: number): void {
    this.#close(instance, timeMs);
  }

  /** `continues`: alive at the window's end and continued by the next repeat (onWindowEnd) */
  #close(serial: number, timeMs: number, continues = false): void {
    const t = this.#running.get(serial);
    if (!t) return;
    this.#running.delete(serial);
    const from = Math.max(t.startMs, this.#windowStartMs);
    const to = Math.min(timeMs, this.#windowEndMs);
    if (!(to > from)) return;
    const b = this.#sheet.billing;
    while (this.#billedMs.length <= t.fn) this.#billedMs.push(0);
    // The month repeats the span: a task alive at the window's start, or one alive at its end that
    // the next repeat continues, lives across the span's boundary, so its life is longer than its
    // part in the window: that part is billed exactly, the minimum and the rounding apply once to
    // its whole life, not per repeat.
    const crosses = t.atStart || continues;
    this.#billedMs[t.fn] =
      (this.#billedMs[t.fn] as number) +
      (crosses ? to - from : billedMs(to - from, b.minimumMs.value, b.stepMs.value));
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const regionId = this.#settings.region ?? sheet.defaultRegion;
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();
    const arch = this.#settings.arch;
    const rates = sheet.rates[arch];
    const spot = settingOf<boolean>(this.#settings, SPOT) === true;
    const off = spot ? 1 - prices.use('Fargate Spot discount', sheet.spotDiscount) : 1;
    const archName = arch === 'arm64' ? 'Linux/ARM' : 'Linux/x86';
    const cpuPrice = prices.use(`vCPU (${archName})`, rates.vcpuS) * off;
    const memPrice = prices.use(`memory (${archName})`, rates.gbS) * off;

    let vcpuS = 0;
    let gbS = 0;
    this.#billedMs.forEach((ms, i) => {
      const f = input.functions[i];
      if (!f) return;
      const s = (ms / 1000) * factor;
      vcpuS += s * vcpuOfTask(sheet, f.memoryMb, settingOf<number>(this.#settings, VCPU));
      gbS += (s * f.memoryMb) / 1024;
    });
    const what = `${archName}${spot ? ', Fargate Spot' : ''}`;
    const b = sheet.billing;
    const lines: CostLine[] = [
      line(
        'cpu',
        `vCPU (task time, ${what})`,
        vcpuS,
        'vCPU-s',
        vcpuS * cpuPrice,
        factor,
        `each task from its image pull until it stops, rounded up to ${b.stepMs.value / 1000} s, at least ${b.minimumMs.value / 1000} s`,
      ),
      line('duration', `Memory (task time, ${what})`, gbS, 'GB-s', gbS * memPrice, factor),
    ];
    const assumptions = [
      `prices of ${regionId}, ${archName}`,
      'tasks bill for their whole life, busy or not; 20 GB ephemeral storage included (more not modelled); no free tier',
    ];
    if (spot)
      assumptions.push(
        `Fargate Spot at ${sheet.spotDiscount.value * 100} % off the on-demand rates; interruptions (two minutes' notice) not modelled`,
      );
    const frontDoor = this.#settings.frontDoor;
    if (frontDoor === 'alb' && this.#frontDoor) {
      const use = (name: string, f: Figure): number => prices.use(name, f);
      frontDoorLines(
        this.#frontDoor,
        'alb',
        this.#requests.requests,
        factor,
        use,
        (id, label, q, unit, usd, note) => lines.push(line(id, label, q, unit, usd, factor, note)),
      );
      assumptions.push(
        'one Application Load Balancer in front of every service, its hours and capacity units (one new connection per sync request)',
      );
    }
    return finishReport(
      {
        currency: 'USD',
        provider: 'aws-fargate',
        region: regionId,
        lines,
        monthFactor: factor,
        pricesUsed: prices.list,
        unconfirmed: [
          ...unconfirmedUsed(sheet, prices, ['rates', 'spotDiscount']),
          ...(frontDoor === 'alb' && this.#frontDoor ? frontDoorUnconfirmed(this.#frontDoor, 'alb') : []),
        ],
        assumptions,
      },
      input.userRequests * factor,
    );
  }
}

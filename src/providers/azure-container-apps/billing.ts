/**
 * Azure Container Apps (Consumption plan) billing as a meter on the platform's events. Every replica
 * bills its allocated vCPU and memory for as long as it runs (start included, concurrent requests
 * sharing it); minimum replicas bill the lower idle rates while they have nothing in flight and the
 * revision runs no replica above its minimum; plus requests. The monthly free grant (vCPU-s, GiB-s,
 * requests) is taken off active use first, then idle use.
 */
import { INV, NullObserver } from '../../model/observer.js';
import { finishReport, line, MONTH_MS, type CostLine, type CostReport } from '../../pricing/cost.js';
import { fmtCount, PricesUsed, unconfirmedUsed } from '../shared/cite.js';
import { WindowedRecords, WindowLevel } from '../shared/levels.js';
import type { BillingInput, BillingMeter, ProviderSettings } from '../types.js';
import { IdleAtMinimum } from './idle-at-minimum.js';
import { vcpuOfReplica, type ContainerAppsSheet } from './sheet.js';

class AppUsage {
  requests = 0;
  pings = 0;
  readonly alive = new WindowLevel();
  readonly idle = new IdleAtMinimum();
}

export class ContainerAppsMeter extends NullObserver implements BillingMeter {
  readonly #sheet: ContainerAppsSheet;
  readonly #settings: ProviderSettings;
  readonly #usage = new WindowedRecords(
    () => new AppUsage(),
    (u) => [u.alive, u.idle],
  );

  constructor(sheet: ContainerAppsSheet, settings: ProviderSettings) {
    super();
    this.#sheet = sheet;
    this.#settings = settings;
  }

  #app(i: number): AppUsage {
    return this.#usage.at(i);
  }

  override onWindowStart(timeMs: number): void {
    this.#usage.windowStart(timeMs);
  }

  override onWindowEnd(timeMs: number): void {
    this.#usage.windowEnd(timeMs);
  }

  override onInvocation(fn: number, flags: number): void {
    const u = this.#app(fn);
    u.requests++;
    if (flags & INV.ping) u.pings++;
  }

  override onInstanceStart(
    fn: number,
    _instance: number,
    timeMs: number,
    _initMs: number,
    provisioned: boolean,
  ): void {
    const u = this.#app(fn);
    u.alive.change(timeMs, 1);
    u.idle.change(timeMs, provisioned ? 0 : 1, provisioned ? 1 : 0, 0);
  }

  override onInstanceStop(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    const u = this.#app(fn);
    u.alive.change(timeMs, -1);
    u.idle.change(timeMs, provisioned ? 0 : -1, provisioned ? -1 : 0, 0);
  }

  override onInstanceBusy(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    if (provisioned) this.#app(fn).idle.change(timeMs, 0, 0, 1);
  }

  override onInstanceIdle(fn: number, _instance: number, timeMs: number, provisioned: boolean): void {
    if (provisioned) this.#app(fn).idle.change(timeMs, 0, 0, -1);
  }

  bill(input: BillingInput): CostReport {
    const sheet = this.#sheet;
    const r = sheet.rates;
    const regionId = this.#settings.region ?? sheet.defaultRegion;
    const factor = MONTH_MS / input.spanMs;
    const prices = new PricesUsed();

    let requests = 0;
    let pings = 0;
    let activeVcpuS = 0;
    let activeGibS = 0;
    let idleVcpuS = 0;
    let idleGibS = 0;
    this.#usage.all.forEach((u, i) => {
      const f = input.functions[i];
      if (!f) return;
      const vcpu = vcpuOfReplica(sheet, f.memoryMb);
      const gib = f.memoryMb / 1024;
      requests += u.requests * factor;
      pings += u.pings * factor;
      const idleS = (u.idle.idleMs / 1000) * factor;
      const activeS = (u.alive.areaMs / 1000) * factor - idleS;
      activeVcpuS += activeS * vcpu;
      activeGibS += activeS * gib;
      idleVcpuS += idleS * vcpu;
      idleGibS += idleS * gib;
    });

    const reqPrice = prices.use('requests', r.requestsPerMillion) / 1e6;
    const cpuPrice = prices.use('active vCPU', r.activeVcpuS);
    const memPrice = prices.use('active memory', r.activeGibS);
    const lines: CostLine[] = [];
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
        'vCPU (replicas running, active rate)',
        activeVcpuS,
        'vCPU-s',
        activeVcpuS * cpuPrice,
        factor,
        'every replica from its start until it is removed, concurrent requests sharing it',
      ),
    );
    lines.push(
      line(
        'duration',
        'Memory (replicas running, active rate)',
        activeGibS,
        'GiB-s',
        activeGibS * memPrice,
        factor,
      ),
    );
    let idleCpuPrice = 0;
    let idleMemPrice = 0;
    if (idleVcpuS > 0) {
      idleCpuPrice = prices.use('idle vCPU', r.idleVcpuS);
      idleMemPrice = prices.use('idle memory', r.idleGibS);
      lines.push(
        line(
          'provisioned-cpu',
          'Idle minimum replicas: vCPU',
          idleVcpuS,
          'vCPU-s',
          idleVcpuS * idleCpuPrice,
          factor,
          'at the idle rate: nothing in flight, revision at its minimum',
        ),
      );
      lines.push(
        line(
          'provisioned-capacity',
          'Idle minimum replicas: memory',
          idleGibS,
          'GiB-s',
          idleGibS * idleMemPrice,
          factor,
          'at the idle rate',
        ),
      );
    }
    const assumptions = [
      `prices of ${regionId}`,
      'replica time is continuous (per-second metering not rounded per replica); a replica is idle only when it is a minimum replica with nothing in flight and the revision runs no replica above its minimum (CPU and network thresholds not modelled)',
    ];
    if (this.#settings.freeTier) {
      const g = sheet.freeGrant;
      const fv = prices.use('free vCPU-s', g.vcpuS);
      const fg = prices.use('free GiB-s', g.gibS);
      const fr = prices.use('free requests', g.requests);
      // the grant is taken off active seconds first (the dearer rate), then idle ones
      const vActive = Math.min(activeVcpuS, fv);
      const vIdle = Math.min(idleVcpuS, fv - vActive);
      const gActive = Math.min(activeGibS, fg);
      const gIdle = Math.min(idleGibS, fg - gActive);
      const credit =
        vActive * cpuPrice +
        vIdle * idleCpuPrice +
        gActive * memPrice +
        gIdle * idleMemPrice +
        Math.min(requests, fr) * reqPrice;
      lines.push(
        line(
          'free-tier',
          'Monthly free grant',
          0,
          'credit',
          -credit,
          factor,
          `${fmtCount(fv)} vCPU-s, ${fmtCount(fg)} GiB-s, ${fmtCount(fr)} requests a month`,
        ),
      );
      assumptions.push('free grant taken off active use first, then idle use (one app per subscription)');
    } else {
      lines.push(
        line('free-tier', 'Monthly free grant', 0, 'credit', 0, factor, 'off (--free-tier to apply it)'),
      );
    }
    return finishReport(
      {
        currency: 'USD',
        provider: 'azure-container-apps',
        region: regionId,
        lines,
        monthFactor: factor,
        pricesUsed: prices.list,
        unconfirmed: unconfirmedUsed(sheet, prices, ['rates', 'freeGrant']),
        assumptions,
      },
      input.userRequests * factor,
    );
  }
}

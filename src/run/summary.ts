/**
 * The report's account of a run's input: what was read from the trace and how (TraceSummary), and
 * the settings the run used with where each came from (ConfigSummary), in the words the renderers
 * print. Descriptions of pings and provisioned control are shared with the keep-warm strategies.
 */
import { isAbsolute, relative } from 'node:path';
import type { SimulationConfig } from '../config.js';
import { modelName, runTimeFactor, runTimeMapOf } from '../memory/model.js';
import { describeDistribution } from '../model/distribution.js';
import { describeKeepAlive } from '../model/keep-alive.js';
import type { PingSpec, ProvisionedControl } from '../model/spec.js';
import type { CostReport } from '../pricing/cost.js';
import { packageRoot } from '../pricing/dir.js';
import type { InitModel, LoadedProvider, PlatformDefaults } from '../providers/types.js';
import { isoOf } from '../traces/timestamp.js';
import type { TraceInfo } from '../traces/trace.js';
import { formatDurationMs } from '../util/units.js';
import type { ConfigSummary, TraceSummary } from './result.js';
import { memoryFor, modelArch } from './settings.js';

/** How the trace was read, its span and its rates; `peakRatePerS` is counted by the run as it feeds the trace. */
export function traceSummary(
  info: TraceInfo,
  spanMs: number,
  config: SimulationConfig,
  peakRatePerS: number,
): TraceSummary {
  const epoch = Number.isFinite(info.originEpochMs);
  let timestamps: string;
  if (info.countLayout) {
    timestamps = `counts per minute (${info.countLayout === 'wide' ? 'Azure Functions trace layout' : 'timestamp,count'}), each minute's requests spread uniformly within it (seed ${config.seed})`;
  } else if (info.timeFormat === 'iso') timestamps = 'ISO 8601 (no zone = UTC)';
  else if (epoch)
    timestamps = `read as epoch ${info.timeUnit} (${info.timeUnitSource === 'flag' ? '--time-unit' : 'inferred from their magnitude'})`;
  else timestamps = `read as relative ${info.timeUnit} (--time-unit)`;
  if (info.format !== undefined) timestamps = `${info.format}: ${info.derived?.[0] ?? 'times from the log'}`;
  if (info.countLayout === 'wide' && info.firstMs > 0 && info.coveredMs !== undefined) {
    timestamps += `; minutes ${info.firstMs / 60_000 + 1}..${(info.firstMs + info.coveredMs) / 60_000} of the day`;
  }
  if (info.timestampIs === 'end')
    timestamps += `; each is the request's end: arrival = end − duration${info.columns.init_ms !== null ? ' − init_ms' : ''} (--timestamp-is end)`;
  if (info.durationUnit) timestamps += `; durations read in ${info.durationUnit} (--duration-unit)`;
  const summary: TraceSummary = {
    file: info.file,
    requests: info.rows,
    functions: info.functionNames,
    spanMs,
    spanSource:
      config.spanMs !== null
        ? 'configured'
        : info.windowStartMs !== undefined
          ? 'from --start'
          : info.coveredMs !== undefined
            ? 'whole minutes counted'
            : 'first-to-last request',
    firstIso: epoch ? isoOf(info.originEpochMs + (info.windowStartMs ?? info.firstMs)) : null,
    lastIso: epoch ? isoOf(info.originEpochMs + info.lastMs) : null,
    meanRatePerS: info.rows / (spanMs / 1000),
    peakRatePerS,
    timestamps,
    order: info.order,
    asyncRequests: info.asyncRows,
    hasDurations: info.columns.duration_ms !== null,
    hasInit: info.columns.init_ms !== null,
    skippedRows: info.skippedRows,
    skipReasons: info.skipReasons,
    ...(info.traffic && info.traffic.length > 0 ? { traffic: info.traffic } : {}),
  };
  if (info.format !== undefined) {
    summary.input = {
      format: info.format,
      derived: info.derived ?? [],
      ignoredLines: info.ignoredLines ?? 0,
    };
    if (info.runsSpilled !== undefined) summary.input.runsSpilled = info.runsSpilled;
  }
  return summary;
}

/** What a run settled on, beyond its configuration, that the configuration summary reports. */
export interface SettledRun {
  config: SimulationConfig;
  provider: LoadedProvider;
  defaults: PlatformDefaults;
  perInstanceConcurrency: number;
  queueTimeoutMs: number;
  prewarmed: number;
  /** whether run times come from the trace (its duration_ms column) */
  hasDurations: boolean;
  /** where the trace's duration_ms comes from (TraceInfo.columns.duration_ms): 'drawn from FILE' when an importer draws it */
  durationColumn?: string | null;
  /** the provider's INIT model at a memory size, as the run built it */
  initModel: (memoryMb: number) => InitModel;
}

/** The settings the run used, each as the platform took it and with whether it is the provider's default. */
export function configSummary(run: SettledRun, cost: CostReport): ConfigSummary {
  const { config: c, defaults: d, provider } = run;
  const ka = c.keepAlive ?? d.keepAlive;
  const memory = memoryFor(d, c.memoryMb);
  const init = c.init ? describeDistribution(c.init) : run.initModel(memory.memoryMb).description;
  const extra: Partial<ConfigSummary> = {};
  if (memory.note !== null) extra.memoryNote = memory.note;
  if (d.memoryBasis !== undefined) extra.memoryBasis = d.memoryBasis;
  if (d.ephemeralStorage !== undefined) extra.ephemeralStorage = d.ephemeralStorage;
  const cap = c.maxInstances ?? d.maxInstancesPerFunction;
  if (cap !== undefined && cap !== null) extra.maxInstancesPerFunction = cap;
  if (run.queueTimeoutMs > 0) extra.queueTimeoutMs = run.queueTimeoutMs;
  if (d.provisionedName !== undefined) extra.provisionedName = d.provisionedName;
  if (d.prewarmed !== undefined) extra.prewarmed = run.prewarmed;
  const provisioned = Math.max(c.provisioned, d.minProvisioned ?? 0);
  return {
    provider: provider.id,
    providerLabel: provider.label,
    region: cost.region,
    arch: d.archSelectable === false ? 'architecture not selectable' : c.arch,
    runtime: c.runtime,
    packageType: c.packageType,
    memoryMb: memory.memoryMb,
    keepAlive: describeKeepAlive(ka) + (c.keepAlive ? '' : ' (provider default)'),
    routing: c.routing,
    perInstanceConcurrency: run.perInstanceConcurrency,
    concurrencyLimit: c.concurrencyLimit ?? d.concurrencyLimit,
    scaling:
      (d.scaling
        ? `${d.scaling.burst} new instances per function, refilled at ${refillRate(d.scaling.perMs)}`
        : 'unlimited') +
      (d.asyncScaling
        ? `; for async requests ${d.asyncScaling.burst}, refilled at ${refillRate(d.asyncScaling.perMs)}`
        : ''),
    provisioned,
    provisionedControl: c.provisionedControl ? describeControl(c.provisionedControl) : 'fixed',
    pings: c.pings.length > 0 ? c.pings.map(describePings).join('; ') : 'none',
    init,
    duration: durationSource(run.hasDurations, c, run.durationColumn) + describeRunTimeScaling(c, d),
    freeTier: c.freeTier,
    initBilling:
      d.initBilling ??
      (c.initBilling === 'current'
        ? 'INIT billed for every cold start (since 2025-08-01)'
        : 'rule before 2025-08-01 (INIT free for ZIP on managed runtimes)'),
    seed: c.seed,
    priceSheet: displayPath(provider.sheetFile),
    functionSettings: Object.entries(c.functions).map(([name, o]) => {
      const parts: string[] = [];
      if (o.memoryMb !== undefined) parts.push(`${o.memoryMb} MB`);
      if (o.reservedConcurrency !== undefined && o.reservedConcurrency !== null)
        parts.push(`reserved concurrency ${o.reservedConcurrency}`);
      if (o.provisioned !== undefined) parts.push(`provisioned ${o.provisioned}`);
      if (o.pings !== undefined)
        parts.push(o.pings.length > 0 ? `pings ${o.pings.map(describePings).join('; ')}` : 'no pings');
      if (o.provisionedControl) parts.push(describeControl(o.provisionedControl));
      if (o.init !== undefined) parts.push(`INIT ${describeDistribution(o.init)}`);
      if (o.duration !== undefined) parts.push(`run time ${describeDistribution(o.duration)}`);
      return `${name}: ${parts.join(', ')}`;
    }),
    ...extra,
  };
}

/** How the memory model scales run times, for the report (empty without one). */
function describeRunTimeScaling(config: SimulationConfig, d: PlatformDefaults): string {
  const m = config.durationModel;
  if (!m || (m.curve.kind === 'none' && m.armSpeedFactor === 1)) return '';
  const arch = modelArch(d, config.arch, m);
  const f = runTimeFactor(m, config.memoryMb, arch);
  const at = m.measuredAtMb === null ? '' : ` measured at ${m.measuredAtMb} MB ${m.measuredArch},`;
  const archShown = d.archSelectable === false ? '' : ` ${config.arch}`;
  const tails = runTimeMapOf(m, config.memoryMb, arch);
  const how = tails.map
    ? `; by its place among the measured typical, p90 and p99 run times: ${tails.map.fromMs.map(round1).join(' / ')} ms → ${tails.map.toMs.map(round1).join(' / ')} ms`
    : tails.note !== null
      ? `; ${tails.note}`
      : '';
  return `,${at} × ${Number(f.factor.toPrecision(6))} at ${config.memoryMb} MB${archShown} (${modelName(m)} model${f.extrapolated ? ', extrapolated' : ''})${how}`;
}

/** One ping setting in words ("every 5 min × 3, 50 ms each"). */
export function describePings(p: PingSpec): string {
  const when =
    p.schedule.kind === 'rate' ? `every ${formatDurationMs(p.schedule.intervalMs)}` : p.schedule.text;
  const phase = p.phaseMs && p.schedule.kind === 'rate' ? `, phase ${formatDurationMs(p.phaseMs)}` : '';
  const style =
    p.style === 'chain' ? `, chained from inside the function (+${formatDurationMs(p.chainLagMs)})` : '';
  return `${p.name === 'pings' ? '' : `${p.name}: `}${when} × ${p.concurrency}, ${formatDurationMs(p.durationMs)} each${phase}${style}`;
}

/** How a provisioned level changes, in words: the schedule's actions or the target tracking's settings. */
export function describeControl(c: ProvisionedControl): string {
  if (c.kind === 'schedule') {
    return `scheduled: ${c.actions.map((a) => `${a.schedule.text} → ${a.level}`).join(', ')}; new instances ready after ${formatDurationMs(c.allocationDelayMs)}`;
  }
  return `target tracking at ${Math.round(c.targetUtilization * 100)}% utilisation, ${c.minLevel}..${c.maxLevel}; out after ${c.scaleOutMinutes} min above, in after ${c.scaleInMinutes} min below ${Math.round(c.scaleInRatio * 100)}% of target; new instances ready after ${formatDurationMs(c.allocationDelayMs)}`;
}

/** "1,000/s", or "1 every 30 s" for rates below one a second */
function refillRate(perMs: number): string {
  const perS = perMs * 1000;
  return perS >= 1
    ? `${Math.round(perS).toLocaleString('en-US')}/s`
    : `1 every ${Number((1 / perS).toPrecision(4))} s`;
}

/** one decimal, for notes */
function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** A bundled file as a path inside the package (the same on every machine); others as given. */
function displayPath(file: string): string {
  const rel = relative(packageRoot(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

/** Where run times come from: the trace, a distribution, or a distribution that replaces the trace's. */
function durationSource(hasDurations: boolean, c: SimulationConfig, column?: string | null): string {
  const drawn = c.duration ? describeDistribution(c.duration) : 'per function';
  if (!hasDurations) return drawn;
  if (c.durationOverride === true) return `${drawn} (replaces the trace's duration_ms: --duration-override)`;
  // the Azure 2019 importer draws each request's run time from its function's percentiles
  const from = column?.startsWith('drawn from ') ? column.slice('drawn from '.length) : null;
  return from !== null
    ? `drawn per request from its function's percentiles in ${from} (the trace counts requests; it has no run times)`
    : 'from the trace (duration_ms)';
}

/**
 * Turns settings (from a scenario file, then overridden by flags) into a SimulationConfig and the
 * trace to read. Every value is checked here; an error names where the value came from: the flag,
 * or the scenario file and key.
 */
import { dirname, isAbsolute, join } from 'node:path';
import {
  checkPingInterval,
  noFunctions,
  DEFAULT_CONFIG,
  parseDistribution,
  parsePings,
  parseProvisioned,
  type FunctionOverrides,
  type SimulationConfig,
} from '../config.js';
import { inputError } from '../errors.js';
import type { DistributionSpec } from '../model/distribution.js';
import { parseKeepAlive } from '../model/keep-alive.js';
import { parseDurationCurve } from '../memory/model.js';
import type { CpuAllocation } from '../memory/types.js';
import type { PingSpec, ProvisionedControl } from '../model/spec.js';
import { parseSchedule } from '../util/cron.js';
import { validateJson } from '../pricing/figure.js';
import { parseJsonText } from './json.js';
import { MAX_SCENARIO_BYTES, readBoundedText } from './read-file.js';
import { columnMapOf, parseColumnMap } from '../traces/read-csv.js';
import type { LogicalColumn } from '../traces/trace.js';
import type { TimeUnit } from '../traces/timestamp.js';
import type { ImportedTraceOptions } from '../traces/formats/options.js';
import {
  DEFAULT_JITTER_MS,
  parseTimeShift,
  parseTrafficScale,
  parseWindowStart,
  type TrafficOptions,
} from '../traces/traffic.js';
import { parseDurationMs } from '../util/units.js';
import { allOptions, findProvider, providerIds } from '../providers/registry.js';
import { defaultPricingDir } from '../pricing/dir.js';
import { autoScalingDefaults, pingDefaults } from '../pricing/defaults.js';
import type { OptionContext } from '../providers/option-spec.js';
import {
  scenarioSchema,
  type DistributionSetting,
  type PingsSetting,
  type ProvisionedSetting,
  type ScenarioFile,
  type Settings,
} from './schema.js';

export type { Settings };
export type OutputFormat = 'table' | 'json' | 'csv' | 'markdown';

export interface ResolvedRun {
  traceFile: string;
  read: {
    columns?: Partial<Record<LogicalColumn, string>>;
    timeUnit?: TimeUnit;
    durationUnit?: TimeUnit;
    timestampIs?: 'start' | 'end';
    memoryIs?: 'request' | 'process';
    sort?: boolean;
    skipBadRows?: boolean;
    traffic?: TrafficOptions;
    cacheDir?: string;
  } & ImportedTraceOptions;
  config: SimulationConfig;
  format: OutputFormat;
  /** seeds to run (--replicates); 1 = one run, as without the flag */
  replicates: number;
  scenarioFile: string | null;
  /** keep-warm strategies by name (scenario `strategies`), for `faasim compare` */
  strategies: NonNullable<Settings['strategies']> | null;
}

export function loadScenarioFile(file: string): ScenarioFile {
  const json = parseJsonText(readBoundedText(file, MAX_SCENARIO_BYTES, 'scenario'), file, 'scenario');
  checkScenarioSize(json, file);
  const s = validateJson(json, scenarioSchema(), file, 'scenario');
  // a trace path in a scenario is relative to the scenario file
  if (s.trace !== undefined && !isAbsolute(s.trace)) s.trace = join(dirname(file), s.trace);
  if (s.durationsFile !== undefined && !isAbsolute(s.durationsFile))
    s.durationsFile = join(dirname(file), s.durationsFile);
  if (s.memoryFile !== undefined && !isAbsolute(s.memoryFile))
    s.memoryFile = join(dirname(file), s.memoryFile);
  if (s.cacheDir !== undefined && s.cacheDir !== 'beside' && !isAbsolute(s.cacheDir))
    s.cacheDir = join(dirname(file), s.cacheDir);
  return s;
}

/** A bound on work, not a platform quota: a scenario with more per-function settings is most likely a generated file gone wrong. */
export const MAX_SCENARIO_FUNCTIONS = 100_000;

function checkScenarioSize(json: unknown, file: string): void {
  const fns =
    typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['functions'] : undefined;
  if (typeof fns === 'object' && fns !== null) {
    const n = Object.keys(fns).length;
    if (n > MAX_SCENARIO_FUNCTIONS)
      throw inputError(
        'TOO_MANY_FUNCTIONS',
        `settings for ${n.toLocaleString('en-US')} functions, more than the limit of ${MAX_SCENARIO_FUNCTIONS.toLocaleString('en-US')}`,
        { file, path: 'functions' },
      );
  }
}

/**
 * Merges settings: `flags` override `scenario`. `flagNames` maps a settings key to the flag that set
 * it, so errors can name it.
 */
export function resolveRun(
  scenario: { file: string; settings: Settings } | null,
  flags: Settings,
  flagNames: Partial<Record<string, string>>,
): ResolvedRun {
  const merged: Settings = { ...(scenario?.settings ?? {}), ...definedOnly(flags) };
  const origin = (key: string): string =>
    key in definedOnly(flags) ? (flagNames[key] ?? `--${key}`) : scenario ? `${scenario.file}: ${key}` : key;

  if (merged.trace === undefined)
    throw inputError('NO_TRACE', 'no trace given: pass a CSV file, or a scenario whose "trace" names one');
  const c: SimulationConfig = { ...DEFAULT_CONFIG, functions: noFunctions() };
  if (merged.provider !== undefined) c.provider = providerSetting(merged.provider, origin('provider'));
  if (merged.region !== undefined) c.region = merged.region;
  if (merged.arch !== undefined) c.arch = merged.arch;
  if (merged.runtime !== undefined) c.runtime = merged.runtime;
  if (merged.packageType !== undefined) c.packageType = merged.packageType;
  if (merged.memoryMb !== undefined) c.memoryMb = merged.memoryMb;
  if (merged.ephemeralStorageMb !== undefined) c.ephemeralStorageMb = merged.ephemeralStorageMb;
  if (merged.keepAlive !== undefined) {
    const ka = parseKeepAlive(merged.keepAlive);
    if (!ka)
      throw inputError(
        'BAD_KEEP_ALIVE',
        `${origin('keepAlive')} "${merged.keepAlive}" is not a keep-alive such as 10m, 5m..7m or forever`,
      );
    c.keepAlive = ka;
  }
  if (merged.routing !== undefined) c.routing = merged.routing;
  if (merged.concurrencyLimit !== undefined) c.concurrencyLimit = merged.concurrencyLimit;
  if (merged.provisioned !== undefined)
    ({ level: c.provisioned, control: c.provisionedControl } = provisionedOf(
      merged.provisioned,
      origin('provisioned'),
    ));
  if (merged.pings !== undefined) c.pings = pingsOf(merged.pings, origin('pings'));
  if (merged.init !== undefined) c.init = distributionOf(merged.init, origin('init'));
  if (merged.duration !== undefined) c.duration = distributionOf(merged.duration, origin('duration'));
  if (merged.durationOverride === true) {
    if (
      merged.duration === undefined &&
      !Object.values(merged.functions ?? {}).some((f) => f.duration !== undefined)
    ) {
      throw inputError(
        'DURATION_OVERRIDE_ALONE',
        `${origin('durationOverride')} needs --duration (or a function's duration) to replace the trace's run times with`,
      );
    }
    c.durationOverride = true;
  }
  if (merged.freeTier !== undefined) c.freeTier = merged.freeTier;
  if (merged.initBilling !== undefined) c.initBilling = merged.initBilling;
  if (merged.seed !== undefined) c.seed = merged.seed;
  // 'run' is the default and stays absent, so a configuration without the flag is unchanged (sweep hashes, baselines)
  if (merged.rngStreams === 'function') c.rngStreams = 'function';
  if (merged.perInstanceConcurrency !== undefined) c.perInstanceConcurrency = merged.perInstanceConcurrency;
  if (merged.maxInstances !== undefined) c.maxInstances = merged.maxInstances;
  if (merged.prewarmed !== undefined) c.prewarmed = merged.prewarmed;
  resolveProviderOptions(merged, c, {
    origin,
    given: merged,
    distribution: (v, what) => distributionOf(v as DistributionSetting, what),
  });
  if (merged.span !== undefined) {
    const ms = parseDurationMs(merged.span);
    if (ms === undefined || !(ms > 0))
      throw inputError(
        'BAD_SPAN',
        `${origin('span')} "${merged.span}" is not a positive duration such as 24h`,
      );
    c.spanMs = ms;
  }
  // the memory the trace's run times were measured at scales them only through a duration model
  if (merged.measuredAtMb !== undefined && merged.durationModel === undefined)
    throw inputError(
      'MEASURED_AT_WITHOUT_MODEL',
      `${origin('measuredAtMb')} is the memory the trace's run times were measured at: it needs --duration-model (scenario "durationModel")`,
    );
  if (
    merged.durationModel !== undefined ||
    merged.measuredAtMb !== undefined ||
    merged.armSpeedFactor !== undefined
  ) {
    const fromFlag = 'durationModel' in definedOnly(flags) || scenario === null;
    const curve =
      merged.durationModel === undefined
        ? ({ kind: 'none' } as const)
        : parseDurationCurve(merged.durationModel, {
            provider: c.provider,
            cpuAllocation: () => cpuAllocationOf(c.provider),
            baseDir: fromFlag ? '' : dirname(scenario.file),
            origin: origin('durationModel'),
          });
    c.durationModel = {
      curve,
      measuredAtMb: merged.measuredAtMb ?? null,
      measuredArch: merged.measuredArch ?? 'x86_64',
      armSpeedFactor: merged.armSpeedFactor ?? 1,
      extrapolate: merged.extrapolate ?? false,
    };
  }
  for (const [name, f] of Object.entries(merged.functions ?? {})) {
    const at = `${origin('functions')}.${name}`;
    const o: FunctionOverrides = {};
    if (f.memoryMb !== undefined) o.memoryMb = f.memoryMb;
    if (f.reservedConcurrency !== undefined) o.reservedConcurrency = f.reservedConcurrency;
    if (f.provisioned !== undefined)
      ({ level: o.provisioned, control: o.provisionedControl } = provisionedOf(
        f.provisioned,
        `${at}.provisioned`,
      ));
    if (f.pings !== undefined) o.pings = pingsOf(f.pings, `${at}.pings`);
    if (f.init !== undefined) o.init = distributionOf(f.init, `${at}.init`);
    if (f.duration !== undefined) o.duration = distributionOf(f.duration, `${at}.duration`);
    if (f.trigger !== undefined) o.trigger = f.trigger;
    c.functions[name] = o;
  }
  if (merged.apps !== undefined) {
    const apps = Object.create(null) as Record<string, string>;
    for (const [name, app] of Object.entries(merged.apps)) apps[name] = app;
    c.apps = apps;
  }
  const read: ResolvedRun['read'] = {};
  if (merged.columns !== undefined) {
    read.columns =
      typeof merged.columns === 'string'
        ? parseColumnMap(merged.columns)
        : columnMapOf(Object.entries(merged.columns), `${origin('columns')}`);
  }
  if (merged.timeUnit !== undefined) read.timeUnit = merged.timeUnit;
  if (merged.durationUnit !== undefined) read.durationUnit = merged.durationUnit;
  if (merged.timestampIs !== undefined) read.timestampIs = merged.timestampIs;
  if (merged.memoryIs !== undefined) read.memoryIs = merged.memoryIs;
  if (merged.sort !== undefined) read.sort = merged.sort;
  if (merged.skipBadRows !== undefined) read.skipBadRows = merged.skipBadRows;
  if (merged.inputFormat !== undefined) read.inputFormat = merged.inputFormat;
  if (merged.functionName !== undefined) read.functionName = merged.functionName;
  if (merged.durationsFile !== undefined) read.durationsFile = merged.durationsFile;
  if (merged.memoryFile !== undefined) read.memoryFile = merged.memoryFile;
  if (merged.cacheDir !== undefined) read.cacheDir = merged.cacheDir;
  if (merged.trafficScale !== undefined || merged.timeShift !== undefined || merged.start !== undefined) {
    const scale =
      merged.trafficScale === undefined
        ? { scale: 1, jitterMs: DEFAULT_JITTER_MS }
        : parseTrafficScale(merged.trafficScale, origin('trafficScale'));
    const shiftMs =
      merged.timeShift === undefined ? 0 : parseTimeShift(merged.timeShift, origin('timeShift'));
    const start = merged.start === undefined ? null : parseWindowStart(String(merged.start), origin('start'));
    read.traffic = { ...scale, shiftMs, start };
  }
  return {
    traceFile: merged.trace,
    read,
    config: c,
    format: merged.format ?? 'table',
    replicates: merged.replicates ?? 1,
    scenarioFile: scenario?.file ?? null,
    strategies: merged.strategies ?? null,
  };
}

/** Each provider option given, as its declaration resolves it (providers/option-spec.ts), onto `c` under its key. */
function resolveProviderOptions(merged: Settings, c: SimulationConfig, ctx: OptionContext): void {
  const target = c as SimulationConfig & Record<string, unknown>;
  for (const o of allOptions()) {
    const v = merged[o.key];
    if (v === undefined) continue;
    const resolved = o.resolve ? o.resolve(v, ctx) : v;
    if (resolved !== undefined) target[o.key] = resolved;
  }
}

/** The CPU allocation a cpu-share model scales with, from the provider's sheet; undefined for a list of providers or one with none. */
function cpuAllocationOf(providerId: string): CpuAllocation | undefined {
  return findProvider(providerId)?.load(defaultPricingDir()).cpuAllocation;
}

/** A provider id, a comma list of them, or all; an empty entry (`--provider ,`) is a mistake, not "none". */
function providerSetting(text: string, what: string): string {
  const known = providerIds();
  const ids = text.split(',').map((x) => x.trim());
  if (text.trim() === 'all' || ids.every((x) => x === 'all' || known.includes(x))) return text.trim();
  const bad = ids.filter((x) => x !== 'all' && !known.includes(x));
  const said = bad.includes('')
    ? 'an empty entry'
    : `unknown provider${bad.length > 1 ? 's' : ''} ${bad.map((x) => `"${x}"`).join(', ')}`;
  throw inputError(
    'UNKNOWN_PROVIDER',
    `${what} "${text}": ${said}; give one of ${known.join(', ')}, a comma list of them, or all`,
  );
}

function definedOnly(s: Settings): Settings {
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as Settings;
}

function distributionOf(d: DistributionSetting, what: string): DistributionSpec {
  if (typeof d === 'string') return parseDistribution(d, what);
  switch (d.kind) {
    case 'constant':
      return parseDistribution(d.value, what);
    case 'uniform':
      return parseDistribution(`${d.min}..${d.max}`, what);
    case 'lognormal':
      return parseDistribution(
        `lognormal:${d.median}:${d.p99}${d.max === undefined ? '' : `:max=${d.max}`}`,
        what,
      );
    case 'empirical':
      return parseDistribution(`empirical:${d.values.join(',')}`, what);
  }
}

export function pingsOf(p: PingsSetting, what: string): PingSpec[] {
  if (p === null || p === 'none' || p === 'off') return [];
  const list = Array.isArray(p) ? p : [p];
  return list.map((one, i) => {
    const name =
      typeof one === 'object' && one.name ? one.name : list.length > 1 ? `schedule ${i + 1}` : 'pings';
    // the parsers name `what` in their errors themselves
    if (typeof one === 'string') return parsePings(one, name, what);
    const defaults = pingDefaults();
    const durationMs = one.duration === undefined ? defaults.durationMs : parseDurationMs(one.duration);
    const phaseMs = one.phase === undefined ? 0 : parseDurationMs(one.phase);
    const chainLagMs = one.chainLag === undefined ? defaults.chainLagMs : parseDurationMs(one.chainLag);
    if (durationMs === undefined || phaseMs === undefined || chainLagMs === undefined) {
      throw inputError(
        'BAD_PINGS',
        `${what}: duration, phase and chainLag must be durations such as 25ms or 30s`,
      );
    }
    const schedule = parseSchedule(one.every, `${what}: every`);
    checkPingInterval(schedule, `${what}: every`);
    return {
      name,
      schedule,
      concurrency: one.concurrency ?? 1,
      durationMs,
      phaseMs,
      style: one.style ?? 'fan-out',
      chainLagMs,
    };
  });
}

export function provisionedOf(
  p: ProvisionedSetting,
  what: string,
): { level: number; control: ProvisionedControl | null } {
  if (typeof p === 'number') return { level: p, control: null };
  if (typeof p === 'string') return parseProvisioned(p, what);
  const auto = autoScalingDefaults();
  const delay = p.allocationDelay === undefined ? auto.allocationDelayMs : parseDurationMs(p.allocationDelay);
  if (delay === undefined)
    throw inputError('BAD_PROVISIONED', `${what}.allocationDelay "${p.allocationDelay}" is not a duration`);
  if (p.kind === 'auto') {
    const min = p.min ?? auto.minLevel;
    const max = p.max ?? Math.max(min, auto.maxLevel);
    if (max < min) throw inputError('BAD_PROVISIONED', `${what}: max ${max} is below min ${min}`);
    return {
      level: min,
      control: {
        kind: 'auto',
        ...auto,
        targetUtilization: p.target ?? auto.targetUtilization,
        minLevel: min,
        maxLevel: max,
        allocationDelayMs: delay,
      },
    };
  }
  const actions = p.actions.map((a, i) => ({
    schedule: parseSchedule(a.cron, `${what}.actions[${i}].cron`),
    level: a.level,
  }));
  if (actions.some((a) => a.schedule.kind !== 'cron'))
    throw inputError('BAD_PROVISIONED', `${what}: scheduled actions need cron(...) schedules`);
  return { level: p.base ?? 0, control: { kind: 'schedule', actions, allocationDelayMs: delay } };
}

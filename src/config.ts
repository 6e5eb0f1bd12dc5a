/**
 * A simulation's configuration, resolved: units parsed, nothing left as text. Scenario files and CLI
 * flags both end up here (scenario/load.ts), and the library API takes it directly.
 */
import { inputError } from './errors.js';
import { distributionProblem, type DistributionSpec } from './model/distribution.js';
import type { KeepAliveSpec } from './model/keep-alive.js';
import type { DurationModelSpec } from './memory/types.js';
import type { PingSpec, ProvisionedControl, RoutingPolicy } from './model/spec.js';
import { parseSchedule, type Schedule } from './util/cron.js';
import { MAX_INSTANCES_SETTING, MAX_PINGS_PER_TICK, MIN_PING_INTERVAL_MS } from './limits.js';
import type {
  Architecture,
  FreeTierProvisionedRule,
  InitBillingRule,
  PackageType,
} from './providers/types.js';
import { parseDecimal, parseDurationMs } from './util/units.js';
import { DEFAULT_PROVIDER_ID } from './providers/registry.js';
import { autoScalingDefaults, pingDefaults } from './pricing/defaults.js';

export interface FunctionOverrides {
  memoryMb?: number;
  reservedConcurrency?: number | null;
  provisioned?: number;
  provisionedControl?: ProvisionedControl | null;
  pings?: PingSpec[];
  init?: DistributionSpec;
  duration?: DistributionSpec;
  /** the function's trigger (http, blob, timer, …), where the trace has none: Azure Flex scales by trigger group */
  trigger?: string;
}

export interface SimulationConfig {
  provider: string;
  /** null = the provider's default region */
  region: string | null;
  arch: Architecture;
  runtime: string;
  packageType: PackageType;
  memoryMb: number;
  ephemeralStorageMb: number;
  /** null = the provider's measured default */
  keepAlive: KeepAliveSpec | null;
  routing: RoutingPolicy;
  /** null = the provider's default account limit */
  concurrencyLimit: number | null;
  /** provisioned instances per function (the starting level when provisionedControl changes it) */
  provisioned: number;
  provisionedControl: ProvisionedControl | null;
  /** keep-warm ping schedules per function (empty = none) */
  pings: PingSpec[];
  /** null = the provider's measured INIT distribution for runtime, package, arch and memory */
  init: DistributionSpec | null;
  /** run time for traces without duration_ms; null = the trace must have it */
  duration: DistributionSpec | null;
  /** `duration` (and per-function durations) replace the trace's duration_ms; absent/false = a trace with duration_ms and a duration setting is an error */
  durationOverride?: boolean;
  /** how run time changes with memory and architecture (src/memory); absent or null = it does not */
  durationModel?: DurationModelSpec | null;
  /** function name → its app (Azure scales and bills the app), null-prototype like `functions`; absent or null = the trace's app column, else one app per function */
  apps?: Record<string, string> | null;
  /** by function name; any name is a key (`__proto__`, `constructor`): build with noFunctions(), read with overridesOf() */
  functions: Record<string, FunctionOverrides>;
  freeTier: boolean;
  initBilling: InitBillingRule;
  /** AWS Lambda: whether the free tier covers functions with provisioned concurrency; absent or null = the price sheet's rule */
  freeTierProvisioned?: FreeTierProvisionedRule | null;
  seed: number;
  /** 'function': each function draws from its own random streams and keeps its own exact-latency budget (model/spec.ts ModelSpec.rngStreams); absent = 'run' */
  rngStreams?: 'function';
  /** the period the trace covers; null = from its first to its last request */
  spanMs: number | null;
  // Optional settings for providers other than Lambda; absent or null = the provider's default.
  // The platform-specific ones (observedMemoryMb … frontDoor) are declared by the providers that take
  // them (src/providers/<id>/options.ts) and are typed here for the library's callers; an option a
  // provider added later is held the same way, under its key, untyped.
  /** requests one instance serves at once */
  perInstanceConcurrency?: number | null;
  /** each function's maximum instance count */
  maxInstances?: number | null;
  /** Azure Premium: instances kept pre-warmed as a buffer while a function is active */
  prewarmed?: number | null;
  /** observed memory per execution (MB) for traces without memory_used_mb (Azure Consumption) */
  observedMemoryMb?: number | null;
  /** CPU time as a fraction of run time for traces without cpu_ms (Cloudflare Workers) */
  cpuFraction?: number | null;
  /** a provider's billing mode (Cloud Run: request or instance) */
  billingMode?: string | null;
  /** AWS Lambda SnapStart: new environments restore from a snapshot instead of running INIT; absent, null or false = off */
  snapstart?: boolean | null;
  /** SnapStart restore latency (restore plus after-restore hooks); null = the sheet's measured default */
  restore?: DistributionSpec | null;
  /** the HTTP front door whose request charges the bill adds (sync requests only); absent or null = none */
  frontDoor?: string | null;
  /** AWS Lambda: responses are streamed (bytes beyond 6 MB each billed per GB); absent, null or false = buffered */
  responseStreaming?: boolean | null;
  /** AWS Lambda: bytes of every sync response for a trace without response_bytes; null = none */
  responseSize?: number | null;
  /** Lambda@Edge: the CloudFront trigger, viewer or origin; null = origin */
  edgeTrigger?: string | null;
  /** Azure Flex: always-ready instances by scale group (http, blob, durable) or function:<NAME>; null = --provisioned everywhere */
  alwaysReady?: Record<string, number> | null;
}

/**
 * An empty per-function map. A null prototype, so that a function called `__proto__` is stored as
 * a key (not as the prototype) and one called `constructor` is not found where none was given.
 */
export function noFunctions(): Record<string, FunctionOverrides> {
  return Object.create(null) as Record<string, FunctionOverrides>;
}

/** A function's own overrides; {} when it has none, whatever its name. */
export function overridesOf(functions: Record<string, FunctionOverrides>, name: string): FunctionOverrides {
  return Object.hasOwn(functions, name) ? (functions[name] as FunctionOverrides) : {};
}

export const DEFAULT_CONFIG: SimulationConfig = {
  provider: DEFAULT_PROVIDER_ID,
  region: null,
  arch: 'x86_64',
  runtime: 'nodejs22.x',
  packageType: 'zip',
  memoryMb: 128,
  ephemeralStorageMb: 512,
  keepAlive: null,
  routing: 'most-recent',
  concurrencyLimit: null,
  provisioned: 0,
  provisionedControl: null,
  pings: [],
  init: null,
  duration: null,
  functions: noFunctions(),
  freeTier: false,
  initBilling: 'current',
  seed: 1,
  spanMs: null,
};

/**
 * Parses a distribution: "300ms" (constant), "100ms..300ms" (uniform), "lognormal:200ms:900ms"
 * (median and p99), "lognormal:200ms:900ms:max=110s" (truncated at the source's largest value),
 * "empirical:120ms,135ms,180ms". `what` names the setting in errors.
 */
export function parseDistribution(text: string, what: string): DistributionSpec {
  const t = text.trim();
  const ms = (s: string): number => {
    const v = parseDurationMs(s.trim());
    if (v === undefined)
      throw inputError('BAD_DURATION', `${what}: "${s.trim()}" is not a duration such as 250ms, 1.5s or 2m`);
    return v;
  };
  let spec: DistributionSpec;
  if (t.startsWith('lognormal:')) {
    const parts = t.slice('lognormal:'.length).split(':');
    if (parts.length !== 2 && parts.length !== 3)
      throw inputError(
        'BAD_DISTRIBUTION',
        `${what}: lognormal needs a median and a p99, and optionally the largest value its source gives, as lognormal:200ms:900ms or lognormal:200ms:900ms:max=110s`,
      );
    spec = { kind: 'lognormal', medianMs: ms(parts[0] as string), p99Ms: ms(parts[1] as string) };
    if (parts.length === 3) {
      const max = /^\s*max\s*=(.*)$/.exec(parts[2] as string);
      if (!max)
        throw inputError(
          'BAD_DISTRIBUTION',
          `${what}: "${(parts[2] as string).trim()}" after the p99 is not max=DURATION (the largest value the source gives, e.g. max=110s)`,
        );
      spec.maxMs = ms(max[1] as string);
    }
  } else if (t.startsWith('empirical:')) {
    spec = { kind: 'empirical', valuesMs: t.slice('empirical:'.length).split(',').map(ms) };
  } else if (t.includes('..')) {
    const [a, b] = t.split('..');
    spec = { kind: 'uniform', minMs: ms(a ?? ''), maxMs: ms(b ?? '') };
  } else {
    spec = { kind: 'constant', ms: ms(t) };
  }
  const problem = distributionProblem(spec);
  if (problem) throw inputError('BAD_DISTRIBUTION', `${what}: ${problem}`);
  return spec;
}

/**
 * Parses pings: "5m" (one ping every 5 minutes), "5m:3" (three concurrent pings), with optional
 * ping duration, phase and style as "5m:3:25ms:30s:chain". The interval may be a schedule:
 * "rate(5 minutes):3" or "cron(0/5 8-17 ? * MON-FRI *):2".
 */
/** `what` names where the text came from in errors (a flag, or a scenario file and key). */
export function parsePings(text: string, name = 'pings', what = '--pings'): PingSpec {
  const t = text.trim();
  let scheduleText: string;
  let rest: string;
  const paren = /^(cron|rate)\(/i.test(t) ? t.indexOf(')') : -1;
  if (paren >= 0) {
    scheduleText = t.slice(0, paren + 1);
    rest = t.slice(paren + 1).replace(/^:/, '');
  } else {
    const i = t.indexOf(':');
    scheduleText = i < 0 ? t : t.slice(0, i);
    rest = i < 0 ? '' : t.slice(i + 1);
  }
  const parts = rest === '' ? [] : rest.split(':');
  const err = (msg: string): never => {
    throw inputError(
      'BAD_PINGS',
      `${what} "${text}": ${msg}; expected INTERVAL[:CONCURRENCY[:DURATION[:PHASE[:STYLE]]]], e.g. 5m:3`,
    );
  };
  const schedule = parseSchedule(scheduleText, what);
  const concurrency = parts[0] === undefined ? 1 : (parseDecimal(parts[0]) ?? NaN);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    return err('the concurrency must be a whole number ≥ 1');
  if (concurrency > MAX_PINGS_PER_TICK)
    return err(
      `the concurrency ${concurrency} is more than the limit of ${MAX_PINGS_PER_TICK} pings at once`,
    );
  checkPingInterval(schedule, `${what} "${text}"`);
  const defaults = pingDefaults();
  const durationMs = parts[1] === undefined ? defaults.durationMs : parseDurationMs(parts[1]);
  if (durationMs === undefined || durationMs < 0) return err('the ping duration must be a duration');
  const phaseMs = parts[2] === undefined ? 0 : parseDurationMs(parts[2]);
  if (phaseMs === undefined || phaseMs < 0) return err('the phase must be a duration');
  const style = parts[3] ?? 'fan-out';
  if (style !== 'fan-out' && style !== 'chain') return err('the style must be fan-out or chain');
  if (parts.length > 4) return err('too many parts');
  return { name, schedule, concurrency, durationMs, phaseMs, style, chainLagMs: defaults.chainLagMs };
}

/** A rate schedule faster than once a second is refused: each tick is an event for every function. */
export function checkPingInterval(schedule: Schedule, what: string): void {
  if (schedule.kind === 'rate' && schedule.intervalMs < MIN_PING_INTERVAL_MS) {
    throw inputError(
      'BAD_PINGS',
      `${what}: an interval of ${schedule.intervalMs} ms is shorter than the limit of ${MIN_PING_INTERVAL_MS / 1000} s between pings`,
    );
  }
}

/**
 * Parses --provisioned: a level ("2"), or target tracking "auto[:TARGET[:MIN[:MAX]]]" (e.g.
 * auto:0.7:1:20). Returns the starting level and the control.
 */
/** `what` names where the text came from in errors (a flag, or a scenario file and key). */
export function parseProvisioned(
  text: string,
  what = '--provisioned',
): { level: number; control: ProvisionedControl | null } {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const level = Number(t);
    if (level > MAX_INSTANCES_SETTING)
      throw inputError(
        'BAD_PROVISIONED',
        `${what} "${text}" is more than the limit of ${MAX_INSTANCES_SETTING} instances per function`,
      );
    return { level, control: null };
  }
  const parts = t.split(':');
  const auto = autoScalingDefaults();
  if (parts[0] !== 'auto')
    throw inputError(
      'BAD_PROVISIONED',
      `${what} "${text}" is not a level (e.g. 2) or auto[:TARGET[:MIN[:MAX]]] (e.g. auto:0.7:1:20)`,
    );
  const target = parts[1] === undefined ? auto.targetUtilization : (parseDecimal(parts[1]) ?? NaN);
  const min = parts[2] === undefined ? auto.minLevel : (parseDecimal(parts[2]) ?? NaN);
  const max = parts[3] === undefined ? auto.maxLevel : (parseDecimal(parts[3]) ?? NaN);
  if (!(target > 0 && target <= 1))
    throw inputError('BAD_PROVISIONED', `${what} "${text}": the target utilisation must be in (0, 1]`);
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max < min) {
    throw inputError(
      'BAD_PROVISIONED',
      `${what} "${text}": MIN and MAX must be whole numbers with 1 ≤ MIN ≤ MAX`,
    );
  }
  return {
    level: min,
    control: { kind: 'auto', ...auto, targetUtilization: target, minLevel: min, maxLevel: max },
  };
}

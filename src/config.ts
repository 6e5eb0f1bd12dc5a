/**
 * A simulation's configuration, resolved: units parsed, nothing left as text. Scenario files and CLI
 * flags both end up here (scenario/load.ts), and the library API takes it directly.
 */
import { inputError } from './errors.js';
import { distributionProblem, type DistributionSpec } from './model/distribution.js';
import type { KeepAliveSpec } from './model/keep-alive.js';
import type { DurationModelSpec } from './memory/types.js';
import type { PingSpec, RoutingPolicy } from './model/spec.js';
import type { Architecture, InitBillingRule, PackageType } from './providers/types.js';
import { parseDurationMs } from './util/units.js';

export interface FunctionOverrides {
  memoryMb?: number;
  reservedConcurrency?: number | null;
  provisioned?: number;
  pings?: PingSpec | null;
  init?: DistributionSpec;
  duration?: DistributionSpec;
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
  provisioned: number;
  pings: PingSpec | null;
  /** null = the provider's measured INIT distribution for runtime, package, arch and memory */
  init: DistributionSpec | null;
  /** run time for traces without duration_ms; null = the trace must have it */
  duration: DistributionSpec | null;
  /** how run time changes with memory and architecture (src/memory); absent or null = it does not */
  durationModel?: DurationModelSpec | null;
  functions: Record<string, FunctionOverrides>;
  freeTier: boolean;
  initBilling: InitBillingRule;
  seed: number;
  /** the period the trace covers; null = from its first to its last request */
  spanMs: number | null;
}

export const DEFAULT_CONFIG: SimulationConfig = {
  provider: 'aws-lambda',
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
  pings: null,
  init: null,
  duration: null,
  functions: {},
  freeTier: false,
  initBilling: 'current',
  seed: 1,
  spanMs: null,
};

/** The duration a warm-up plugin's ping handler typically holds its instance. */
export const DEFAULT_PING_DURATION_MS = 25;

/**
 * Parses a distribution: "300ms" (constant), "100ms..300ms" (uniform), "lognormal:200ms:900ms"
 * (median and p99), "empirical:120ms,135ms,180ms". `what` names the setting in errors.
 */
export function parseDistribution(text: string, what: string): DistributionSpec {
  const t = text.trim();
  const ms = (s: string): number => {
    const v = parseDurationMs(s.trim());
    if (v === undefined) throw inputError('BAD_DURATION', `${what}: "${s.trim()}" is not a duration such as 250ms, 1.5s or 2m`);
    return v;
  };
  let spec: DistributionSpec;
  if (t.startsWith('lognormal:')) {
    const parts = t.slice('lognormal:'.length).split(':');
    if (parts.length !== 2) throw inputError('BAD_DISTRIBUTION', `${what}: lognormal needs a median and a p99, as lognormal:200ms:900ms`);
    spec = { kind: 'lognormal', medianMs: ms(parts[0] as string), p99Ms: ms(parts[1] as string) };
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
 * ping duration and phase as "5m:3:25ms:30s".
 */
export function parsePings(text: string): PingSpec {
  const parts = text.trim().split(':');
  const err = (msg: string): never => {
    throw inputError('BAD_PINGS', `--pings "${text}": ${msg}; expected INTERVAL[:CONCURRENCY[:DURATION[:PHASE]]], e.g. 5m:3`);
  };
  const intervalMs = parseDurationMs(parts[0] ?? '');
  if (intervalMs === undefined || !(intervalMs > 0)) return err('the interval must be a positive duration');
  const concurrency = parts[1] === undefined ? 1 : Number(parts[1]);
  if (!Number.isInteger(concurrency) || concurrency < 1) return err('the concurrency must be a whole number ≥ 1');
  const durationMs = parts[2] === undefined ? DEFAULT_PING_DURATION_MS : parseDurationMs(parts[2]);
  if (durationMs === undefined || durationMs < 0) return err('the ping duration must be a duration');
  const phaseMs = parts[3] === undefined ? 0 : parseDurationMs(parts[3]);
  if (phaseMs === undefined || phaseMs < 0) return err('the phase must be a duration');
  if (parts.length > 4) return err('too many parts');
  return { intervalMs, concurrency, durationMs, phaseMs };
}

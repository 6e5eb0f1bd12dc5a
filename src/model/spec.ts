/**
 * The resolved description of a platform and its functions that the model runs: plain numbers and
 * samplers, no units left to parse and no provider names. Scenario loading and provider modules build it.
 */
import type { Sampler } from './distribution.js';
import type { KeepAliveSpec } from './keep-alive.js';

/** Which idle instance a warm request goes to. */
export type RoutingPolicy = 'most-recent' | 'newest' | 'least-recent' | 'random';
export const ROUTING_POLICIES: readonly RoutingPolicy[] = ['most-recent', 'newest', 'least-recent', 'random'];

export interface PingSpec {
  /** time between firings */
  intervalMs: number;
  /** pings sent at each firing, each to its own instance if it can get one */
  concurrency: number;
  /** how long one ping holds its instance */
  durationMs: number;
  /** first firing after the window start */
  phaseMs: number;
}

export interface FunctionSpec {
  name: string;
  memoryMb: number;
  /** this function's concurrency cap (Lambda reserved concurrency, or a maximum instance count); null = shares the account's */
  reservedConcurrency: number | null;
  /** instances initialised before the trace starts that never expire */
  provisioned: number;
  pings: PingSpec | null;
  /** INIT duration of a cold start, used when the trace has no init_ms for the request */
  init: Sampler;
  /** handler run time when the trace has no duration_ms; null = the trace must have it */
  duration: Sampler | null;
  /** multiplies every run time (1 = as observed); how memory models change run time */
  runTimeFactor: number;
}

export interface AsyncRetrySpec {
  /** wait before the first retry; each later wait doubles */
  firstDelayMs: number;
  maxDelayMs: number;
  /** an event older than this is dropped */
  maxEventAgeMs: number;
}

export interface PlatformSpec {
  /** requests one instance serves at once (1 for Lambda) */
  perInstanceConcurrency: number;
  /** account-wide cap */
  concurrencyLimit: number;
  /**
   * What the caps count: instances serving or initialising (Lambda: concurrent executions), or
   * every live instance busy or idle (maximum-instance limits of Cloud Run and Azure).
   */
  limitCounts: 'busy-instances' | 'alive-instances';
  /** per-function token bucket for new instances; null = unlimited */
  scaling: { burst: number; perMs: number } | null;
  keepAlive: KeepAliveSpec;
  routing: RoutingPolicy;
  asyncRetry: AsyncRetrySpec;
  /**
   * How long a sync request that finds no capacity (a cap or the scaling rate blocks a new instance)
   * waits in its function's FIFO queue for capacity before it is rejected (429). 0 or absent: it is
   * rejected at once (Lambda). Cloud Run: up to max(3.5 × average startup, 10 s).
   */
  queueTimeoutMs?: number;
}

export interface ModelSpec {
  platform: PlatformSpec;
  /** functions known before the trace starts (they get provisioned instances and pings from the start) */
  functions: FunctionSpec[];
  /** spec for a function first seen in the trace */
  functionDefaults: (name: string) => FunctionSpec;
  seed: number | string;
}

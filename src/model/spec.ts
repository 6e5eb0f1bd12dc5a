/**
 * The resolved description of a platform and its functions that the model runs: plain numbers and
 * samplers, no units left to parse and no provider names. Scenario loading and provider modules build it.
 */
import type { Schedule } from '../util/cron.js';
import type { Sampler } from './distribution.js';
import type { KeepAliveSpec } from './keep-alive.js';
import type { RunTimeMap } from './run-time-map.js';

/** Which idle instance a warm request goes to. */
export type RoutingPolicy = 'most-recent' | 'newest' | 'least-recent' | 'random';

export interface PingSpec {
  /** a name for reports when several schedules warm one function */
  name: string;
  /** rate (from the window start + phase) or cron (UTC wall clock) */
  schedule: Schedule;
  /** pings sent at each firing, each to its own instance if it can get one */
  concurrency: number;
  /** how long one ping holds its instance (the handler's delay) */
  durationMs: number;
  /** offset of a rate schedule's first firing after the window start */
  phaseMs: number;
  /**
   * fan-out: all pings invoked at once by the scheduler (serverless-plugin-warmup's way);
   * chain: the first ping invokes the others from inside the function (lambda-warmer's way), so
   * they arrive `chainLagMs` later while the first still holds its instance.
   */
  style: 'fan-out' | 'chain';
  chainLagMs: number;
}

/** How a function's provisioned level changes over time (its starting level is FunctionSpec.provisioned). */
export type ProvisionedControl =
  /** scheduled scaling: each action sets the level when its schedule fires */
  | { kind: 'schedule'; actions: { schedule: Schedule; level: number }[]; allocationDelayMs: number }
  /** target tracking, as Application Auto Scaling does it for provisioned concurrency */
  | {
      kind: 'auto';
      targetUtilization: number;
      minLevel: number;
      maxLevel: number;
      /** consecutive minutes above target before scaling out (3) */
      scaleOutMinutes: number;
      /** consecutive minutes below scaleInRatio × target before scaling in (15) */
      scaleInMinutes: number;
      scaleInRatio: number;
      allocationDelayMs: number;
    };

export interface FunctionSpec {
  name: string;
  /** with ModelSpec.rngStreams 'function': the index its streams are forked from (its index in the whole trace; default its index here) */
  streamIndex?: number;
  memoryMb: number;
  /**
   * the memory the user set for the function, where the platform runs it in another size (Azure
   * Consumption's 1.5 GB instance, where the setting is the memory an execution is observed to use)
   */
  requestedMemoryMb?: number;
  /** this function's concurrency cap (Lambda reserved concurrency, or a maximum instance count); null = shares the account's */
  reservedConcurrency: number | null;
  /** instances initialised before the trace starts that never expire (the starting level) */
  provisioned: number;
  /** changes of the provisioned level over time; null = fixed */
  provisionedControl: ProvisionedControl | null;
  /** keep-warm ping schedules (empty = none) */
  pings: PingSpec[];
  /** INIT duration of a cold start, used when the trace has no init_ms for the request */
  init: Sampler;
  /** handler run time when the trace has no duration_ms; null = the trace must have it */
  duration: Sampler | null;
  /** `duration` is drawn for every request, replacing the trace's run times (--duration-override) */
  durationReplacesTrace?: boolean;
  /** multiplies every run time (1 = as observed); how memory models change run time */
  runTimeFactor: number;
  /** replaces runTimeFactor where the duration model has measured tails (see run-time-map.ts) */
  runTimeMap?: RunTimeMap;
  /**
   * The scaling group the function belongs to (an Azure function app, or a Flex app's scale group): every function of a group
   * shares its instances, caps, scale-out rate, provisioned (always-ready) level and pre-warmed buffer,
   * which are those of the group's first function. Absent: a group of its own.
   */
  group?: string;
  /**
   * With PlatformSpec.instanceMemoryShared: the memory (MB) a request of this function holds on its
   * instance when its trace row has no memory_used_mb. Absent: 0 (only the concurrency limits it).
   */
  requestMemoryMb?: number;
  /**
   * With PlatformSpec.cpuSharing: the vCPUs of an instance of this function (of its scaling group's
   * first function, whose instances it runs on). Absent: never slowed.
   */
  instanceVcpus?: number;
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
  /**
   * A separate, usually slower, bucket for instances that async (event) requests create: Azure
   * Consumption adds instances for HTTP triggers at most once a second and for other triggers at
   * most once every 30 s. Absent: async requests draw on `scaling` like the rest.
   */
  asyncScaling?: { burst: number; perMs: number } | null;
  keepAlive: KeepAliveSpec;
  routing: RoutingPolicy;
  asyncRetry: AsyncRetrySpec;
  /**
   * How long a sync request that finds no capacity (a cap or the scaling rate blocks a new instance)
   * waits in its function's FIFO queue for capacity before it is rejected (429). 0 or absent: it is
   * rejected at once (Lambda). Cloud Run: up to max(3.5 × average startup, 10 s).
   */
  queueTimeoutMs?: number;
  /**
   * Azure Premium's pre-warmed buffer: while a function has work in flight, this many of its
   * on-demand instances are kept with nothing in flight (ready, or starting), replaced as soon as a
   * request takes one, within the instance caps. Absent or 0: none.
   */
  prewarmed?: number;
  /**
   * An instance's memory (its function's memoryMb) is shared by the requests in flight on it: a
   * request goes to an instance only while the memory they hold (memory_used_mb, else
   * FunctionSpec.requestMemoryMb) fits next to its own, or to an instance with nothing in flight.
   * Absent or false: only perInstanceConcurrency limits them.
   */
  instanceMemoryShared?: boolean;
  /**
   * With instanceMemoryShared: each request's memory is its whole process's (the instance's), as a
   * trace of sampled process memory gives it (TraceInfo.memoryIs 'process'), not its own share. An
   * instance then holds the largest of its requests' in flight, not their sum. Absent or false: the sum.
   */
  processMemory?: boolean;
  /**
   * Processor sharing (cpu-sharing.ts): the requests in flight on an instance share its vCPUs
   * (FunctionSpec.instanceVcpus), and a request's CPU-bound fraction of its run time (the trace's
   * cpu_ms over its run time, else `fraction`) slows to the share it gets. Absent: run times are as
   * given, however many requests share an instance.
   */
  cpuSharing?: { fraction: number };
}

export interface ModelSpec {
  platform: PlatformSpec;
  /** functions known before the trace starts (they get provisioned instances and pings from the start) */
  functions: FunctionSpec[];
  /** spec for a function first seen in the trace */
  functionDefaults: (name: string) => FunctionSpec;
  seed: number | string;
  /**
   * 'run' (absent): one random stream per purpose for the whole run, drawn in event order across all
   * functions. 'function': each function its own streams, forked from the seed and its
   * `FunctionSpec.streamIndex`, so its draws do not depend on the other functions' traffic (what lets
   * a simulate be split by function and merged exactly, run/shard.ts).
   */
  rngStreams?: 'run' | 'function';
  /** epoch ms of model time 0, for cron schedules (0 when the trace's times are not epoch times) */
  epochOffsetMs: number;
}

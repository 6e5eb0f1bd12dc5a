/** Builders for hand-made model specs and traces in tests. */
import { makeSampler } from '../../src/model/distribution.js';
import type { KeepAliveSpec } from '../../src/model/keep-alive.js';
import { MetricsCollector } from '../../src/metrics/metrics.js';
import { Platform } from '../../src/model/platform.js';
import type { FunctionSpec, ModelSpec, PingSpec, PlatformSpec } from '../../src/model/spec.js';
import { ObserverFanOut, type PlatformObserver } from '../../src/model/observer.js';

export function fnSpec(over: Partial<FunctionSpec> = {}): FunctionSpec {
  return {
    name: 'f',
    memoryMb: 1024,
    reservedConcurrency: null,
    provisioned: 0,
    provisionedControl: null,
    pings: [],
    init: makeSampler({ kind: 'constant', ms: 100 }),
    duration: null,
    runTimeFactor: 1,
    ...over,
  };
}

export function platformSpec(over: Partial<PlatformSpec> = {}): PlatformSpec {
  return {
    perInstanceConcurrency: 1,
    concurrencyLimit: 1000,
    limitCounts: 'busy-instances',
    scaling: null,
    keepAlive: { kind: 'fixed', ms: 600_000 } as KeepAliveSpec,
    routing: 'most-recent',
    asyncRetry: { firstDelayMs: 1000, maxDelayMs: 300_000, maxEventAgeMs: 6 * 3_600_000 },
    ...over,
  };
}

export interface Req {
  t: number;
  run: number;
  fn?: string;
  init?: number;
  async?: boolean;
  /** memory_used_mb of the request (absent: NaN, not in the trace) */
  mem?: number;
}

/** Runs requests through a platform and returns the metrics collector (and any extra observers fed). */
export function runModel(
  reqs: Req[],
  opts: {
    platform?: Partial<PlatformSpec>;
    fn?: Partial<FunctionSpec>;
    fns?: FunctionSpec[];
    endMs?: number;
    seed?: number;
    observers?: PlatformObserver[];
  } = {},
): { metrics: MetricsCollector; platform: Platform } {
  const functions = opts.fns ?? [fnSpec(opts.fn)];
  const spec: ModelSpec = {
    platform: platformSpec(opts.platform),
    functions,
    functionDefaults: (name) => fnSpec({ ...opts.fn, name }),
    seed: opts.seed ?? 1,
    epochOffsetMs: 0,
  };
  let platform: Platform | undefined;
  const metrics = new MetricsCollector((i) => platform!.functionSpec(i).memoryMb);
  platform = new Platform(spec, new ObserverFanOut([metrics, ...(opts.observers ?? [])]));
  for (const r of reqs) {
    platform.arrive(
      platform.functionIndex(r.fn ?? functions[0]!.name),
      r.t,
      r.run,
      r.init ?? NaN,
      r.async ?? false,
      r.mem ?? NaN,
    );
  }
  platform.finish(opts.endMs ?? (reqs.length ? reqs[reqs.length - 1]!.t : 0));
  return { metrics, platform };
}

/** A rate ping schedule: every `intervalMs`, `concurrency` pings of `durationMs`, first at window start + phase. */
export function pingEvery(intervalMs: number, over: Partial<PingSpec> = {}): PingSpec {
  return {
    name: 'pings',
    schedule: { kind: 'rate', intervalMs, text: `${intervalMs}ms` },
    concurrency: 1,
    durationMs: 25,
    phaseMs: 0,
    style: 'fan-out',
    chainLagMs: 10,
    ...over,
  };
}

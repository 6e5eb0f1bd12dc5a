/** Azure Functions Consumption: the platform model's defaults, each from the price sheet. */
import { cite } from '../shared/cite.js';
import { fmtMb } from '../shared/sizes.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import {
  ASYNC_RETRY_FIGURES,
  INSTANCE_LIMIT_FIGURES,
  KEEP_ALIVE_RANGE_FIGURES,
  asyncRetryOf,
  fixedWait,
  keepAliveRange,
} from '../shared/platform-figures.js';
import type { PlatformDefaults, ProviderSettings } from '../types.js';
import type { AzureConsumptionSheet } from './sheet.js';

export function consumptionDefaults(
  sheet: AzureConsumptionSheet,
  settings: ProviderSettings,
): PlatformDefaults {
  const p = sheet.platform;
  const b = sheet.billing;
  const instanceMb = p.instanceMemoryMb.value;
  // a trace of process memory (TraceInfo.memoryIs) gives each execution its whole process's memory
  const process = settings.memoryIs === 'process';
  const held = process ? 'the largest of them' : 'summed';
  return {
    perInstanceConcurrency: p.perInstanceConcurrency.value,
    // host.json's maxConcurrentRequests can be set to any number
    maxPerInstanceConcurrency: Number.MAX_SAFE_INTEGER,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    maxInstancesPerFunction: p.maxInstances.value,
    maxInstancesLimit: p.maxInstances.value,
    scaling: { burst: 1, perMs: 1 / p.scaleOutIntervalMs.value },
    asyncScaling: { burst: 1, perMs: 1 / p.scaleOutIntervalOtherMs.value },
    syncQueue: fixedWait(p),
    keepAlive: keepAliveRange(p),
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: p.memoryMinMb.value,
    memoryMaxMb: p.memoryMaxMb.value,
    provisionedSupported: false,
    memoryIsObserved: true,
    sharesInstanceMemory: true,
    // 'limited to 1.5 GB of memory and one CPU': the requests in flight on an instance share one CPU
    instanceVcpus: () => p.instanceVcpus.value,
    mapMemory: () => ({
      memoryMb: instanceMb,
      note: `every instance has ${fmtMb(instanceMb)}; billing uses observed memory`,
    }),
    memoryBasis: `observed memory per execution (trace memory_used_mb, else --observed-memory, else --memory); an instance bills the memory of its executions in flight, ${held}, rounded up to ${b.memoryStepMb.value} MB within ${b.memoryMinMb.value}..${b.memoryMaxMb.value} MB`,
    initBilling: 'INIT not billed: only execution time is (faasim reads the meter so)',
    provenance: [
      // the size bears on every bill (observed memory is capped at it); the cap only while it is the default
      cite(`instances of ${fmtMb(instanceMb)}`, p.instanceMemoryMb),
      process
        ? `the ${fmtMb(instanceMb)} of an instance hold one process: the trace's memory_used_mb is that process's memory, so an execution goes to an instance only where the largest in flight, its own included, fits`
        : `the ${fmtMb(instanceMb)} of an instance are shared by the executions in flight on it: an execution (memory_used_mb, else the observed memory setting) goes to an instance only where it fits`,
      dependent(
        'default:max-instances',
        cite(`at most ${p.maxInstances.value} instances per function app`, p.maxInstances),
      ),
      dependent(
        'default:per-instance-concurrency',
        cite(
          `${p.perInstanceConcurrency.value} HTTP executions at once per instance`,
          p.perInstanceConcurrency,
        ),
      ),
      cite(
        `scale-out: at most one new instance every ${p.scaleOutIntervalMs.value / 1000} s for HTTP (sync) requests`,
        p.scaleOutIntervalMs,
      ),
      dependent(
        'async',
        cite(
          `scale-out: at most one new instance every ${p.scaleOutIntervalOtherMs.value / 1000} s for other triggers (async requests)`,
          p.scaleOutIntervalOtherMs,
        ),
      ),
      cite(
        `requests beyond capacity wait up to ${p.httpWaitMs.value / 1000} s for an instance, then fail`,
        p.httpWaitMs,
      ),
      dependent(
        'default:keep-alive',
        cite(
          `idle instances live ${p.keepAliveMinMs.value / 60000}..${p.keepAliveMaxMs.value / 60000} min`,
          p.keepAliveMinMs,
        ),
      ),
      dependent(
        'async',
        cite(
          `throttled queue work retried from ${p.asyncFirstRetryMs.value / 1000} s doubling to ${p.asyncMaxRetryMs.value / 1000} s for up to ${p.asyncMaxEventAgeMs.value / 86_400_000} days`,
          p.asyncMaxEventAgeMs,
        ),
      ),
      dependent(
        'default:apps',
        'each function in the trace is its own function app (no app column in the trace, no apps in the scenario): instances are not shared between functions',
      ),
    ],
    figureDependencies: {
      ...KEEP_ALIVE_RANGE_FIGURES,
      ...ASYNC_RETRY_FIGURES,
      ...INSTANCE_LIMIT_FIGURES,
      ...figuresDependingOn('async', ['platform.scaleOutIntervalOtherMs']),
    },
    scalesByApp: true,
    archSelectable: false,
  };
}

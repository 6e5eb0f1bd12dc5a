/** Cloudflare Workers: the platform model's defaults, each from the price sheet. */
import { makeSampler } from '../../model/distribution.js';
import { cite } from '../shared/cite.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import { ASYNC_RETRY_FIGURES, asyncRetryOf } from '../shared/platform-figures.js';
import type { InitModel, PlatformDefaults } from '../types.js';
import type { CloudflareSheet } from './sheet.js';

export function workersDefaults(sheet: CloudflareSheet): PlatformDefaults {
  const p = sheet.platform;
  const mb = p.isolateMemoryMb.value;
  return {
    perInstanceConcurrency: p.perIsolateConcurrency.value,
    maxPerInstanceConcurrency: p.perIsolateConcurrency.value,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    scaling: null,
    keepAlive: { kind: 'forever' },
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: mb,
    memoryMaxMb: mb,
    mapMemory: (requested) => ({
      memoryMb: mb,
      note: requested === mb ? null : `every isolate has ${mb} MB; memory is not billed`,
    }),
    provisionedSupported: false,
    memoryBasis:
      'requests and CPU time per request (trace cpu_ms, else --cpu-fraction × run time), beyond the monthly included amounts; memory and wall time are not billed',
    initBilling:
      'isolate start not billed as duration (whether startup CPU counts as CPU time is unconfirmed)',
    provenance: [
      cite(`isolates start in under ${p.isolateStartMaxMs.value} ms`, p.isolateStartMaxMs),
      dependent(
        'default:keep-alive',
        cite(
          `${p.warmRequestShare.value * 100} % of requests warm; faasim keeps isolates alive`,
          p.warmRequestShare,
        ),
      ),
      dependent('default:max-instances', 'faasim puts no limit on the number of isolates'),
      cite(`CPU limit ${p.cpuLimitMs.value / 1000} s per request by default (not enforced)`, p.cpuLimitMs),
    ],
    figureDependencies: {
      ...ASYNC_RETRY_FIGURES,
      ...figuresDependingOn('default:keep-alive', ['platform.warmRequestShare']),
      ...figuresDependingOn('default:per-instance-concurrency', ['platform.perIsolateConcurrency']),
    },
    archSelectable: false,
  };
}

export function workersInitModel(sheet: CloudflareSheet): InitModel {
  const max = sheet.platform.isolateStartMaxMs.value;
  return {
    sampler: makeSampler({ kind: 'uniform', minMs: 0, maxMs: max }),
    description: `uniform 0..${max} ms: isolates start "in under ${max} milliseconds" (Cloudflare, ${sheet.platform.isolateStartMaxMs.effective}, ${sheet.platform.isolateStartMaxMs.source})`,
  };
}

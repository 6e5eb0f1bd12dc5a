/** Google Cloud Functions (1st gen): the platform model's defaults, each from the price sheet. */
import { cite } from '../shared/cite.js';
import { fmtMb, sizeFor } from '../shared/sizes.js';
import { dependent } from '../dependencies.js';
import {
  ASYNC_RETRY_FIGURES,
  INSTANCE_LIMIT_FIGURES,
  KEEP_ALIVE_RANGE_FIGURES,
  asyncRetryOf,
  fixedWait,
  keepAliveRange,
} from '../shared/platform-figures.js';
import type { PlatformDefaults } from '../types.js';
import { ghzOf, type GcfGen1Sheet } from './sheet.js';

export function gcfGen1Defaults(sheet: GcfGen1Sheet): PlatformDefaults {
  const p = sheet.platform;
  const sizes = sheet.memorySizes.map((s) => s.memoryMb.value);
  return {
    perInstanceConcurrency: p.perInstanceConcurrency.value,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    maxInstancesPerFunction: p.maxInstances.value,
    scaling: null,
    syncQueue: fixedWait(p),
    keepAlive: keepAliveRange(p),
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: Math.min(...sizes),
    memoryMaxMb: Math.max(...sizes),
    mapMemory: (mb) => sizeFor(sizes, mb, (m) => `${fmtMb(m)} (${ghzOf(sheet, m)} GHz)`),
    provisionedName: 'minimum instances',
    memoryBasis: `configured memory and its CPU clock (GB-s and GHz-s), per invocation rounded up to ${sheet.billing.computeStepMs.value} ms`,
    initBilling:
      'INIT not billed: compute time runs from receiving the request (billing of global-scope init is unconfirmed)',
    provenance: [
      dependent(
        'default:per-instance-concurrency',
        cite(`${p.perInstanceConcurrency.value} request per instance`, p.perInstanceConcurrency),
      ),
      dependent(
        'default:max-instances',
        cite(`at most ${p.maxInstances.value} instances per function`, p.maxInstances),
      ),
      cite(
        `HTTP requests at the maximum instances wait up to ${p.httpWaitMs.value / 1000} s, then 429`,
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
          `throttled events retried from ${p.asyncFirstRetryMs.value / 1000} s doubling to ${p.asyncMaxRetryMs.value / 1000} s for up to ${p.asyncMaxEventAgeMs.value / 86_400_000} days`,
          p.asyncMaxEventAgeMs,
        ),
      ),
    ],
    figureDependencies: {
      ...KEEP_ALIVE_RANGE_FIGURES,
      ...ASYNC_RETRY_FIGURES,
      ...INSTANCE_LIMIT_FIGURES,
    },
    archSelectable: false,
  };
}

/** Azure Functions Premium: the platform model's defaults, each from the price sheet. */
import { cite } from '../shared/cite.js';
import { fmtMb, sizeFor } from '../shared/sizes.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import {
  ASYNC_RETRY_FIGURES,
  INSTANCE_LIMIT_FIGURES,
  KEEP_ALIVE_RANGE_FIGURES,
  asyncRetryOf,
  fixedWait,
  keepAliveRange,
} from '../shared/platform-figures.js';
import type { PlatformDefaults } from '../types.js';
import { skuOf, type AzurePremiumSheet } from './sheet.js';

export function premiumDefaults(sheet: AzurePremiumSheet): PlatformDefaults {
  const p = sheet.platform;
  const sizes = Object.values(sheet.skus).map((s) => s.memoryMb.value);
  const mapMemory = (mb: number): { memoryMb: number; note: string | null } => {
    const m = sizeFor(sizes, mb, (x) => {
      const sku = skuOf(sheet, x);
      return `${sku.name} (${sku.vcpu} vCPU, ${fmtMb(x)})`;
    });
    return m.note === null ? { memoryMb: m.memoryMb, note: `${skuOf(sheet, m.memoryMb).name}` } : m;
  };
  const min = sheet.billing.alwaysReadyDefault;
  return {
    perInstanceConcurrency: p.perInstanceConcurrency.value,
    maxPerInstanceConcurrency: Number.MAX_SAFE_INTEGER,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    maxInstancesPerFunction: p.maxInstances.value,
    maxInstancesLimit: p.maxInstances.value,
    scaling: { burst: 1, perMs: 1 / p.scaleOutIntervalMs.value },
    syncQueue: fixedWait(p),
    keepAlive: keepAliveRange(p),
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: Math.min(...sizes),
    memoryMaxMb: Math.max(...sizes),
    mapMemory,
    sharesInstanceMemory: true,
    instanceVcpus: (mb) => skuOf(sheet, mb).vcpu,
    minProvisioned: min.value,
    minProvisionedWhy: cite(`at least ${min.value} always-ready instance per function`, min),
    prewarmed: { default: p.prewarmedDefault.value, max: p.maxInstances.value },
    provisionedName: 'always-ready instances',
    memoryBasis:
      "each instance's vCPUs and memory for as long as it exists (EP1–EP3), at least one instance; no per-execution charge",
    initBilling: 'INIT billed as instance time (an instance is billed from its creation)',
    provenance: [
      dependent(
        'default:per-instance-concurrency',
        cite(
          `${p.perInstanceConcurrency.value} HTTP executions at once per instance`,
          p.perInstanceConcurrency,
        ),
      ),
      dependent(
        'default:min-provisioned',
        cite(`at least ${min.value} always-ready instance per function`, min),
      ),
      dependent(
        'default:max-instances',
        cite(`at most ${p.maxInstances.value} instances per function`, p.maxInstances),
      ),
      dependent(
        'memory-used',
        "an instance's memory (EP1–EP3) is shared by the executions in flight on it: one with memory_used_mb goes to an instance only where it fits",
      ),
      cite(
        `scale-out: at most one new instance every ${p.scaleOutIntervalMs.value / 1000} s`,
        p.scaleOutIntervalMs,
      ),
      dependent(
        'default:prewarmed',
        cite(
          `while a function has work in flight, ${p.prewarmedDefault.value} pre-warmed instance${p.prewarmedDefault.value === 1 ? ' is' : 's are'} kept with nothing in flight by default (--prewarmed), replaced at once when a request takes one, and billed`,
          p.prewarmedDefault,
        ),
      ),
      cite(
        `requests beyond capacity wait up to ${p.httpWaitMs.value / 1000} s for an instance, then fail`,
        p.httpWaitMs,
      ),
      dependent(
        'default:keep-alive',
        cite(
          `scaled-out instances live ${p.keepAliveMinMs.value / 60000}..${p.keepAliveMaxMs.value / 60000} min idle`,
          p.keepAliveMinMs,
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
      ...figuresDependingOn('default:min-provisioned', ['billing.alwaysReadyDefault']),
    },
    scalesByApp: true,
    archSelectable: false,
  };
}

/** Google Cloud Run: the platform model's defaults, each from the price sheet. */
import { inputError } from '../../errors.js';
import { cite } from '../shared/cite.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import { ASYNC_RETRY_FIGURES, asyncRetryOf } from '../shared/platform-figures.js';
import { fmtMb, sizeFor } from '../shared/sizes.js';
import type { PlatformDefaults, ProviderSettings } from '../types.js';
import { vcpuOf, type BillingMode, type CloudRunSheet } from './sheet.js';

export function billingModeOf(settings: ProviderSettings): BillingMode {
  const m = settings.billingMode ?? 'request';
  if (m !== 'request' && m !== 'instance')
    throw inputError(
      'BAD_BILLING_MODE',
      `--billing "${m}": Cloud Run bills "request" (request-based, the default) or "instance" (instance-based)`,
    );
  return m;
}

export function cloudRunDefaults(sheet: CloudRunSheet, settings: ProviderSettings): PlatformDefaults {
  const p = sheet.platform;
  const sizes = sheet.memorySizes.map((s) => s.memoryMb.value);
  const mapMemory = (mb: number): { memoryMb: number; note: string | null } =>
    sizeFor(sizes, mb, (m) => `${fmtMb(m)} with ${vcpuOf(sheet, m)} vCPU`);
  const memoryMb = mapMemory(settings.memoryMb ?? 256).memoryMb;
  const vcpu = vcpuOf(sheet, memoryMb);
  const subVcpu = vcpu < 1;
  const mode = billingModeOf(settings);
  if (mode === 'instance' && subVcpu) {
    throw inputError(
      'BAD_BILLING_MODE',
      `Cloud Run instance-based billing needs at least 1 vCPU; ${fmtMb(memoryMb)} comes with ${vcpu} vCPU (use --memory 2048 or more)`,
    );
  }
  const concurrency = subVcpu ? p.subVcpuConcurrency : p.defaultConcurrency;
  return {
    perInstanceConcurrency: concurrency.value,
    maxPerInstanceConcurrency: subVcpu ? p.subVcpuConcurrency.value : p.maxConcurrency.value,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    maxInstancesPerFunction: p.maxInstances.value,
    scaling: null,
    syncQueue: { minMs: p.queueMinMs.value, initMultiple: p.queueStartupMultiple.value },
    keepAlive: { kind: 'fixed', ms: p.keepAliveMs.value },
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: Math.min(...sizes),
    memoryMaxMb: Math.max(...sizes),
    mapMemory,
    sharesInstanceMemory: true,
    instanceVcpus: (mb) => vcpuOf(sheet, mb),
    provisionedName: 'minimum instances',
    memoryBasis:
      mode === 'request'
        ? `vCPU and memory of each instance while at least one request is in flight or it starts (the union per instance, rounded up to ${sheet.billing.stepMs.value} ms), plus requests`
        : 'vCPU and memory of each instance for its whole life (instance-based billing), no request charge',
    initBilling: 'startup billed as instance time (request-based billing charges instances when they start)',
    provenance: [
      dependent(
        'default:per-instance-concurrency',
        cite(
          `${concurrency.value} request${concurrency.value > 1 ? 's' : ''} at once per instance (${vcpu} vCPU)`,
          concurrency,
        ),
      ),
      dependent(
        'default:max-instances',
        cite(`at most ${p.maxInstances.value} instances per function`, p.maxInstances),
      ),
      dependent(
        'memory-used',
        `the container's ${fmtMb(memoryMb)} are shared by the requests in flight on an instance: one with memory_used_mb goes to an instance only where it fits`,
      ),
      cite(
        `over the maximum, requests wait up to max(${p.queueStartupMultiple.value} × mean startup, ${p.queueMinMs.value / 1000} s), then 429`,
        p.queueMinMs,
      ),
      dependent(
        'default:keep-alive',
        cite(`idle instances live ${p.keepAliveMs.value / 60000} min`, p.keepAliveMs),
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
      ...ASYNC_RETRY_FIGURES,
      ...figuresDependingOn('default:keep-alive', ['platform.keepAliveMs']),
      ...figuresDependingOn('default:max-instances', ['platform.maxInstances']),
      ...figuresDependingOn('default:per-instance-concurrency', [
        subVcpu ? 'platform.subVcpuConcurrency' : 'platform.defaultConcurrency',
      ]),
    },
    archSelectable: false,
  };
}

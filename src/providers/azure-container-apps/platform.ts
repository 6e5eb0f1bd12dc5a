/**
 * Azure Container Apps (Consumption plan): the platform model's defaults, each from the price sheet.
 * A replica is an instance that serves up to the HTTP scale rule's concurrent requests at once;
 * replicas above the minimum are removed after the cool-down period (a fixed keep-alive); minimum
 * replicas are the model's provisioned instances; a new replica's start is its INIT, during which
 * the ingress holds the request.
 */
import { makeSampler } from '../../model/distribution.js';
import { cite } from '../shared/cite.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import { ASYNC_RETRY_FIGURES, asyncRetryOf } from '../shared/platform-figures.js';
import { fmtMb, sizeFor } from '../shared/sizes.js';
import type { InitModel, PlatformDefaults } from '../types.js';
import { replicaSizesMb, vcpuOfReplica, type ContainerAppsSheet } from './sheet.js';

export function containerAppsDefaults(sheet: ContainerAppsSheet): PlatformDefaults {
  const p = sheet.platform;
  const sizes = replicaSizesMb(sheet);
  const mapMemory = (mb: number): { memoryMb: number; note: string | null } =>
    sizeFor(sizes, mb, (m) => `${vcpuOfReplica(sheet, m)} vCPU with ${fmtMb(m)}`);
  return {
    perInstanceConcurrency: p.defaultConcurrency.value,
    maxPerInstanceConcurrency: Number.MAX_SAFE_INTEGER,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    maxInstancesPerFunction: p.maxReplicasDefault.value,
    maxInstancesLimit: p.maxReplicasLimit.value,
    scaling: null,
    syncQueue: { minMs: p.ingressTimeoutMs.value, initMultiple: 0 },
    keepAlive: { kind: 'fixed', ms: p.cooldownMs.value },
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: Math.min(...sizes),
    memoryMaxMb: Math.max(...sizes),
    mapMemory,
    instanceVcpus: (mb) => vcpuOfReplica(sheet, mb),
    provisionedName: 'minimum replicas',
    memoryBasis:
      'vCPU and memory allocated to each replica while it runs (active rate; idle rate for minimum replicas with nothing in flight while the revision is at its minimum), plus requests',
    initBilling: 'replica start billed at the active rate (a replica is billed while it runs)',
    provenance: [
      dependent(
        'default:per-instance-concurrency',
        cite(
          `HTTP scale rule: ${p.defaultConcurrency.value} concurrent requests per replica`,
          p.defaultConcurrency,
        ),
      ),
      dependent(
        'default:max-instances',
        cite(`at most ${p.maxReplicasDefault.value} replicas per app`, p.maxReplicasDefault),
      ),
      dependent(
        'default:keep-alive',
        cite(
          `replicas above the minimum are removed after a cool-down of ${p.cooldownMs.value / 60000} min without requests`,
          p.cooldownMs,
        ),
      ),
      cite(
        `a new replica takes ${p.replicaStartMs.value / 1000} s to start (median measured scale-from-zero first request)`,
        p.replicaStartMs,
      ),
      cite(
        `over the maximum replicas, requests wait at the ingress up to ${p.ingressTimeoutMs.value / 1000} s, then fail`,
        p.ingressTimeoutMs,
      ),
      'each function in the trace is modelled as its own container app (one revision): replicas are not shared between functions',
      dependent(
        'async',
        cite(
          'queued events retried as the function platforms do (Container Apps has no async invocation of its own)',
          p.asyncFirstRetryMs,
        ),
      ),
    ],
    figureDependencies: {
      ...ASYNC_RETRY_FIGURES,
      ...figuresDependingOn('default:keep-alive', ['platform.cooldownMs']),
      ...figuresDependingOn('default:max-instances', ['platform.maxReplicasDefault']),
      ...figuresDependingOn('default:per-instance-concurrency', ['platform.defaultConcurrency']),
    },
    archSelectable: false,
  };
}

export function containerAppsInitModel(sheet: ContainerAppsSheet): InitModel {
  const f = sheet.platform.replicaStartMs;
  return {
    sampler: makeSampler({ kind: 'constant', ms: f.value }),
    description: `${f.value / 1000} s per new replica: median cold first request after scale to zero (${f.source}, ${f.effective})`,
  };
}

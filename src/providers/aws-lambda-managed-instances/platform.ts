/**
 * AWS Lambda Managed Instances: the platform model's defaults, each from the price sheet. The
 * model's instance is one EC2 instance: its execution environments together take
 * (instance vCPUs × requests per vCPU) requests at once. The capacity provider's minimum instances
 * (three) are the model's provisioned instances; more are added when those are full, taking the
 * sheet's scale-out time (the platform scales on CPU and concurrency signals, not per request, and
 * has no cold starts: a request that finds no room waits for the new instance here, where the
 * platform would throttle some); instances above the minimum are removed some time after their last
 * request.
 */
import { makeSampler } from '../../model/distribution.js';
import { cite } from '../shared/cite.js';
import { languageOf } from '../shared/coldstarts.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import { ASYNC_RETRY_FIGURES, asyncRetryOf } from '../shared/platform-figures.js';
import { fmtMb, sizeFor } from '../shared/sizes.js';
import type { InitModel, PlatformDefaults, ProviderSettings } from '../types.js';
import type { ManagedInstancesSheet } from './sheet.js';

/** Requests per vCPU for the run's runtime language (javascript's when the sheet has none for it). */
function perVcpu(
  sheet: ManagedInstancesSheet,
  runtime: string,
): { language: string; figure: ManagedInstancesSheet['platform']['concurrencyPerVcpu'][string] } {
  const table = sheet.platform.concurrencyPerVcpu;
  const lang = languageOf(runtime);
  const f = table[lang];
  return f
    ? { language: lang, figure: f }
    : { language: 'javascript', figure: table['javascript'] as NonNullable<typeof f> };
}

export function managedInstancesDefaults(
  sheet: ManagedInstancesSheet,
  settings: ProviderSettings,
): PlatformDefaults {
  const p = sheet.platform;
  const inst = sheet.instance;
  const { language, figure } = perVcpu(sheet, settings.runtime);
  const concurrency = inst.vcpu.value * figure.value;
  // an environment has at least 1 vCPU at 2 GiB per vCPU, at most the instance's memory
  const step = p.memoryMbPerVcpu.value;
  const sizes: number[] = [];
  for (let mb = step; mb <= inst.memoryMb.value; mb += step) sizes.push(mb);
  const mapMemory = (mb: number): { memoryMb: number; note: string | null } =>
    sizeFor(sizes, mb, (m) => `an environment of ${fmtMb(m)} with ${m / step} vCPU`);
  return {
    perInstanceConcurrency: concurrency,
    maxPerInstanceConcurrency: Number.MAX_SAFE_INTEGER,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    maxInstancesPerFunction: p.maxInstancesDefault.value,
    scaling: null,
    syncQueue: { minMs: p.queueWaitMs.value, initMultiple: 0 },
    keepAlive: { kind: 'fixed', ms: p.scaleInAfterMs.value },
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: Math.min(...sizes),
    memoryMaxMb: Math.max(...sizes),
    mapMemory,
    minProvisioned: p.minInstances.value,
    minProvisionedWhy: cite(
      `${p.minInstances.value} instances run at least, for AZ resiliency`,
      p.minInstances,
    ),
    provisionedName: 'minimum instances',
    memoryBasis: `each ${inst.name} instance for as long as it runs (EC2 on-demand price plus the management fee), plus requests; no duration charge`,
    initBilling: 'an instance is billed from its launch',
    provenance: [
      dependent(
        'default:per-instance-concurrency',
        cite(
          `an ${inst.name} (${inst.vcpu.value} vCPU) takes ${concurrency} requests at once: ${figure.value} per vCPU for ${language}`,
          figure,
        ),
      ),
      dependent(
        'default:min-provisioned',
        cite(`${p.minInstances.value} instances run at least, for AZ resiliency`, p.minInstances),
      ),
      dependent(
        'default:max-instances',
        cite(`at most ${p.maxInstancesDefault.value} instances`, p.maxInstancesDefault),
      ),
      cite(
        `a new instance takes ${p.scaleOutMs.value / 60000} min to add (scaling is asynchronous; requests wait for it here, the platform would throttle some)`,
        p.scaleOutMs,
      ),
      dependent(
        'default:keep-alive',
        cite(
          `instances above the minimum are removed ${p.scaleInAfterMs.value / 60000} min after their last request`,
          p.scaleInAfterMs,
        ),
      ),
      cite(
        `requests over the maximum wait up to ${p.queueWaitMs.value / 60000} min, then fail`,
        p.queueWaitMs,
      ),
      'each function in the trace is modelled with its own capacity provider: instances are not shared between functions',
      dependent('async', cite('async events retried as standard Lambda retries them', p.asyncFirstRetryMs)),
    ],
    figureDependencies: {
      ...ASYNC_RETRY_FIGURES,
      ...figuresDependingOn('default:keep-alive', ['platform.scaleInAfterMs']),
      ...figuresDependingOn('default:max-instances', ['platform.maxInstancesDefault']),
      ...figuresDependingOn('default:min-provisioned', ['platform.minInstances']),
      ...figuresDependingOn(
        'default:per-instance-concurrency',
        Object.keys(p.concurrencyPerVcpu).map((k) => `platform.concurrencyPerVcpu.${k}`),
      ),
      ...figuresDependingOn(
        'not-chosen',
        Object.keys(p.concurrencyPerVcpu)
          .filter((k) => k !== language)
          .map((k) => `platform.concurrencyPerVcpu.${k}`),
      ),
    },
    archSelectable: false,
  };
}

export function managedInstancesInitModel(sheet: ManagedInstancesSheet): InitModel {
  const f = sheet.platform.scaleOutMs;
  return {
    sampler: makeSampler({ kind: 'constant', ms: f.value }),
    description: `${f.value / 60000} min per instance added above the minimum (faasim's reading of the scaling page, ${f.source})`,
  };
}

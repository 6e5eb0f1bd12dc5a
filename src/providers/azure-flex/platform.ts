/** Azure Functions Flex Consumption: the platform model's defaults, each from the price sheet. */
import { cite } from '../shared/cite.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import {
  ASYNC_RETRY_FIGURES,
  KEEP_ALIVE_RANGE_FIGURES,
  asyncRetryOf,
  fixedWait,
  keepAliveRange,
} from '../shared/platform-figures.js';
import { languageOf } from '../shared/coldstarts.js';
import { fmtMb, sizeFor } from '../shared/sizes.js';
import type { PlatformDefaults, ProviderSettings } from '../types.js';
import type { AzureFlexSheet } from './sheet.js';
import { settingOf } from '../option-spec.js';
import { ALWAYS_READY } from './options.js';
import { flexScaleGroup } from './scale-groups.js';

export function flexSizes(sheet: AzureFlexSheet): number[] {
  return sheet.platform.instanceSizes.map((s) => s.memoryMb.value);
}

export function flexDefaults(sheet: AzureFlexSheet, settings: ProviderSettings): PlatformDefaults {
  const p = sheet.platform;
  const sizes = flexSizes(sheet);
  const mapMemory = (mb: number): { memoryMb: number; note: string | null } =>
    sizeFor(sizes, mb, (m) => `${fmtMb(m)} instances`);
  const instanceMb = mapMemory(settings.memoryMb ?? 2048).memoryMb;
  const size = p.instanceSizes.find((s) => s.memoryMb.value === instanceMb) ?? p.instanceSizes[0]!;
  const python = languageOf(settings.runtime) === 'python';
  const concurrency = python ? p.pythonPerInstanceConcurrency : size.perInstanceConcurrency;
  const b = sheet.billing;
  const alwaysReady = settingOf<Record<string, number>>(settings, ALWAYS_READY);
  return {
    perInstanceConcurrency: concurrency.value,
    maxPerInstanceConcurrency: Number.MAX_SAFE_INTEGER,
    concurrencyLimit: Infinity,
    limitCounts: 'alive-instances',
    maxInstancesPerFunction: p.maxInstances.value,
    maxInstancesLimit: p.maxInstances.value,
    scaling: null,
    syncQueue: fixedWait(p),
    keepAlive: keepAliveRange(p),
    asyncRetry: asyncRetryOf(p),
    memoryMinMb: Math.min(...sizes),
    memoryMaxMb: Math.max(...sizes),
    mapMemory,
    sharesInstanceMemory: true,
    // the size's typical core allocation (Microsoft: initial instances may get slightly different ones)
    instanceVcpus: (mb) => (p.instanceSizes.find((s) => s.memoryMb.value === mb) ?? size).vcpus.value,
    provisionedName: 'always-ready instances',
    memoryBasis: `instance memory (${sizes.map(fmtMb).join(', ')}) × active instance time, each busy period at least ${b.minPeriodMs.value / 1000} s, then rounded up to ${b.periodStepMs.value} ms`,
    initBilling:
      'INIT not billed: an active period starts when the instance is ready (faasim reads "actively executing" so)',
    provenance: [
      dependent(
        'default:per-instance-concurrency',
        cite(
          `${concurrency.value} HTTP executions at once per ${fmtMb(instanceMb)} instance${python ? ' (Python apps)' : ''}`,
          concurrency,
        ),
      ),
      dependent(
        'default:max-instances',
        cite(`at most ${p.maxInstances.value} instances per function`, p.maxInstances),
      ),
      dependent(
        'memory-used',
        `the ${fmtMb(instanceMb)} of an instance are shared by the executions in flight on it: one with memory_used_mb goes to an instance only where it fits`,
      ),
      'no scale-out rate limit modelled',
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
        'default:apps',
        'each function in the trace is modelled as its own function group: instances are not shared between functions',
      ),
    ],
    figureDependencies: {
      ...KEEP_ALIVE_RANGE_FIGURES,
      ...ASYNC_RETRY_FIGURES,
      ...figuresDependingOn('default:max-instances', ['platform.maxInstances']),
      // the figure of the run's instance size (or of Python apps) is the default; the others are not chosen
      ...figuresDependingOn('not-chosen', [
        ...p.instanceSizes.map((_s, i) => `platform.instanceSizes.${i}.perInstanceConcurrency`),
        'platform.pythonPerInstanceConcurrency',
      ]),
      ...figuresDependingOn('default:per-instance-concurrency', [
        python
          ? 'platform.pythonPerInstanceConcurrency'
          : `platform.instanceSizes.${p.instanceSizes.indexOf(size)}.perInstanceConcurrency`,
      ]),
    },
    archSelectable: false,
    scaleGroupOf: flexScaleGroup,
    ...(alwaysReady !== undefined ? { alwaysReadyByGroup: new Map(Object.entries(alwaysReady)) } : {}),
  };
}

/**
 * Lambda@Edge's platform: AWS Lambda's (shared/lambda-platform.ts) within the limits of the
 * CloudFront trigger: memory and timeout per trigger, x86_64 only, no provisioned concurrency, and
 * no more than the included 512 MB of ephemeral storage.
 */
import { inputError } from '../../errors.js';
import { figuresDependingOn } from '../dependencies.js';
import { cite } from '../shared/cite.js';
import { lambdaCoreDefaults } from '../shared/lambda-platform.js';
import type { PlatformDefaults, ProviderSettings } from '../types.js';
import { triggerOf } from './options.js';
import type { LambdaEdgeSheet } from './sheet.js';

export function lambdaEdgeDefaults(sheet: LambdaEdgeSheet, settings: ProviderSettings): PlatformDefaults {
  const p = sheet.platform;
  const trigger = triggerOf(settings);
  const other = trigger === 'viewer' ? 'origin' : 'viewer';
  const maxMb = p[`${trigger}MemoryMaxMb`];
  const timeout = p[`${trigger}TimeoutMs`];
  const { provenance, figureDependencies, ...core } = lambdaCoreDefaults(p);
  return {
    ...core,
    memoryMinMb: p.memoryMinMb.value,
    memoryMaxMb: maxMb.value,
    maxRunMs: timeout.value,
    // viewer triggers have one size: a sweep's larger points, or --provider all at a larger --memory, run at it
    ...(p.memoryMinMb.value === maxMb.value
      ? {
          mapMemory: (mb: number) => ({
            memoryMb: maxMb.value,
            note: mb === maxMb.value ? null : `${trigger} triggers run at ${maxMb.value} MB`,
          }),
          onlySizeLimit: cite(`${trigger} triggers take ${maxMb.value} MB only`, maxMb),
        }
      : {}),
    ephemeralStorage: `${p.ephemeralStorageMaxMb.value} MB (the only size Lambda@Edge takes)`,
    provisionedSupported: false,
    provisionedName: 'provisioned concurrency',
    archSelectable: false,
    initBilling:
      settings.initBilling === 'current'
        ? `INIT billed as duration, as AWS Lambda bills it since ${sheet.billing.initBilledForAllSince.effective} (unconfirmed for Lambda@Edge)`
        : `INIT not billed (AWS Lambda's rule before ${sheet.billing.initBilledForAllSince.effective})`,
    memoryBasis: `configured memory (GB-s), per invocation rounded up to ${sheet.billing.durationGranularityMs.value} ms, x86_64 only`,
    provenance: [
      ...provenance,
      cite(
        `${trigger} triggers (--edge-trigger): memory ${p.memoryMinMb.value}..${maxMb.value.toLocaleString('en-US')} MB, timeout ${timeout.value / 1000} s`,
        maxMb,
      ),
      cite('x86_64 only; no provisioned concurrency; ephemeral storage 512 MB', p.ephemeralStorageMaxMb),
    ],
    figureDependencies: {
      ...figureDependencies,
      ...figuresDependingOn('not-chosen', [`platform.${other}MemoryMaxMb`, `platform.${other}TimeoutMs`]),
      ...figuresDependingOn('free-tier', ['billing.freeTier']),
    },
  };
}

/** Refuses what Lambda@Edge does not run: runtimes other than Node.js and Python, extra ephemeral storage. */
export function checkEdgeSettings(sheet: LambdaEdgeSheet, settings: ProviderSettings): void {
  const restrictions = sheet.platform.ephemeralStorageMaxMb.source;
  if (!/^(nodejs|python)/.test(settings.runtime)) {
    throw inputError(
      'UNSUPPORTED_RUNTIME',
      `Lambda@Edge runs Node.js and Python functions only, not ${settings.runtime} (${restrictions})`,
    );
  }
  const maxMb = sheet.platform.ephemeralStorageMaxMb.value;
  if (settings.ephemeralStorageMb > maxMb) {
    throw inputError(
      'EPHEMERAL_STORAGE',
      `Lambda@Edge functions have ${maxMb} MB of ephemeral storage, not ${settings.ephemeralStorageMb} MB (${restrictions})`,
    );
  }
}

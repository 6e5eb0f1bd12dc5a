/**
 * Platform defaults that several price sheets state with the same figures: keep-alive as a measured
 * range, the async retry policy, and the wait of a sync request for capacity; and what each of those
 * figures bears on a run through.
 */
import type { Figure } from '../../pricing/figure.js';
import type { KeepAliveSpec } from '../../model/keep-alive.js';
import type { AsyncRetrySpec } from '../../model/spec.js';
import { figuresDependingOn } from '../dependencies.js';

export function keepAliveRange(p: { keepAliveMinMs: Figure; keepAliveMaxMs: Figure }): KeepAliveSpec {
  return { kind: 'uniform', minMs: p.keepAliveMinMs.value, maxMs: p.keepAliveMaxMs.value };
}

/** The keep-alive range's figures are the default a --keep-alive replaces. */
export const KEEP_ALIVE_RANGE_FIGURES = figuresDependingOn('default:keep-alive', [
  'platform.keepAliveMinMs',
  'platform.keepAliveMaxMs',
]);

export function asyncRetryOf(p: {
  asyncFirstRetryMs: Figure;
  asyncMaxRetryMs: Figure;
  asyncMaxEventAgeMs: Figure;
}): AsyncRetrySpec {
  return {
    firstDelayMs: p.asyncFirstRetryMs.value,
    maxDelayMs: p.asyncMaxRetryMs.value,
    maxEventAgeMs: p.asyncMaxEventAgeMs.value,
  };
}

/** The async retry policy bears only on traces with async requests. */
export const ASYNC_RETRY_FIGURES = figuresDependingOn('async', [
  'platform.asyncFirstRetryMs',
  'platform.asyncMaxRetryMs',
  'platform.asyncMaxEventAgeMs',
]);

/** A platform's requests per instance and instances per function: the defaults --per-instance-concurrency and --max-instances replace. */
export const INSTANCE_LIMIT_FIGURES = {
  ...figuresDependingOn('default:per-instance-concurrency', ['platform.perInstanceConcurrency']),
  ...figuresDependingOn('default:max-instances', ['platform.maxInstances']),
};

/** A fixed wait for capacity (no multiple of the start-up time). */
export function fixedWait(p: { httpWaitMs: Figure }): { minMs: number; initMultiple: number } {
  return { minMs: p.httpWaitMs.value, initMultiple: 0 };
}

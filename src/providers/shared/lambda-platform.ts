/**
 * The platform model AWS Lambda and Lambda@Edge share (an edge function is a Lambda function
 * replicated to CloudFront's regions): one request per environment, the regional concurrency and
 * scaling rate, the measured keep-alive range and the async retry policy, each read from the
 * sheet's `platform` section (LAMBDA_PLATFORM_SHAPE) with its provenance line.
 */
import { FigureSchema } from '../../pricing/figure.js';
import { dependent, figuresDependingOn } from '../dependencies.js';
import type { Dependency, PlatformDefaults } from '../types.js';
import { ASYNC_RETRY_FIGURES, KEEP_ALIVE_RANGE_FIGURES } from './platform-figures.js';
import { ASYNC_RETRY_SHAPE, KEEP_ALIVE_SHAPE } from './sheet-schema.js';

/** The figures of a Lambda sheet's platform section that the shared defaults read. */
export const LAMBDA_PLATFORM_SHAPE = {
  perInstanceConcurrency: FigureSchema,
  accountConcurrency: FigureSchema,
  scalingBurst: FigureSchema,
  scalingWindowMs: FigureSchema,
  ...KEEP_ALIVE_SHAPE,
  ...ASYNC_RETRY_SHAPE,
};

type Fig = { value: number; source: string; effective: string; confirmed?: boolean | undefined };
type LambdaPlatformFigures = { [K in keyof typeof LAMBDA_PLATFORM_SHAPE]: Fig };

/** Lambda's provenance style: its unconfirmed platform figures are measurements AWS does not document. */
export function lambdaCite(what: string, f: Fig): string {
  return `${what} (${f.source}, ${f.effective}${f.confirmed === false ? ', measured, not documented' : ''})`;
}

export type LambdaCoreDefaults = Pick<
  PlatformDefaults,
  | 'perInstanceConcurrency'
  | 'concurrencyLimit'
  | 'limitCounts'
  | 'scaling'
  | 'keepAlive'
  | 'asyncRetry'
  | 'provenance'
> & {
  figureDependencies: Record<string, readonly Dependency[]>;
};

export function lambdaCoreDefaults(p: LambdaPlatformFigures): LambdaCoreDefaults {
  return {
    perInstanceConcurrency: p.perInstanceConcurrency.value,
    concurrencyLimit: p.accountConcurrency.value,
    limitCounts: 'busy-instances',
    scaling: { burst: p.scalingBurst.value, perMs: p.scalingBurst.value / p.scalingWindowMs.value },
    keepAlive: { kind: 'uniform', minMs: p.keepAliveMinMs.value, maxMs: p.keepAliveMaxMs.value },
    asyncRetry: {
      firstDelayMs: p.asyncFirstRetryMs.value,
      maxDelayMs: p.asyncMaxRetryMs.value,
      maxEventAgeMs: p.asyncMaxEventAgeMs.value,
    },
    provenance: [
      dependent(
        'default:keep-alive',
        lambdaCite(
          `keep-alive ${p.keepAliveMinMs.value / 60000}..${p.keepAliveMaxMs.value / 60000} min`,
          p.keepAliveMinMs,
        ),
      ),
      dependent(
        'default:concurrency-limit',
        lambdaCite(`account concurrency ${p.accountConcurrency.value}`, p.accountConcurrency),
      ),
      lambdaCite(
        `scaling ${p.scalingBurst.value} new environments per ${p.scalingWindowMs.value / 1000} s per function`,
        p.scalingBurst,
      ),
      dependent(
        'async',
        lambdaCite(
          `async retries from ${p.asyncFirstRetryMs.value / 1000} s doubling to ${p.asyncMaxRetryMs.value / 60000} min, max event age ${p.asyncMaxEventAgeMs.value / 3600000} h`,
          p.asyncMaxEventAgeMs,
        ),
      ),
    ],
    figureDependencies: {
      ...KEEP_ALIVE_RANGE_FIGURES,
      ...ASYNC_RETRY_FIGURES,
      ...figuresDependingOn('default:concurrency-limit', ['platform.accountConcurrency']),
      ...figuresDependingOn('default:per-instance-concurrency', ['platform.perInstanceConcurrency']),
    },
  };
}

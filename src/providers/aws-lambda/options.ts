/** The settings only AWS Lambda takes (see providers/option-spec.ts). */
import { z } from 'zod';
import { inputError } from '../../errors.js';
import { decimalFlag, defineOption } from '../option-spec.js';
import { FRONT_DOOR } from '../shared/front-door-option.js';

export const FREE_TIER_PROVISIONED = defineOption({
  key: 'freeTierProvisioned',
  flag: '--free-tier-provisioned <rule>',
  description:
    "AWS Lambda: excluded (the pricing page's text: no free tier for functions with provisioned concurrency; the price sheet's default) or included (as the page's worked example computes)",
  schema: () => z.enum(['excluded', 'included']),
  resolve: (value, ctx) => {
    // without the free tier there is nothing for the rule to include or exclude
    if (ctx.given['freeTier'] !== true)
      throw inputError(
        'FREE_TIER_PROVISIONED_WITHOUT_FREE_TIER',
        `${ctx.origin('freeTierProvisioned')} says whether the free tier covers functions with provisioned concurrency: it needs --free-tier (scenario "freeTier": true)`,
      );
    return value;
  },
});

export const SNAPSTART = defineOption({
  key: 'snapstart',
  flag: '--snapstart',
  description:
    'AWS Lambda SnapStart: new environments restore from a snapshot instead of running INIT (Java 11+, Python 3.12+, .NET 8+)',
  schema: () => z.boolean(),
  resolve: (on, ctx) => {
    // false is the same as not asking: it is no option a provider could refuse
    if (on !== true) return undefined;
    if (ctx.given['restore'] !== undefined) ctx.distribution(ctx.given['restore'], ctx.origin('restore'));
    if (ctx.given['init'] !== undefined) {
      throw inputError(
        'INIT_WITH_SNAPSTART',
        `${ctx.origin('init')} is not used with SnapStart, whose new environments restore from a snapshot instead of running INIT; give the restore latency with --restore`,
      );
    }
    return true;
  },
});

export const RESTORE = defineOption({
  key: 'restore',
  flag: '--restore <dist>',
  description:
    'SnapStart restore latency incl. after-restore hooks, e.g. 200ms..600ms (default: published measurements)',
  schema: (lent) => lent.distribution,
  resolve: (value, ctx) => {
    if (ctx.given['snapstart'] !== true)
      throw inputError(
        'RESTORE_WITHOUT_SNAPSTART',
        `${ctx.origin('restore')} is the SnapStart restore latency: it needs --snapstart (scenario "snapstart": true)`,
      );
    return ctx.distribution(value, ctx.origin('restore'));
  },
});

export const RESPONSE_STREAMING = defineOption({
  key: 'responseStreaming',
  flag: '--response-streaming',
  description:
    'AWS Lambda: responses are streamed (function URL or InvokeWithResponseStream): bytes beyond the first 6 MB of each are billed per GB, up to 200 MB a response',
  schema: () => z.boolean(),
  // false is the same as not asking: buffered responses, the default
  resolve: (on) => (on === true ? true : undefined),
});

export const RESPONSE_SIZE = defineOption({
  key: 'responseSize',
  flag: '--response-size <bytes>',
  description:
    'AWS Lambda: bytes of every sync response, for a trace without a response_bytes column (a buffered one may not exceed 6 MB)',
  schema: () => z.number().int().nonnegative(),
  parseFlag: decimalFlag,
});

export const AWS_LAMBDA_OPTIONS = [
  FREE_TIER_PROVISIONED,
  SNAPSTART,
  RESTORE,
  FRONT_DOOR,
  RESPONSE_STREAMING,
  RESPONSE_SIZE,
];

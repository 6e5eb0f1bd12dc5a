/** The schema of pricing/aws-lambda.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';

const TierSchema = z.object({ uptoGbS: z.number().positive().nullable(), price: FigureSchema }).strict();

const ArchitectureSchema = z
  .object({
    requestPerMillion: FigureSchema,
    durationTiers: z.array(TierSchema).min(1),
    // absent in regions whose provisioned-concurrency prices faasim has no source for
    provisionedCapacity: FigureSchema.optional(),
    provisionedDuration: FigureSchema.optional(),
  })
  .strict()
  .refine((a) => a.durationTiers.every((t, i, all) => (i === all.length - 1 ? t.uptoGbS === null : t.uptoGbS !== null && (i === 0 || t.uptoGbS > (all[i - 1]!.uptoGbS ?? Infinity)))), {
    message: 'durationTiers must ascend and the last must be unbounded (uptoGbS: null)',
  });

const RegionSchema = z
  .object({
    label: z.string(),
    architectures: z.object({ x86_64: ArchitectureSchema, arm64: ArchitectureSchema }).strict(),
    // absent in regions whose storage price faasim has no source for
    ephemeralStoragePerGbS: FigureSchema.optional(),
  })
  .strict();

export const AwsLambdaSheetSchema = z
  .object({
    $schema: z.string().optional(),
    provider: z.literal('aws-lambda'),
    name: z.string(),
    currency: z.literal('USD'),
    checked: z.string(),
    notes: z.array(z.string()),
    defaultRegion: z.string(),
    regions: z.record(z.string(), RegionSchema),
    freeTier: z.object({ requests: FigureSchema, gbS: FigureSchema, excludesProvisionedFunctions: FigureSchema }).strict(),
    billing: z
      .object({
        durationGranularityMs: FigureSchema,
        provisionedGranularityMs: FigureSchema,
        initBilledForAllSince: FigureSchema,
        provisionedInitRate: FigureSchema,
        provisionedRecycleMs: FigureSchema.optional(),
        ephemeralStorageIncludedMb: FigureSchema,
      })
      .strict(),
    platform: z
      .object({
        perInstanceConcurrency: FigureSchema,
        accountConcurrency: FigureSchema,
        scalingBurst: FigureSchema,
        scalingWindowMs: FigureSchema,
        keepAliveMinMs: FigureSchema,
        keepAliveMaxMs: FigureSchema,
        asyncFirstRetryMs: FigureSchema,
        asyncMaxRetryMs: FigureSchema,
        asyncMaxEventAgeMs: FigureSchema,
        memoryMinMb: FigureSchema,
        memoryMaxMb: FigureSchema,
        initMaxMs: FigureSchema,
      })
      .strict(),
  })
  .strict()
  .refine((s) => s.regions[s.defaultRegion] !== undefined, { message: 'defaultRegion must be one of regions' });

export type AwsLambdaSheet = z.infer<typeof AwsLambdaSheetSchema>;
export type AwsRegionPrices = z.infer<typeof RegionSchema>;

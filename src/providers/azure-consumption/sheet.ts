/** The schema of pricing/azure-consumption.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';

const RegionSchema = z.object({ label: z.string(), executionTimePerGbS: FigureSchema, executionsPerMillion: FigureSchema }).strict();

export const AzureConsumptionSheetSchema = z
  .object({
    $schema: z.string().optional(),
    provider: z.literal('azure-consumption'),
    name: z.string(),
    currency: z.literal('USD'),
    checked: z.string(),
    notes: z.array(z.string()),
    defaultRegion: z.string(),
    regions: z.record(z.string(), RegionSchema),
    freeGrant: z.object({ executions: FigureSchema, gbS: FigureSchema }).strict(),
    billing: z
      .object({
        memoryStepMb: FigureSchema,
        memoryMinMb: FigureSchema,
        memoryMaxMb: FigureSchema,
        minExecutionMs: FigureSchema,
        executionStepMs: FigureSchema,
      })
      .strict(),
    platform: z
      .object({
        instanceMemoryMb: FigureSchema,
        perInstanceConcurrency: FigureSchema,
        maxInstances: FigureSchema,
        scaleOutIntervalMs: FigureSchema,
        scaleOutIntervalOtherMs: FigureSchema,
        httpWaitMs: FigureSchema,
        keepAliveMinMs: FigureSchema,
        keepAliveMaxMs: FigureSchema,
        asyncFirstRetryMs: FigureSchema,
        asyncMaxRetryMs: FigureSchema,
        asyncMaxEventAgeMs: FigureSchema,
        memoryMinMb: FigureSchema,
        memoryMaxMb: FigureSchema,
      })
      .strict(),
  })
  .strict()
  .refine((s) => s.regions[s.defaultRegion] !== undefined, { message: 'defaultRegion must be one of regions' });

export type AzureConsumptionSheet = z.infer<typeof AzureConsumptionSheetSchema>;

/** The schema of pricing/azure-flex.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';

const RegionSchema = z
  .object({
    label: z.string(),
    onDemandPerGbS: FigureSchema,
    onDemandExecutionsPerMillion: FigureSchema,
    alwaysReadyBaselinePerGbS: FigureSchema,
    alwaysReadyExecutionPerGbS: FigureSchema,
    alwaysReadyExecutionsPerMillion: FigureSchema,
  })
  .strict();

const SizeSchema = z.object({ memoryMb: FigureSchema, perInstanceConcurrency: FigureSchema }).strict();

export const AzureFlexSheetSchema = z
  .object({
    $schema: z.string().optional(),
    provider: z.literal('azure-flex'),
    name: z.string(),
    currency: z.literal('USD'),
    checked: z.string(),
    notes: z.array(z.string()),
    defaultRegion: z.string(),
    regions: z.record(z.string(), RegionSchema),
    freeGrant: z.object({ gbS: FigureSchema, executions: FigureSchema }).strict(),
    billing: z.object({ minPeriodMs: FigureSchema, periodStepMs: FigureSchema }).strict(),
    platform: z
      .object({
        instanceSizes: z.array(SizeSchema).min(1),
        pythonPerInstanceConcurrency: FigureSchema,
        maxInstances: FigureSchema,
        httpWaitMs: FigureSchema,
        keepAliveMinMs: FigureSchema,
        keepAliveMaxMs: FigureSchema,
        asyncFirstRetryMs: FigureSchema,
        asyncMaxRetryMs: FigureSchema,
        asyncMaxEventAgeMs: FigureSchema,
      })
      .strict(),
  })
  .strict()
  .refine((s) => s.regions[s.defaultRegion] !== undefined, { message: 'defaultRegion must be one of regions' });

export type AzureFlexSheet = z.infer<typeof AzureFlexSheetSchema>;

/** The schema of pricing/azure-flex.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { priceSheetSchema } from '../shared/sheet-schema.js';

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

export const AzureFlexSheetSchema = priceSheetSchema('azure-flex', RegionSchema, {
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
});

export type AzureFlexSheet = z.infer<typeof AzureFlexSheetSchema>;

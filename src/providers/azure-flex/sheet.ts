/** The schema of pricing/azure-flex.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { ASYNC_RETRY_SHAPE, KEEP_ALIVE_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';

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

const SizeSchema = z
  .object({ memoryMb: FigureSchema, vcpus: FigureSchema, perInstanceConcurrency: FigureSchema })
  .strict();

export const AzureFlexSheetSchema = priceSheetSchema('azure-flex', RegionSchema, {
  freeGrant: z.object({ gbS: FigureSchema, executions: FigureSchema }).strict(),
  billing: z.object({ minPeriodMs: FigureSchema, periodStepMs: FigureSchema }).strict(),
  platform: z
    .object({
      instanceSizes: z.array(SizeSchema).min(1),
      pythonPerInstanceConcurrency: FigureSchema,
      maxInstances: FigureSchema,
      httpWaitMs: FigureSchema,
      ...KEEP_ALIVE_SHAPE,
      ...ASYNC_RETRY_SHAPE,
    })
    .strict(),
});

export type AzureFlexSheet = z.infer<typeof AzureFlexSheetSchema>;

/** The schema of pricing/azure-consumption.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import {
  ASYNC_RETRY_SHAPE,
  KEEP_ALIVE_SHAPE,
  MEMORY_RANGE_SHAPE,
  priceSheetSchema,
} from '../shared/sheet-schema.js';

const RegionSchema = z
  .object({ label: z.string(), executionTimePerGbS: FigureSchema, executionsPerMillion: FigureSchema })
  .strict();

export const AzureConsumptionSheetSchema = priceSheetSchema('azure-consumption', RegionSchema, {
  freeGrant: z.object({ executions: FigureSchema, gbS: FigureSchema }).strict(),
  billing: z
    .object({
      memoryStepMb: FigureSchema,
      ...MEMORY_RANGE_SHAPE,
      minExecutionMs: FigureSchema,
      executionStepMs: FigureSchema,
    })
    .strict(),
  platform: z
    .object({
      instanceMemoryMb: FigureSchema,
      instanceVcpus: FigureSchema,
      perInstanceConcurrency: FigureSchema,
      maxInstances: FigureSchema,
      scaleOutIntervalMs: FigureSchema,
      scaleOutIntervalOtherMs: FigureSchema,
      httpWaitMs: FigureSchema,
      ...KEEP_ALIVE_SHAPE,
      ...ASYNC_RETRY_SHAPE,
      memoryMinMb: FigureSchema,
      memoryMaxMb: FigureSchema,
    })
    .strict(),
});

export type AzureConsumptionSheet = z.infer<typeof AzureConsumptionSheetSchema>;

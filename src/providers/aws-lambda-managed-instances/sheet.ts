/** The schema of pricing/aws-lambda-managed-instances.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { ASYNC_RETRY_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';

export const ManagedInstancesSheetSchema = priceSheetSchema(
  'aws-lambda-managed-instances',
  z.object({}).strict(),
  {
    prices: z
      .object({ requestsPerMillion: FigureSchema, managementFee: FigureSchema, instanceHourly: FigureSchema })
      .strict(),
    instance: z.object({ name: z.string(), vcpu: FigureSchema, memoryMb: FigureSchema }).strict(),
    platform: z
      .object({
        minInstances: FigureSchema,
        memoryMbPerVcpu: FigureSchema,
        /** requests an execution environment takes at once per vCPU, by runtime language */
        concurrencyPerVcpu: z.record(z.string(), FigureSchema),
        scaleOutMs: FigureSchema,
        scaleInAfterMs: FigureSchema,
        queueWaitMs: FigureSchema,
        maxInstancesDefault: FigureSchema,
        ...ASYNC_RETRY_SHAPE,
      })
      .strict(),
  },
).refine((s) => s.platform.concurrencyPerVcpu['javascript'] !== undefined, {
  message: 'platform.concurrencyPerVcpu needs a javascript entry (the fallback)',
});

export type ManagedInstancesSheet = z.infer<typeof ManagedInstancesSheetSchema>;

/** The schema of pricing/aws-lambda-managed-instances.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';

export const ManagedInstancesSheetSchema = z
  .object({
    $schema: z.string().optional(),
    provider: z.literal('aws-lambda-managed-instances'),
    name: z.string(),
    currency: z.literal('USD'),
    checked: z.string(),
    notes: z.array(z.string()),
    defaultRegion: z.string(),
    regions: z.record(z.string(), z.object({}).strict()),
    prices: z.object({ requestsPerMillion: FigureSchema, managementFee: FigureSchema, instanceHourly: FigureSchema }).strict(),
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
        asyncFirstRetryMs: FigureSchema,
        asyncMaxRetryMs: FigureSchema,
        asyncMaxEventAgeMs: FigureSchema,
      })
      .strict(),
  })
  .strict()
  .refine((s) => s.regions[s.defaultRegion] !== undefined, { message: 'defaultRegion must be one of regions' })
  .refine((s) => s.platform.concurrencyPerVcpu['javascript'] !== undefined, { message: 'platform.concurrencyPerVcpu needs a javascript entry (the fallback)' });

export type ManagedInstancesSheet = z.infer<typeof ManagedInstancesSheetSchema>;

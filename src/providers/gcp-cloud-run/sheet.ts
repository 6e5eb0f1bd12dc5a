/** The schema of pricing/gcp-cloud-run.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { ASYNC_RETRY_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';

const RequestRates = z
  .object({
    cpuPerVcpuS: FigureSchema,
    memoryPerGibS: FigureSchema,
    requestsPerMillion: FigureSchema,
    idleCpuPerVcpuS: FigureSchema,
    idleMemoryPerGibS: FigureSchema,
  })
  .strict();
const InstanceRates = z.object({ cpuPerVcpuS: FigureSchema, memoryPerGibS: FigureSchema }).strict();
const TierSchema = z.object({ request: RequestRates, instance: InstanceRates.optional() }).strict();

export const CloudRunSheetSchema = priceSheetSchema(
  'gcp-cloud-run',
  z.object({ tier: z.union([z.literal(1), z.literal(2)]) }).strict(),
  {
    regionTiersSource: FigureSchema,
    tiers: z.object({ '1': TierSchema.extend({ instance: InstanceRates }), '2': TierSchema }).strict(),
    freeTier: z
      .object({
        request: z.object({ vcpuS: FigureSchema, gibS: FigureSchema, requests: FigureSchema }).strict(),
        instance: z.object({ vcpuS: FigureSchema, gibS: FigureSchema }).strict(),
      })
      .strict(),
    billing: z.object({ stepMs: FigureSchema, startupBilled: FigureSchema }).strict(),
    memorySizes: z.array(z.object({ memoryMb: FigureSchema, vcpu: FigureSchema }).strict()).min(1),
    platform: z
      .object({
        defaultConcurrency: FigureSchema,
        subVcpuConcurrency: FigureSchema,
        maxConcurrency: FigureSchema,
        maxInstances: FigureSchema,
        queueMinMs: FigureSchema,
        queueStartupMultiple: FigureSchema,
        keepAliveMs: FigureSchema,
        ...ASYNC_RETRY_SHAPE,
        minInstancesIdleBilled: FigureSchema,
      })
      .strict(),
  },
);

export type CloudRunSheet = z.infer<typeof CloudRunSheetSchema>;
export type BillingMode = 'request' | 'instance';

export function vcpuOf(sheet: CloudRunSheet, memoryMb: number): number {
  const s = sheet.memorySizes.find((x) => x.memoryMb.value === memoryMb);
  if (!s) throw new Error(`Cloud Run functions offer no ${memoryMb} MiB size`);
  return s.vcpu.value;
}

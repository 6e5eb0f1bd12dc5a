/** The schema of pricing/azure-premium.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { ASYNC_RETRY_SHAPE, KEEP_ALIVE_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';

const RegionSchema = z
  .object({ label: z.string(), vcpuPerHour: FigureSchema, memoryPerGbHour: FigureSchema })
  .strict();
const SkuSchema = z.object({ vcpu: FigureSchema, memoryMb: FigureSchema }).strict();

export const AzurePremiumSheetSchema = priceSheetSchema('azure-premium', RegionSchema, {
  skus: z.record(z.string(), SkuSchema),
  billing: z.object({ minInstances: FigureSchema, alwaysReadyDefault: FigureSchema }).strict(),
  platform: z
    .object({
      perInstanceConcurrency: FigureSchema,
      maxInstances: FigureSchema,
      scaleOutIntervalMs: FigureSchema,
      httpWaitMs: FigureSchema,
      prewarmedDefault: FigureSchema,
      ...KEEP_ALIVE_SHAPE,
      ...ASYNC_RETRY_SHAPE,
    })
    .strict(),
});

export type AzurePremiumSheet = z.infer<typeof AzurePremiumSheetSchema>;

/** The SKU whose memory is `memoryMb`. */
export function skuOf(
  sheet: AzurePremiumSheet,
  memoryMb: number,
): { name: string; vcpu: number; memoryMb: number } {
  for (const [name, s] of Object.entries(sheet.skus))
    if (s.memoryMb.value === memoryMb) return { name, vcpu: s.vcpu.value, memoryMb };
  throw new Error(`no Premium SKU has ${memoryMb} MB`);
}

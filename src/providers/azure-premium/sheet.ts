/** The schema of pricing/azure-premium.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';

const RegionSchema = z.object({ label: z.string(), vcpuPerHour: FigureSchema, memoryPerGbHour: FigureSchema }).strict();
const SkuSchema = z.object({ vcpu: FigureSchema, memoryMb: FigureSchema }).strict();

export const AzurePremiumSheetSchema = z
  .object({
    $schema: z.string().optional(),
    provider: z.literal('azure-premium'),
    name: z.string(),
    currency: z.literal('USD'),
    checked: z.string(),
    notes: z.array(z.string()),
    defaultRegion: z.string(),
    regions: z.record(z.string(), RegionSchema),
    skus: z.record(z.string(), SkuSchema),
    billing: z.object({ minInstances: FigureSchema, alwaysReadyDefault: FigureSchema }).strict(),
    platform: z
      .object({
        perInstanceConcurrency: FigureSchema,
        maxInstances: FigureSchema,
        scaleOutIntervalMs: FigureSchema,
        httpWaitMs: FigureSchema,
        prewarmedDefault: FigureSchema,
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

export type AzurePremiumSheet = z.infer<typeof AzurePremiumSheetSchema>;

/** The SKU whose memory is `memoryMb`. */
export function skuOf(sheet: AzurePremiumSheet, memoryMb: number): { name: string; vcpu: number; memoryMb: number } {
  for (const [name, s] of Object.entries(sheet.skus)) if (s.memoryMb.value === memoryMb) return { name, vcpu: s.vcpu.value, memoryMb };
  throw new Error(`no Premium SKU has ${memoryMb} MB`);
}

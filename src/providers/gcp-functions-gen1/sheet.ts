/** The schema of pricing/gcp-functions-gen1.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { ASYNC_RETRY_SHAPE, KEEP_ALIVE_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';

const TierSchema = z
  .object({
    invocationsPerMillion: FigureSchema,
    memoryPerGbS: FigureSchema,
    cpuPerGhzS: FigureSchema,
    idleCpuPerGhzS: FigureSchema,
    idleMemoryPerGbS: FigureSchema,
  })
  .strict();

export const GcfGen1SheetSchema = priceSheetSchema(
  'gcp-functions-gen1',
  z.object({ tier: z.union([z.literal(1), z.literal(2)]) }).strict(),
  {
    regionTiersSource: FigureSchema,
    tiers: z.object({ '1': TierSchema, '2': TierSchema }).strict(),
    freeTier: z.object({ invocations: FigureSchema, gbS: FigureSchema, ghzS: FigureSchema }).strict(),
    billing: z.object({ computeStepMs: FigureSchema }).strict(),
    memorySizes: z.array(z.object({ memoryMb: FigureSchema, ghz: FigureSchema }).strict()).min(1),
    platform: z
      .object({
        perInstanceConcurrency: FigureSchema,
        maxInstances: FigureSchema,
        httpWaitMs: FigureSchema,
        ...KEEP_ALIVE_SHAPE,
        ...ASYNC_RETRY_SHAPE,
        minInstancesIdleBilled: FigureSchema,
      })
      .strict(),
  },
);

export type GcfGen1Sheet = z.infer<typeof GcfGen1SheetSchema>;

/** The CPU clock (GHz) the memory size comes with. */
export function ghzOf(sheet: GcfGen1Sheet, memoryMb: number): number {
  const s = sheet.memorySizes.find((x) => x.memoryMb.value === memoryMb);
  if (!s) throw new Error(`Cloud Functions (1st gen) offers no ${memoryMb} MB size`);
  return s.ghz.value;
}

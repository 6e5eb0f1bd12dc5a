/** The schema of pricing/cloudflare-workers.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { ASYNC_RETRY_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';

const RegionSchema = z
  .object({
    label: z.string(),
    monthlyMinimum: FigureSchema,
    requestsIncluded: FigureSchema,
    requestsPerMillion: FigureSchema,
    cpuMsIncluded: FigureSchema,
    cpuPerMillionMs: FigureSchema,
  })
  .strict();

export const CloudflareSheetSchema = priceSheetSchema('cloudflare-workers', RegionSchema, {
  platform: z
    .object({
      isolateMemoryMb: FigureSchema,
      cpuLimitMs: FigureSchema,
      isolateStartMaxMs: FigureSchema,
      warmRequestShare: FigureSchema,
      perIsolateConcurrency: FigureSchema,
      ...ASYNC_RETRY_SHAPE,
    })
    .strict(),
});

export type CloudflareSheet = z.infer<typeof CloudflareSheetSchema>;

/** The schema of pricing/cloudflare-workers.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';

const RegionSchema = z
  .object({ label: z.string(), monthlyMinimum: FigureSchema, requestsIncluded: FigureSchema, requestsPerMillion: FigureSchema, cpuMsIncluded: FigureSchema, cpuPerMillionMs: FigureSchema })
  .strict();

export const CloudflareSheetSchema = z
  .object({
    $schema: z.string().optional(),
    provider: z.literal('cloudflare-workers'),
    name: z.string(),
    currency: z.literal('USD'),
    checked: z.string(),
    notes: z.array(z.string()),
    defaultRegion: z.string(),
    regions: z.record(z.string(), RegionSchema),
    platform: z
      .object({
        isolateMemoryMb: FigureSchema,
        cpuLimitMs: FigureSchema,
        isolateStartMaxMs: FigureSchema,
        warmRequestShare: FigureSchema,
        perIsolateConcurrency: FigureSchema,
        asyncFirstRetryMs: FigureSchema,
        asyncMaxRetryMs: FigureSchema,
        asyncMaxEventAgeMs: FigureSchema,
      })
      .strict(),
  })
  .strict()
  .refine((s) => s.regions[s.defaultRegion] !== undefined, { message: 'defaultRegion must be one of regions' });

export type CloudflareSheet = z.infer<typeof CloudflareSheetSchema>;

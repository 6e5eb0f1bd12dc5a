/**
 * What every price sheet (pricing/<id>.json) holds before its own figures: the provider it is for,
 * its name, currency, when it was checked, notes, and its price regions with the default one (which
 * must be among them). A provider's sheet.ts gives the schema of one region and its other sections.
 */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';

export function priceSheetSchema<Id extends string, R extends z.ZodType, Rest extends z.ZodRawShape>(
  providerId: Id,
  region: R,
  rest: Rest,
) {
  return (
    z
      .object({
        $schema: z.string().optional(),
        provider: z.literal(providerId),
        name: z.string(),
        currency: z.literal('USD'),
        checked: z.string(),
        notes: z.array(z.string()),
        defaultRegion: z.string(),
        regions: z.record(z.string(), region),
        ...rest,
      })
      .strict()
      // the generic shape hides the two keys from the checker; every sheet has them (above)
      .refine(
        (s) => {
          const sheet = s as unknown as { regions: Record<string, unknown>; defaultRegion: string };
          return sheet.regions[sheet.defaultRegion] !== undefined;
        },
        { message: 'defaultRegion must be one of regions' },
      )
  );
}

// Figures several sheets' platform sections state alike (read by shared/platform-figures.ts).
/** keep-alive as a measured range */
export const KEEP_ALIVE_SHAPE = { keepAliveMinMs: FigureSchema, keepAliveMaxMs: FigureSchema };
/** the async retry policy: first wait, longest wait, maximum event age */
export const ASYNC_RETRY_SHAPE = {
  asyncFirstRetryMs: FigureSchema,
  asyncMaxRetryMs: FigureSchema,
  asyncMaxEventAgeMs: FigureSchema,
};
/** the memory a function may be given */
export const MEMORY_RANGE_SHAPE = { memoryMinMb: FigureSchema, memoryMaxMb: FigureSchema };

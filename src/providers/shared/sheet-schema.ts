/**
 * What every price sheet (pricing/<id>.json) holds before its own figures: the provider it is for,
 * its name, currency, when it was checked, notes, and its price regions with the default one (which
 * must be among them). A provider's sheet.ts gives the schema of one region and its other sections.
 */
import { z } from 'zod';

export function priceSheetSchema<Id extends string, R extends z.ZodType, Rest extends z.ZodRawShape>(providerId: Id, region: R, rest: Rest) {
  return z
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
    .refine((s) => {
      const sheet = s as unknown as { regions: Record<string, unknown>; defaultRegion: string };
      return sheet.regions[sheet.defaultRegion] !== undefined;
    }, { message: 'defaultRegion must be one of regions' });
}

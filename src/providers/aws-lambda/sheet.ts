/** The schema of pricing/aws-lambda.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { MEMORY_RANGE_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';
import { LAMBDA_PLATFORM_SHAPE } from '../shared/lambda-platform.js';

const TierSchema = z.object({ uptoGbS: z.number().positive().nullable(), price: FigureSchema }).strict();

const ArchitectureSchema = z
  .object({
    requestPerMillion: FigureSchema,
    durationTiers: z.array(TierSchema).min(1),
    // absent in regions whose provisioned-concurrency prices faasim has no source for
    provisionedCapacity: FigureSchema.optional(),
    provisionedDuration: FigureSchema.optional(),
  })
  .strict()
  .refine(
    (a) =>
      a.durationTiers.every((t, i, all) =>
        i === all.length - 1
          ? t.uptoGbS === null
          : t.uptoGbS !== null && (i === 0 || t.uptoGbS > (all[i - 1]!.uptoGbS ?? Infinity)),
      ),
    {
      message: 'durationTiers must ascend and the last must be unbounded (uptoGbS: null)',
    },
  );

const RegionSchema = z
  .object({
    label: z.string(),
    architectures: z.object({ x86_64: ArchitectureSchema, arm64: ArchitectureSchema }).strict(),
    // absent in regions whose storage price faasim has no source for
    ephemeralStoragePerGbS: FigureSchema.optional(),
  })
  .strict();

export const AwsLambdaSheetSchema = priceSheetSchema('aws-lambda', RegionSchema, {
  /** regions whose prices are taken to be the default region's: id → label, with the claim's source */
  regionsPricedAsDefault: z
    .object({
      regions: z.record(z.string(), z.string()),
      source: z.string(),
      effective: z.string(),
      confirmed: z.boolean().optional(),
      note: z.string(),
    })
    .strict()
    .optional(),
  freeTier: z
    .object({ requests: FigureSchema, gbS: FigureSchema, excludesProvisionedFunctions: FigureSchema })
    .strict(),
  billing: z
    .object({
      durationGranularityMs: FigureSchema,
      provisionedGranularityMs: FigureSchema,
      initBilledForAllSince: FigureSchema,
      provisionedInitRate: FigureSchema,
      provisionedRecycleMs: FigureSchema.optional(),
      ephemeralStorageIncludedMb: FigureSchema,
      ephemeralStorageMaxMb: FigureSchema,
    })
    .strict(),
  platform: z
    .object({
      ...LAMBDA_PLATFORM_SHAPE,
      ...MEMORY_RANGE_SHAPE,
      /** CPU in proportion to memory: --duration-model cpu-share */
      cpuMbPerVcpu: FigureSchema,
      cpuMaxVcpus: FigureSchema,
      initMaxMs: FigureSchema,
      timeoutMaxMs: FigureSchema,
    })
    .strict(),
});

export type AwsLambdaSheet = z.infer<typeof AwsLambdaSheetSchema>;

/**
 * The sheet with every region of `regionsPricedAsDefault` added as a copy of the default region.
 * Each copied figure keeps its value but carries the claim's source and confirmation, so a run in
 * such a region lists its prices as resting on that claim.
 */
export function withDefaultPricedRegions(sheet: AwsLambdaSheet): AwsLambdaSheet {
  const claim = sheet.regionsPricedAsDefault;
  if (!claim) return sheet;
  const base = sheet.regions[sheet.defaultRegion] as AwsLambdaSheet['regions'][string];
  const regions = { ...sheet.regions };
  for (const [id, label] of Object.entries(claim.regions)) {
    if (regions[id]) continue; // a region priced in its own right keeps its prices
    const note = `taken to equal ${sheet.defaultRegion}'s (${String(base.label)}) price: third-party, see regionsPricedAsDefault in the sheet`;
    regions[id] = { ...restamp(base, { ...claim, note }), label };
  }
  return { ...sheet, regions };
}

/** A deep copy in which every figure (an object with value and source) names the claim instead. */
function restamp<T>(
  node: T,
  claim: { source: string; effective: string; confirmed?: boolean | undefined; note: string },
): T {
  if (Array.isArray(node)) return node.map((n) => restamp(n, claim)) as T;
  if (node === null || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if ('value' in o && 'source' in o) {
    const copy: Record<string, unknown> = {
      ...o,
      source: claim.source,
      effective: claim.effective,
      note: claim.note,
    };
    if (claim.confirmed === false) copy['confirmed'] = false;
    return copy as T;
  }
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, restamp(v, claim)])) as T;
}
export type AwsRegionPrices = z.infer<typeof RegionSchema>;

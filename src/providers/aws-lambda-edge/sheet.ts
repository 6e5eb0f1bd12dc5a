/** The schema of pricing/aws-lambda-edge.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { LAMBDA_PLATFORM_SHAPE } from '../shared/lambda-platform.js';
import { priceSheetSchema } from '../shared/sheet-schema.js';

const RegionSchema = z
  .object({ label: z.string(), requestPerMillion: FigureSchema, durationPerGbS: FigureSchema })
  .strict();

export const LambdaEdgeSheetSchema = priceSheetSchema('aws-lambda-edge', RegionSchema, {
  billing: z
    .object({
      durationGranularityMs: FigureSchema,
      freeTier: FigureSchema,
      initBilledForAllSince: FigureSchema,
    })
    .strict(),
  platform: z
    .object({
      ...LAMBDA_PLATFORM_SHAPE,
      memoryMinMb: FigureSchema,
      /** the trigger decides the limits: viewer request/response, or origin request/response */
      viewerMemoryMaxMb: FigureSchema,
      originMemoryMaxMb: FigureSchema,
      viewerTimeoutMs: FigureSchema,
      originTimeoutMs: FigureSchema,
      ephemeralStorageMaxMb: FigureSchema,
    })
    .strict(),
});

export type LambdaEdgeSheet = z.infer<typeof LambdaEdgeSheetSchema>;

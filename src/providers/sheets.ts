/**
 * Every provider's price-sheet schema by provider id: what `faasim validate` checks a sheet
 * against and what `npm run schemas` writes to schemas/price-sheet.<id>.schema.json.
 */
import type { z } from 'zod';
import { AwsLambdaSheetSchema } from './aws-lambda/sheet.js';
import { FargateSheetSchema } from './aws-fargate/sheet.js';
import { ManagedInstancesSheetSchema } from './aws-lambda-managed-instances/sheet.js';
import { AzureConsumptionSheetSchema } from './azure-consumption/sheet.js';
import { ContainerAppsSheetSchema } from './azure-container-apps/sheet.js';
import { AzureFlexSheetSchema } from './azure-flex/sheet.js';
import { AzurePremiumSheetSchema } from './azure-premium/sheet.js';
import { CloudflareSheetSchema } from './cloudflare-workers/sheet.js';
import { CloudRunSheetSchema } from './gcp-cloud-run/sheet.js';
import { GcfGen1SheetSchema } from './gcp-functions-gen1/sheet.js';

export const SHEET_SCHEMAS: Readonly<Record<string, z.ZodType>> = {
  'aws-fargate': FargateSheetSchema,
  'aws-lambda': AwsLambdaSheetSchema,
  'aws-lambda-managed-instances': ManagedInstancesSheetSchema,
  'azure-consumption': AzureConsumptionSheetSchema,
  'azure-container-apps': ContainerAppsSheetSchema,
  'azure-flex': AzureFlexSheetSchema,
  'azure-premium': AzurePremiumSheetSchema,
  'cloudflare-workers': CloudflareSheetSchema,
  'gcp-cloud-run': CloudRunSheetSchema,
  'gcp-functions-gen1': GcfGen1SheetSchema,
};

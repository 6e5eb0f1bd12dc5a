/**
 * AWS Lambda@Edge: Lambda functions run by CloudFront events. Prices and limits from
 * pricing/aws-lambda-edge.json, the INIT measurements shared with AWS Lambda
 * (pricing/aws-lambda-init.json; x86_64, the only architecture Lambda@Edge runs).
 */
import { join } from 'node:path';
import { loadJsonFile, type FigurePatch } from '../../pricing/figure.js';
import { INIT_DATA_FILE, lambdaInitModel, loadInitData } from '../shared/lambda-init.js';
import { checkRegion } from '../shared/regions.js';
import type { LoadedProvider, Provider, ProviderSettings } from '../types.js';
import { LambdaEdgeMeter } from './billing.js';
import { LAMBDA_EDGE_OPTIONS } from './options.js';
import { checkEdgeSettings, lambdaEdgeDefaults } from './platform.js';
import { LambdaEdgeSheetSchema } from './sheet.js';

const ID = 'aws-lambda-edge';
const LABEL = 'AWS Lambda@Edge';

export const awsLambdaEdge: Provider = {
  id: ID,
  label: LABEL,
  options: LAMBDA_EDGE_OPTIONS,
  // x86_64 only; the runtime, package type and storage are checked against its restrictions
  commonSettings: ['runtime', 'packageType', 'ephemeralStorageMb', 'initBilling', 'concurrencyLimit'],
  sheetSchema: LambdaEdgeSheetSchema,
  load(pricingDir: string, patches: readonly FigurePatch[] = []): LoadedProvider {
    const sheetFile = join(pricingDir, `${ID}.json`);
    const sheet = loadJsonFile(sheetFile, LambdaEdgeSheetSchema, 'Lambda@Edge price sheet', patches);
    const initData = loadInitData(join(pricingDir, INIT_DATA_FILE), patches);
    const regions = Object.keys(sheet.regions);
    const check = (settings: ProviderSettings): void => {
      checkRegion(settings, regions, LABEL, sheetFile);
      checkEdgeSettings(sheet, settings);
    };
    return {
      id: ID,
      label: LABEL,
      sheetFile,
      defaultRegion: sheet.defaultRegion,
      regions,
      platformDefaults: (settings) => {
        check(settings);
        return lambdaEdgeDefaults(sheet, settings);
      },
      initModel: (settings, memoryMb) =>
        lambdaInitModel(initData, settings.runtime, settings.packageType, 'x86_64', memoryMb),
      createMeter: (settings, memoryMb) => {
        check(settings);
        return new LambdaEdgeMeter(sheet, settings, memoryMb);
      },
    };
  },
};

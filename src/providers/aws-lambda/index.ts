/** AWS Lambda: platform defaults, INIT model and billing, all read from pricing/aws-lambda*.json. */
import { join } from 'node:path';
import { inputError } from '../../errors.js';
import { loadJsonFile, type FigurePatch } from '../../pricing/figure.js';
import { figuresDependingOn } from '../dependencies.js';
import { lambdaCoreDefaults } from '../shared/lambda-platform.js';
import type { LoadedProvider, PlatformDefaults, Provider, ProviderSettings } from '../types.js';
import { AwsLambdaMeter } from './billing.js';
import { billedRegion } from '../shared/billed-region.js';
import { INIT_DATA_FILE, isCustomRuntime, lambdaInitModel, loadInitData } from '../shared/lambda-init.js';
import { AwsLambdaSheetSchema, withDefaultPricedRegions, type AwsLambdaSheet } from './sheet.js';
import { loadFrontDoorSheet, type FrontDoorSheet } from '../shared/front-door.js';
import { AWS_LAMBDA_OPTIONS, RESPONSE_SIZE, RESPONSE_STREAMING } from './options.js';
import { settingOf } from '../option-spec.js';
import { checkResponseSize, loadStreamingSheet, STREAMING_FILE, type StreamingSheet } from './streaming.js';
import { cpuAllocationOf, KEEP_WARM_LINES } from './facts.js';
import { checkSnapStart, loadSnapStartSheet, restoreModel, type SnapStartSheet } from './snapstart.js';

export const awsLambda: Provider = {
  id: 'aws-lambda',
  label: 'AWS Lambda',
  options: AWS_LAMBDA_OPTIONS,
  keepWarmLines: KEEP_WARM_LINES,
  powerTuned: true,
  commonSettings: [
    'arch',
    'runtime',
    'packageType',
    'ephemeralStorageMb',
    'initBilling',
    'concurrencyLimit',
    'freeTier',
  ],
  sheetSchema: AwsLambdaSheetSchema,
  load(pricingDir: string, patches: readonly FigurePatch[] = []): LoadedProvider {
    const sheetFile = join(pricingDir, 'aws-lambda.json');
    const sheet = withDefaultPricedRegions(
      loadJsonFile(sheetFile, AwsLambdaSheetSchema, 'AWS Lambda price sheet', patches),
    );
    const initData = loadInitData(join(pricingDir, INIT_DATA_FILE), patches);
    // read only by runs that ask for SnapStart
    let snapStartSheet: SnapStartSheet | undefined;
    const snapStart = (settings: ProviderSettings): SnapStartSheet | null => {
      if (settings.snapstart !== true) return null;
      snapStartSheet ??= loadSnapStartSheet(join(pricingDir, 'aws-lambda-snapstart.json'));
      checkSnapStart(
        snapStartSheet,
        settings.runtime,
        settings.packageType,
        settings.ephemeralStorageMb,
        sheet.billing.ephemeralStorageIncludedMb.value,
      );
      return snapStartSheet;
    };
    let frontDoorSheet: FrontDoorSheet | undefined;
    const frontDoor = (settings: ProviderSettings): FrontDoorSheet | null => {
      if (settings.frontDoor === undefined) return null;
      const region = settings.region ?? sheet.defaultRegion;
      // the front-door prices are us-east-1's; elsewhere they would be a guess
      if (region !== 'us-east-1')
        throw inputError(
          'NO_PRICE',
          `--front-door: faasim has front-door prices for us-east-1 only, not ${region}`,
        );
      frontDoorSheet ??= loadFrontDoorSheet(join(pricingDir, 'aws-front-door.json'));
      return frontDoorSheet;
    };
    // the response-size limits apply to every run whose trace has sizes; its prices only to a run that streams
    // (read on first use: most traces have no response sizes)
    let streamingSheet: StreamingSheet | undefined;
    const responseSheet = (): StreamingSheet =>
      (streamingSheet ??= loadStreamingSheet(join(pricingDir, STREAMING_FILE)));
    const streaming = (settings: ProviderSettings): { sheet: () => StreamingSheet; on: boolean } => {
      const on = settingOf<boolean>(settings, RESPONSE_STREAMING) === true;
      const size = settingOf<number>(settings, RESPONSE_SIZE);
      if (on || size !== undefined) checkResponseSize(responseSheet(), size, on);
      return { sheet: responseSheet, on };
    };
    const checkSettings = (settings: ProviderSettings): void => {
      const storage = settings.ephemeralStorageMb;
      const minMb = sheet.billing.ephemeralStorageIncludedMb.value;
      const maxMb = sheet.billing.ephemeralStorageMaxMb.value;
      if (!(Number.isInteger(storage) && storage >= minMb && storage <= maxMb)) {
        throw inputError(
          'EPHEMERAL_STORAGE',
          `ephemeral storage ${storage} MB is outside AWS Lambda's ${minMb}..${maxMb} MB (whole MB)`,
        );
      }
      if (settings.region !== null && !Object.hasOwn(sheet.regions, settings.region)) {
        throw inputError(
          'UNKNOWN_REGION',
          `region "${settings.region}" has no AWS Lambda prices in this sheet; known: ${Object.keys(sheet.regions).join(', ')}`,
          { file: sheetFile },
        );
      }
    };
    return {
      id: 'aws-lambda',
      label: 'AWS Lambda',
      sheetFile,
      defaultRegion: sheet.defaultRegion,
      cpuAllocation: cpuAllocationOf(sheet),
      platformDefaults: (settings) => {
        checkSettings(settings);
        return platformDefaults(sheet, settings);
      },
      initModel: (settings, memoryMb) => {
        const ss = snapStart(settings);
        return ss
          ? restoreModel(ss, settings.restore)
          : lambdaInitModel(initData, settings.runtime, settings.packageType, settings.arch, memoryMb);
      },
      provisionedPrices: (settings) => {
        const arch = billedRegion(sheet, settings.region, 'AWS Lambda').region.architectures[settings.arch];
        const onDemand = arch?.durationTiers[0]?.price.value;
        if (!arch?.provisionedCapacity || !arch.provisionedDuration || onDemand === undefined) return null;
        return {
          capacity: arch.provisionedCapacity.value,
          duration: arch.provisionedDuration.value,
          onDemand,
        };
      },
      createMeter: (settings, memoryMb) => {
        checkSettings(settings);
        return new AwsLambdaMeter(
          sheet,
          settings,
          memoryMb,
          isCustomRuntime(initData, settings.runtime),
          snapStart(settings),
          frontDoor(settings),
          streaming(settings),
        );
      },
    };
  },
};

function platformDefaults(sheet: AwsLambdaSheet, settings: ProviderSettings): PlatformDefaults {
  const p = sheet.platform;
  const { provenance, figureDependencies, ...core } = lambdaCoreDefaults(p);
  return {
    ...core,
    memoryMinMb: p.memoryMinMb.value,
    memoryMaxMb: p.memoryMaxMb.value,
    maxRunMs: p.timeoutMaxMs.value,
    ephemeralStorage: `${settings.ephemeralStorageMb.toLocaleString('en-US')} MB${settings.ephemeralStorageMb > sheet.billing.ephemeralStorageIncludedMb.value ? ` (billed above ${sheet.billing.ephemeralStorageIncludedMb.value} MB)` : ' (included)'}`,
    provenance,
    figureDependencies: {
      ...figureDependencies,
      ...figuresDependingOn('provisioned', [
        'billing.provisionedGranularityMs',
        'billing.provisionedInitRate',
        'billing.provisionedRecycleMs',
      ]),
      // listed among the prices used (the keep-warm break-even reads them), they bear on the bill only with provisioned instances
      ...figuresDependingOn(
        'provisioned',
        Object.entries(sheet.regions).flatMap(([r, region]) =>
          Object.keys(region.architectures).flatMap((a) =>
            ['provisionedCapacity', 'provisionedDuration'].map((k) => `regions.${r}.architectures.${a}.${k}`),
          ),
        ),
      ),
      ...figuresDependingOn(
        ['free-tier', 'provisioned', 'default:free-tier-provisioned'],
        ['freeTier.excludesProvisionedFunctions'],
      ),
    },
  };
}

/**
 * AWS Fargate: defaults, INIT model and billing from pricing/aws-fargate.json, and the load
 * balancer's prices from pricing/aws-front-door.json when --front-door alb is given.
 */
import { join } from 'node:path';
import { inputError } from '../../errors.js';
import type { FigurePatch } from '../../pricing/figure.js';
import { loadFrontDoorSheet, type FrontDoorSheet } from '../shared/front-door.js';
import { sheetProvider } from '../shared/define.js';
import type { LoadedProvider, Provider, ProviderSettings } from '../types.js';
import { FargateMeter } from './billing.js';
import { fargateDefaults, fargateInitModel } from './platform.js';
import { AWS_FARGATE_OPTIONS } from './options.js';
import { FargateSheetSchema } from './sheet.js';

type FrontDoorOf = (settings: ProviderSettings, defaultRegion: string) => FrontDoorSheet | null;

/** The provider with the load-balancer sheet `frontDoor` gives for a run (the sheet is read only with --front-door alb). */
function fargate(frontDoor: FrontDoorOf): Provider {
  return sheetProvider({
    id: 'aws-fargate',
    label: 'AWS Fargate',
    options: AWS_FARGATE_OPTIONS,
    traits: { container: true, commonSettings: ['arch'] },
    schema: FargateSheetSchema,
    sheetName: 'AWS Fargate price sheet',
    defaults: (sheet, settings) => fargateDefaults(sheet, settings),
    initModel: (sheet) => fargateInitModel(sheet),
    meter: (sheet, settings) => new FargateMeter(sheet, settings, frontDoor(settings, sheet.defaultRegion)),
    usesColdStartData: false,
  });
}

export const awsFargate: Provider = {
  ...fargate(() => null),
  load(pricingDir: string, patches: readonly FigurePatch[] = []): LoadedProvider {
    let frontDoorSheet: FrontDoorSheet | undefined;
    const frontDoor: FrontDoorOf = (settings, defaultRegion) => {
      if (settings.frontDoor !== 'alb') return null;
      const region = settings.region ?? defaultRegion;
      if (region !== 'us-east-1')
        throw inputError(
          'NO_PRICE',
          `--front-door: faasim has load-balancer prices for us-east-1 only, not ${region}`,
        );
      frontDoorSheet ??= loadFrontDoorSheet(join(pricingDir, 'aws-front-door.json'));
      return frontDoorSheet;
    };
    return fargate(frontDoor).load(pricingDir, patches);
  },
};

/**
 * AWS Fargate: defaults, INIT model and billing from pricing/aws-fargate.json, and the load
 * balancer's prices from pricing/aws-front-door.json when --front-door alb is given.
 */
import { join } from 'node:path';
import { inputError } from '../../errors.js';
import type { FigurePatch } from '../../pricing/figure.js';
import { loadFrontDoorSheet, type FrontDoorSheet } from '../aws-lambda/front-door.js';
import { sheetProvider } from '../shared/define.js';
import type { LoadedProvider, Provider, ProviderSettings } from '../types.js';
import { FargateMeter } from './billing.js';
import { fargateDefaults, fargateInitModel } from './platform.js';
import { FargateSheetSchema } from './sheet.js';

const ID = 'aws-fargate';
const LABEL = 'AWS Fargate';

export const awsFargate: Provider = {
  id: ID,
  label: LABEL,
  container: true,
  options: ['frontDoor', 'spot', 'scaleToZero', 'vcpu'],
  load(pricingDir: string, patches: readonly FigurePatch[] = []): LoadedProvider {
    let frontDoorSheet: FrontDoorSheet | undefined;
    const frontDoor = (settings: ProviderSettings, defaultRegion: string): FrontDoorSheet | null => {
      if (settings.frontDoor !== 'alb') return null;
      const region = settings.region ?? defaultRegion;
      if (region !== 'us-east-1') throw inputError('NO_PRICE', `--front-door: faasim has load-balancer prices for us-east-1 only, not ${region}`);
      frontDoorSheet ??= loadFrontDoorSheet(join(pricingDir, 'aws-front-door.json'));
      return frontDoorSheet;
    };
    return sheetProvider({
      id: ID,
      label: LABEL,
      schema: FargateSheetSchema,
      sheetName: 'AWS Fargate price sheet',
      defaults: (sheet, settings) => fargateDefaults(sheet, settings),
      initModel: (sheet) => fargateInitModel(sheet),
      meter: (sheet, settings) => new FargateMeter(sheet, settings, frontDoor(settings, sheet.defaultRegion)),
      usesColdStartData: false,
    }).load(pricingDir, patches);
  },
};

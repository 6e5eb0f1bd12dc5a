/** Cloudflare Workers (Standard): platform defaults, INIT model and billing from pricing/cloudflare-workers.json. */
import { join } from 'node:path';
import { loadJsonFile } from '../../pricing/figure.js';
import { checkRegion } from '../shared/regions.js';
import type { LoadedProvider, Provider } from '../types.js';
import { CloudflareMeter } from './billing.js';
import { workersDefaults, workersInitModel } from './platform.js';
import { CloudflareSheetSchema } from './sheet.js';

const ID = 'cloudflare-workers';
const LABEL = 'Cloudflare Workers';

export const cloudflareWorkers: Provider = {
  id: ID,
  label: LABEL,
  load(pricingDir: string): LoadedProvider {
    const sheetFile = join(pricingDir, `${ID}.json`);
    const sheet = loadJsonFile(sheetFile, CloudflareSheetSchema, 'Cloudflare Workers price sheet');
    const regions = Object.keys(sheet.regions);
    return {
      id: ID,
      label: LABEL,
      sheetFile,
      defaultRegion: sheet.defaultRegion,
      regions,
      platformDefaults: (settings) => {
        checkRegion(settings, regions, LABEL, sheetFile);
        return workersDefaults(sheet);
      },
      initModel: () => workersInitModel(sheet),
      createMeter: (settings) => {
        checkRegion(settings, regions, LABEL, sheetFile);
        return new CloudflareMeter(sheet, settings);
      },
    };
  },
};

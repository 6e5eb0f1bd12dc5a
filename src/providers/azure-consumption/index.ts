/** Azure Functions Consumption plan: platform defaults, INIT model and billing from pricing/azure-consumption.json. */
import { join } from 'node:path';
import { loadJsonFile } from '../../pricing/figure.js';
import { COLDSTART_FILE, initModelFor, loadColdStarts } from '../shared/coldstarts.js';
import { checkRegion } from '../shared/regions.js';
import type { LoadedProvider, Provider } from '../types.js';
import { AzureConsumptionMeter } from './billing.js';
import { consumptionDefaults } from './platform.js';
import { AzureConsumptionSheetSchema } from './sheet.js';

const ID = 'azure-consumption';
const LABEL = 'Azure Functions Consumption';

export const azureConsumption: Provider = {
  id: ID,
  label: LABEL,
  load(pricingDir: string): LoadedProvider {
    const sheetFile = join(pricingDir, `${ID}.json`);
    const sheet = loadJsonFile(sheetFile, AzureConsumptionSheetSchema, 'Azure Consumption price sheet');
    const coldStarts = loadColdStarts(join(pricingDir, COLDSTART_FILE));
    const regions = Object.keys(sheet.regions);
    return {
      id: ID,
      label: LABEL,
      sheetFile,
      defaultRegion: sheet.defaultRegion,
      regions,
      platformDefaults: (settings) => {
        checkRegion(settings, regions, LABEL, sheetFile);
        return consumptionDefaults(sheet);
      },
      initModel: (settings) => initModelFor(coldStarts, 'azure-consumption', settings.runtime, 'javascript'),
      createMeter: (settings) => {
        checkRegion(settings, regions, LABEL, sheetFile);
        return new AzureConsumptionMeter(sheet, settings);
      },
    };
  },
};

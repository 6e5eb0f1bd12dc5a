/** Azure Functions Flex Consumption: platform defaults, INIT model and billing from pricing/azure-flex.json. */
import { join } from 'node:path';
import { loadJsonFile } from '../../pricing/figure.js';
import { COLDSTART_FILE, initModelFor, loadColdStarts } from '../shared/coldstarts.js';
import { checkRegion } from '../shared/regions.js';
import type { LoadedProvider, Provider } from '../types.js';
import { AzureFlexMeter } from './billing.js';
import { flexDefaults } from './platform.js';
import { AzureFlexSheetSchema } from './sheet.js';

const ID = 'azure-flex';
const LABEL = 'Azure Functions Flex Consumption';

export const azureFlex: Provider = {
  id: ID,
  label: LABEL,
  load(pricingDir: string): LoadedProvider {
    const sheetFile = join(pricingDir, `${ID}.json`);
    const sheet = loadJsonFile(sheetFile, AzureFlexSheetSchema, 'Azure Flex price sheet');
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
        return flexDefaults(sheet, settings);
      },
      // no published Flex measurement: Consumption on Linux stands in (Flex runs on Linux)
      initModel: (settings) => initModelFor(coldStarts, 'azure-consumption-linux', settings.runtime, 'javascript', 'measured on Consumption (Linux); no Flex measurement is published'),
      createMeter: (settings, memoryMb) => {
        checkRegion(settings, regions, LABEL, sheetFile);
        return new AzureFlexMeter(sheet, settings, memoryMb);
      },
    };
  },
};

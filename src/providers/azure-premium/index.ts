/** Azure Functions Premium (Elastic Premium EP1–EP3): defaults, INIT model and billing from pricing/azure-premium.json. */
import { join } from 'node:path';
import { loadJsonFile } from '../../pricing/figure.js';
import { COLDSTART_FILE, loadColdStarts, seriesInitModel } from '../shared/coldstarts.js';
import { checkRegion } from '../shared/regions.js';
import type { LoadedProvider, Provider } from '../types.js';
import { AzurePremiumMeter } from './billing.js';
import { premiumDefaults } from './platform.js';
import { AzurePremiumSheetSchema } from './sheet.js';

const ID = 'azure-premium';
const LABEL = 'Azure Functions Premium';

export const azurePremium: Provider = {
  id: ID,
  label: LABEL,
  load(pricingDir: string): LoadedProvider {
    const sheetFile = join(pricingDir, `${ID}.json`);
    const sheet = loadJsonFile(sheetFile, AzurePremiumSheetSchema, 'Azure Premium price sheet');
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
        return premiumDefaults(sheet);
      },
      // only C# was measured on Premium; it stands in for every runtime
      initModel: (settings) => seriesInitModel(coldStarts, 'azure-premium/csharp', settings.runtime.startsWith('dotnet') ? '' : `measured for C# only; used for ${settings.runtime}`),
      createMeter: (settings) => {
        checkRegion(settings, regions, LABEL, sheetFile);
        return new AzurePremiumMeter(sheet, settings);
      },
    };
  },
};

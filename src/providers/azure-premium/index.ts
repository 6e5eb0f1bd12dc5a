/** Azure Functions Premium (Elastic Premium EP1–EP3): defaults, INIT model and billing from pricing/azure-premium.json. */
import { CPU_FRACTION } from '../shared/cpu-fraction-option.js';
import { sheetProvider } from '../shared/define.js';
import { seriesInitModel } from '../shared/coldstarts.js';
import { AzurePremiumMeter } from './billing.js';
import { premiumDefaults } from './platform.js';
import { AzurePremiumSheetSchema } from './sheet.js';

export const azurePremium = sheetProvider({
  id: 'azure-premium',
  label: 'Azure Functions Premium',
  traits: { keepsPrewarmed: true, commonSettings: ['runtime'] },
  options: [CPU_FRACTION],
  schema: AzurePremiumSheetSchema,
  sheetName: 'Azure Premium price sheet',
  defaults: (sheet) => premiumDefaults(sheet),
  // only C# was measured on Premium; it stands in for every runtime
  initModel: (_sheet, settings, cs) =>
    seriesInitModel(
      cs!,
      'azure-premium/csharp',
      settings.runtime.startsWith('dotnet') ? '' : `measured for C# only; used for ${settings.runtime}`,
    ),
  meter: (sheet, settings) => new AzurePremiumMeter(sheet, settings),
});

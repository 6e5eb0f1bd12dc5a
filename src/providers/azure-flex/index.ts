/** Azure Functions Flex Consumption: platform defaults, INIT model and billing from pricing/azure-flex.json. */
import { CPU_FRACTION } from '../shared/cpu-fraction-option.js';
import { sheetProvider } from '../shared/define.js';
import { ALWAYS_READY } from './options.js';
import { initModelFor } from '../shared/coldstarts.js';
import { AzureFlexMeter } from './billing.js';
import { flexDefaults } from './platform.js';
import { AzureFlexSheetSchema } from './sheet.js';

export const azureFlex = sheetProvider({
  id: 'azure-flex',
  label: 'Azure Functions Flex Consumption',
  traits: { commonSettings: ['runtime', 'freeTier'] },
  options: [CPU_FRACTION, ALWAYS_READY],
  schema: AzureFlexSheetSchema,
  sheetName: 'Azure Flex price sheet',
  defaults: (sheet, settings) => flexDefaults(sheet, settings),
  // no published Flex measurement: Consumption on Linux stands in (Flex runs on Linux)
  initModel: (_sheet, settings, cs) =>
    initModelFor(
      cs!,
      'azure-consumption-linux',
      settings.runtime,
      'javascript',
      'measured on Consumption (Linux); no Flex measurement is published',
    ),
  meter: (sheet, settings, memoryMb) => new AzureFlexMeter(sheet, settings, memoryMb),
});

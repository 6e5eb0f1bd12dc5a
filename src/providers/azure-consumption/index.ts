/** Azure Functions Consumption plan: platform defaults, INIT model and billing from pricing/azure-consumption.json. */
import { sheetProvider } from '../shared/define.js';
import { initModelFor } from '../shared/coldstarts.js';
import { AzureConsumptionMeter } from './billing.js';
import { consumptionDefaults } from './platform.js';
import { AzureConsumptionSheetSchema } from './sheet.js';
import { OBSERVED_MEMORY } from './options.js';
import { CPU_FRACTION } from '../shared/cpu-fraction-option.js';

export const azureConsumption = sheetProvider({
  id: 'azure-consumption',
  label: 'Azure Functions Consumption',
  traits: { commonSettings: ['runtime', 'freeTier'] },
  options: [OBSERVED_MEMORY, CPU_FRACTION],
  schema: AzureConsumptionSheetSchema,
  sheetName: 'Azure Consumption price sheet',
  defaults: (sheet, settings) => consumptionDefaults(sheet, settings),
  initModel: (_sheet, settings, cs) => initModelFor(cs!, 'azure-consumption', settings.runtime, 'javascript'),
  meter: (sheet, settings, memoryMb) => new AzureConsumptionMeter(sheet, settings, memoryMb),
});

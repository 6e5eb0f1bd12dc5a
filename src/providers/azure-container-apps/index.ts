/** Azure Container Apps (Consumption plan): defaults, INIT model and billing from pricing/azure-container-apps.json. */
import { CPU_FRACTION } from '../shared/cpu-fraction-option.js';
import { sheetProvider } from '../shared/define.js';
import { ContainerAppsMeter } from './billing.js';
import { containerAppsDefaults, containerAppsInitModel } from './platform.js';
import { ContainerAppsSheetSchema } from './sheet.js';

export const azureContainerApps = sheetProvider({
  id: 'azure-container-apps',
  label: 'Azure Container Apps',
  traits: { container: true, commonSettings: ['freeTier'] },
  options: [CPU_FRACTION],
  schema: ContainerAppsSheetSchema,
  sheetName: 'Azure Container Apps price sheet',
  defaults: (sheet) => containerAppsDefaults(sheet),
  initModel: (sheet) => containerAppsInitModel(sheet),
  meter: (sheet, settings) => new ContainerAppsMeter(sheet, settings),
  usesColdStartData: false,
});

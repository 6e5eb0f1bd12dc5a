/** Cloudflare Workers (Standard): platform defaults, INIT model and billing from pricing/cloudflare-workers.json. */
import { sheetProvider } from '../shared/define.js';
import { CloudflareMeter } from './billing.js';
import { workersDefaults, workersInitModel } from './platform.js';
import { CloudflareSheetSchema } from './sheet.js';
import { CPU_FRACTION } from '../shared/cpu-fraction-option.js';

export const cloudflareWorkers = sheetProvider({
  id: 'cloudflare-workers',
  label: 'Cloudflare Workers',
  traits: { commonSettings: ['freeTier'] },
  options: [CPU_FRACTION],
  schema: CloudflareSheetSchema,
  sheetName: 'Cloudflare Workers price sheet',
  defaults: (sheet) => workersDefaults(sheet),
  initModel: (sheet) => workersInitModel(sheet),
  meter: (sheet, settings) => new CloudflareMeter(sheet, settings),
  usesColdStartData: false,
});

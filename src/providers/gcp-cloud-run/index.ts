/** Google Cloud Run (services and Cloud Run functions): defaults, INIT model and billing from pricing/gcp-cloud-run.json. */
import { CPU_FRACTION } from '../shared/cpu-fraction-option.js';
import { sheetProvider } from '../shared/define.js';
import { initModelFor } from '../shared/coldstarts.js';
import { CloudRunMeter } from './billing.js';
import { cloudRunDefaults } from './platform.js';
import { CloudRunSheetSchema } from './sheet.js';
import { BILLING_MODE } from './options.js';

export const gcpCloudRun = sheetProvider({
  id: 'gcp-cloud-run',
  label: 'Google Cloud Run',
  traits: { commonSettings: ['runtime', 'freeTier'] },
  options: [BILLING_MODE, CPU_FRACTION],
  schema: CloudRunSheetSchema,
  sheetName: 'Cloud Run price sheet',
  defaults: (sheet, settings) => cloudRunDefaults(sheet, settings),
  // no recent independent Cloud Run measurement: Cloud Functions (1st gen), 2021, stands in
  initModel: (_sheet, settings, cs) =>
    initModelFor(
      cs!,
      'gcp-functions-gen1',
      settings.runtime,
      'javascript',
      'measured on Cloud Functions (1st gen); no independent Cloud Run measurement found',
    ),
  meter: (sheet, settings) => new CloudRunMeter(sheet, settings),
});

/** Google Cloud Run (services and Cloud Run functions): defaults, INIT model and billing from pricing/gcp-cloud-run.json. */
import { join } from 'node:path';
import { loadJsonFile } from '../../pricing/figure.js';
import { COLDSTART_FILE, initModelFor, loadColdStarts } from '../shared/coldstarts.js';
import { checkRegion } from '../shared/regions.js';
import type { LoadedProvider, Provider } from '../types.js';
import { CloudRunMeter } from './billing.js';
import { cloudRunDefaults } from './platform.js';
import { CloudRunSheetSchema } from './sheet.js';

const ID = 'gcp-cloud-run';
const LABEL = 'Google Cloud Run';

export const gcpCloudRun: Provider = {
  id: ID,
  label: LABEL,
  load(pricingDir: string): LoadedProvider {
    const sheetFile = join(pricingDir, `${ID}.json`);
    const sheet = loadJsonFile(sheetFile, CloudRunSheetSchema, 'Cloud Run price sheet');
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
        return cloudRunDefaults(sheet, settings);
      },
      // no recent independent Cloud Run measurement: Cloud Functions (1st gen), 2021, stands in
      initModel: (settings) => initModelFor(coldStarts, 'gcp-functions-gen1', settings.runtime, 'javascript', 'measured on Cloud Functions (1st gen); no independent Cloud Run measurement found'),
      createMeter: (settings) => {
        checkRegion(settings, regions, LABEL, sheetFile);
        return new CloudRunMeter(sheet, settings);
      },
    };
  },
};

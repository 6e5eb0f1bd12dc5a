/** Google Cloud Functions (1st gen): platform defaults, INIT model and billing from pricing/gcp-functions-gen1.json. */
import { join } from 'node:path';
import { loadJsonFile } from '../../pricing/figure.js';
import { COLDSTART_FILE, initModelFor, loadColdStarts } from '../shared/coldstarts.js';
import { checkRegion } from '../shared/regions.js';
import type { LoadedProvider, Provider } from '../types.js';
import { GcfGen1Meter } from './billing.js';
import { gcfGen1Defaults } from './platform.js';
import { GcfGen1SheetSchema } from './sheet.js';

const ID = 'gcp-functions-gen1';
const LABEL = 'Google Cloud Functions (1st gen)';

export const gcpFunctionsGen1: Provider = {
  id: ID,
  label: LABEL,
  load(pricingDir: string): LoadedProvider {
    const sheetFile = join(pricingDir, `${ID}.json`);
    const sheet = loadJsonFile(sheetFile, GcfGen1SheetSchema, 'Cloud Functions (1st gen) price sheet');
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
        return gcfGen1Defaults(sheet);
      },
      initModel: (settings) => initModelFor(coldStarts, 'gcp-functions-gen1', settings.runtime, 'javascript'),
      createMeter: (settings) => {
        checkRegion(settings, regions, LABEL, sheetFile);
        return new GcfGen1Meter(sheet, settings);
      },
    };
  },
};

/** Google Cloud Functions (1st gen): platform defaults, INIT model and billing from pricing/gcp-functions-gen1.json. */
import { sheetProvider } from '../shared/define.js';
import { initModelFor } from '../shared/coldstarts.js';
import { GcfGen1Meter } from './billing.js';
import { gcfGen1Defaults } from './platform.js';
import { GcfGen1SheetSchema } from './sheet.js';

export const gcpFunctionsGen1 = sheetProvider({
  id: 'gcp-functions-gen1',
  label: 'Google Cloud Functions (1st gen)',
  traits: { commonSettings: ['runtime', 'freeTier'] },
  schema: GcfGen1SheetSchema,
  sheetName: 'Cloud Functions (1st gen) price sheet',
  defaults: (sheet) => gcfGen1Defaults(sheet),
  initModel: (_sheet, settings, cs) =>
    initModelFor(cs!, 'gcp-functions-gen1', settings.runtime, 'javascript'),
  meter: (sheet, settings) => new GcfGen1Meter(sheet, settings),
});

/**
 * The wiring every provider with a price sheet shares: read and validate pricing/<id>.json (and the
 * cold-start measurements, when the provider draws on them), refuse regions the sheet has no prices
 * for, and hand the sheet to the provider's own defaults, INIT model and meter.
 */
import { join } from 'node:path';
import type { z } from 'zod';
import { loadJsonFile, type FigurePatch } from '../../pricing/figure.js';
import type {
  BillingMeter,
  InitModel,
  LoadedProvider,
  PlatformDefaults,
  Provider,
  ProviderSettings,
} from '../types.js';
import { COLDSTART_FILE, loadColdStarts, type ColdStartData } from './coldstarts.js';
import { checkRegion } from './regions.js';
import type { AnyProviderOption } from '../option-spec.js';

export interface SheetProviderSpec<S extends { regions: Record<string, unknown>; defaultRegion: string }> {
  id: string;
  label: string;
  schema: z.ZodType<S>;
  /** what the sheet is called in error messages */
  sheetName: string;
  defaults: (sheet: S, settings: ProviderSettings) => PlatformDefaults;
  /** `coldStarts` is null unless `usesColdStartData` */
  initModel: (sheet: S, settings: ProviderSettings, coldStarts: ColdStartData | null) => InitModel;
  meter: (sheet: S, settings: ProviderSettings, memoryMb: (fn: number) => number) => BillingMeter;
  /**
   * Where its sheet is, given the pricing folder of the run; absent: pricing/<id>.json. A provider
   * kept outside faasim (a plug-in, a test's toy) points at its own file.
   */
  sheetFile?: (pricingDir: string) => string;
  /** read pricing/coldstarts-shilkov-2021.json (default true) */
  usesColdStartData?: boolean;
  /** the platform-specific settings it takes, declared in its folder's options.ts (providers/option-spec.ts) */
  options?: readonly AnyProviderOption[];
  /** what else the Provider declares (keepWarmLines, powerTuned, keepsPrewarmed, container, commonSettings) */
  traits?: Pick<Provider, 'keepWarmLines' | 'powerTuned' | 'keepsPrewarmed' | 'container' | 'commonSettings'>;
}

export function sheetProvider<S extends { regions: Record<string, unknown>; defaultRegion: string }>(
  spec: SheetProviderSpec<S>,
): Provider {
  return {
    id: spec.id,
    label: spec.label,
    ...(spec.options ? { options: spec.options } : {}),
    ...spec.traits,
    sheetSchema: spec.schema,
    load(pricingDir: string, patches: readonly FigurePatch[] = []): LoadedProvider {
      const sheetFile = spec.sheetFile ? spec.sheetFile(pricingDir) : join(pricingDir, `${spec.id}.json`);
      const sheet = loadJsonFile(sheetFile, spec.schema, spec.sheetName, patches);
      const coldStarts =
        spec.usesColdStartData === false ? null : loadColdStarts(join(pricingDir, COLDSTART_FILE), patches);
      const regions = Object.keys(sheet.regions);
      const inRegion = (settings: ProviderSettings): void =>
        checkRegion(settings, regions, spec.label, sheetFile);
      return {
        id: spec.id,
        label: spec.label,
        sheetFile,
        defaultRegion: sheet.defaultRegion,
        regions,
        platformDefaults: (settings) => {
          inRegion(settings);
          return spec.defaults(sheet, settings);
        },
        initModel: (settings) => spec.initModel(sheet, settings, coldStarts),
        createMeter: (settings, memoryMb) => {
          inRegion(settings);
          return spec.meter(sheet, settings, memoryMb);
        },
      };
    },
  };
}

import { inputError } from '../../errors.js';
import type { ProviderSettings } from '../types.js';

/** Refuses a region the price sheet has no prices for. */
export function checkRegion(
  settings: ProviderSettings,
  regions: readonly string[],
  label: string,
  sheetFile: string,
): void {
  if (settings.region !== null && !regions.includes(settings.region)) {
    throw inputError(
      'UNKNOWN_REGION',
      `region "${settings.region}" has no ${label} prices in ${sheetFile}; known: ${regions.join(', ')}`,
      { file: sheetFile },
    );
  }
}

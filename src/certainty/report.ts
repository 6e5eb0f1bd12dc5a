/**
 * A simulate report with what --replicates and --sensitivity add: the run's own report unchanged,
 * then their sections (table), rows (CSV) or keys (JSON, `replicates` and `sensitivity` after every
 * existing key). Without either, exactly the plain report.
 */
import { cell, renderCsv } from '../report/render/csv.js';
import { RENDERERS } from '../report/render/index.js';
import type { OutputFormat } from '../scenario/resolve.js';
import type { SimulationResult } from '../simulate.js';
import { replicatesCsvRows, replicatesTable } from './render-replicates.js';
import type { ReplicateSummary } from './replicates.js';
import { sensitivityCsvRows, sensitivityTable } from './render-sensitivity.js';
import type { SensitivityRow } from './sensitivity.js';

export interface CertaintyExtras {
  replicates?: ReplicateSummary;
  sensitivity?: SensitivityRow[];
}

export function renderWithCertainty(
  format: OutputFormat,
  result: SimulationResult,
  extras: CertaintyExtras,
): string {
  const { replicates, sensitivity } = extras;
  if (format === 'json') {
    const extended = {
      ...result,
      ...(replicates ? { replicates } : {}),
      ...(sensitivity ? { sensitivity } : {}),
    };
    return RENDERERS.json(extended as SimulationResult);
  }
  if (format === 'csv') {
    const rows = [
      ...(replicates ? replicatesCsvRows(replicates) : []),
      ...(sensitivity ? sensitivityCsvRows(sensitivity) : []),
    ];
    return renderCsv(result) + rows.map((row) => row.map(cell).join(',') + '\n').join('');
  }
  const sections = [
    ...(replicates ? [replicatesTable(replicates, result)] : []),
    ...(sensitivity ? [sensitivityTable(sensitivity)] : []),
  ];
  return RENDERERS.table(result) + sections.map((s) => s + '\n').join('');
}

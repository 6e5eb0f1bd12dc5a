import type { SimulationResult } from '../../run/result.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export const RENDERERS = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  markdown: renderMarkdown,
} as const satisfies Record<string, (r: SimulationResult) => string>;
export { renderCsv, renderJson, renderMarkdown, renderTable };

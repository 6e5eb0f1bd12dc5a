/**
 * Every registered provider's price-sheet schema by provider id, in id order: what `faasim
 * validate` checks a sheet against and what `npm run schemas` writes to
 * schemas/price-sheet.<id>.schema.json. Each provider declares its own (Provider.sheetSchema).
 */
import type { z } from 'zod';
import { allProviders } from './registry.js';

export function sheetSchemas(): Readonly<Record<string, z.ZodType>> {
  const out: Record<string, z.ZodType> = {};
  for (const p of [...allProviders()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    if (p.sheetSchema) out[p.id] = p.sheetSchema;
  return out;
}

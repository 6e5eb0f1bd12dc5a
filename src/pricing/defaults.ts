/**
 * Defaults that are facts rather than prices (pricing/defaults.json, each with its source): a
 * keep-warm ping's duration, target tracking of provisioned instances, and AWS Lambda Power
 * Tuning's own per-ms price. Read once, through the sheet loader, when first asked for.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { defaultPricingDir } from './dir.js';
import { FigureSchema, loadJsonFile } from './figure.js';

export const DefaultsSheetSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string(),
    checked: z.string(),
    notes: z.array(z.string()),
    pings: z.object({ durationMs: FigureSchema, chainLagMs: FigureSchema }).strict(),
    autoScaling: z
      .object({
        targetUtilization: FigureSchema,
        scaleOutMinutes: FigureSchema,
        scaleInMinutes: FigureSchema,
        scaleInRatio: FigureSchema,
        allocationDelayMs: FigureSchema,
        minLevel: FigureSchema,
        maxLevel: FigureSchema,
      })
      .strict(),
    powerTuning: z.object({ baseCostX86PerMs: FigureSchema, baseCostArmPerMs: FigureSchema }).strict(),
  })
  .strict();

export type DefaultsSheet = z.infer<typeof DefaultsSheetSchema>;

export const DEFAULTS_FILE = 'defaults.json';

let cached: DefaultsSheet | undefined;

export function defaultsSheet(): DefaultsSheet {
  cached ??= loadJsonFile(join(defaultPricingDir(), DEFAULTS_FILE), DefaultsSheetSchema, 'defaults sheet');
  return cached;
}

/** Target tracking's defaults for --provisioned auto (Application Auto Scaling on Lambda). */
export function autoScalingDefaults(): {
  targetUtilization: number;
  minLevel: number;
  maxLevel: number;
  scaleOutMinutes: number;
  scaleInMinutes: number;
  scaleInRatio: number;
  allocationDelayMs: number;
} {
  const a = defaultsSheet().autoScaling;
  return {
    targetUtilization: a.targetUtilization.value,
    minLevel: a.minLevel.value,
    maxLevel: a.maxLevel.value,
    scaleOutMinutes: a.scaleOutMinutes.value,
    scaleInMinutes: a.scaleInMinutes.value,
    scaleInRatio: a.scaleInRatio.value,
    allocationDelayMs: a.allocationDelayMs.value,
  };
}

/** How long a keep-warm ping holds its instance, and how long after the first a chained ping arrives. */
export function pingDefaults(): { durationMs: number; chainLagMs: number } {
  const p = defaultsSheet().pings;
  return { durationMs: p.durationMs.value, chainLagMs: p.chainLagMs.value };
}

/** Power Tuning's per-ms price at 128 MB by architecture (its template's "default" baseCosts). */
export function powerTuningBaseCost(): { x86_64: number; arm64: number } {
  const p = defaultsSheet().powerTuning;
  return { x86_64: p.baseCostX86PerMs.value, arm64: p.baseCostArmPerMs.value };
}

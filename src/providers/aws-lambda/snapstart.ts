/**
 * AWS Lambda SnapStart (pricing/aws-lambda-snapstart.json): which runtimes take it, the restore
 * latency that replaces INIT on a cold start, and its two charges (snapshot cache per GB-s while the
 * version is active, and per GB restored). Kept apart from aws-lambda.json so that a run without
 * --snapstart reads, lists and rests on none of it.
 */
import { z } from 'zod';
import { inputError } from '../../errors.js';
import { makeSampler, type DistributionSpec } from '../../model/distribution.js';
import {
  FigureSchema,
  loadJsonFile,
  unconfirmedFigures,
  type UnconfirmedFigure,
} from '../../pricing/figure.js';
import type { InitModel, PackageType } from '../types.js';
import { SIDE_SHEET_HEAD } from '../shared/side-sheet.js';

export const SnapStartSheetSchema = z
  .object({
    ...SIDE_SHEET_HEAD,
    runtimes: z
      .object({
        supported: z.array(z.string()).min(1),
        billed: z.array(z.string()),
        source: z.string().url(),
        effective: z.string(),
        note: z.string(),
      })
      .strict()
      .refine((r) => r.billed.every((b) => r.supported.includes(b)), {
        message: 'every billed runtime must be a supported one',
      }),
    prices: z
      .object({ cachePerGbS: FigureSchema, restorePerGb: FigureSchema, cacheMinimumMs: FigureSchema })
      .strict(),
    restore: z.object({ medianMs: FigureSchema, p99Ms: FigureSchema }).strict(),
  })
  .strict();

export type SnapStartSheet = z.infer<typeof SnapStartSheetSchema>;

export function loadSnapStartSheet(file: string): SnapStartSheet {
  return loadJsonFile(file, SnapStartSheetSchema, 'AWS Lambda SnapStart sheet');
}

/** What a run with --snapstart must satisfy, as AWS documents it; each refusal is one line naming what would work. */
export function checkSnapStart(
  sheet: SnapStartSheet,
  runtime: string,
  packageType: PackageType,
  ephemeralStorageMb: number,
  includedStorageMb: number,
): void {
  const r = sheet.runtimes;
  if (!r.supported.includes(runtime)) {
    throw inputError(
      'SNAPSTART_RUNTIME',
      `--snapstart: AWS Lambda SnapStart supports the runtimes ${r.supported.join(', ')} (Java 11+, Python 3.12+, .NET 8+); not ${runtime}`,
    );
  }
  if (packageType === 'image')
    throw inputError(
      'SNAPSTART_IMAGE',
      '--snapstart: AWS Lambda SnapStart does not support container images (--package-type zip)',
    );
  if (ephemeralStorageMb > includedStorageMb) {
    throw inputError(
      'SNAPSTART_STORAGE',
      `--snapstart: AWS Lambda SnapStart does not support ephemeral storage above ${includedStorageMb} MB`,
    );
  }
}

/** The restore latency every SnapStart cold start waits for: the user's, or the sheet's published default. */
export function restoreModel(sheet: SnapStartSheet, given: DistributionSpec | undefined): InitModel {
  const spec: DistributionSpec = given ?? {
    kind: 'lognormal',
    medianMs: sheet.restore.medianMs.value,
    p99Ms: sheet.restore.p99Ms.value,
  };
  const sampler = makeSampler(spec);
  return {
    sampler,
    description: given
      ? `SnapStart restore (--restore), mean ${sampler.meanMs.toFixed(1)} ms`
      : `SnapStart restore, lognormal median ${sheet.restore.medianMs.value} ms, p99 ${sheet.restore.p99Ms.value} ms (${sheet.restore.medianMs.source}, unconfirmed; --restore to give yours)`,
  };
}

/** The sheet's unconfirmed figures a run rests on: the default restore latency only when --restore was not given. */
export function snapStartUnconfirmed(sheet: SnapStartSheet, restoreGiven: boolean): UnconfirmedFigure[] {
  return unconfirmedFigures(sheet, 'snapstart').filter(
    (u) => !(restoreGiven && u.path.startsWith('snapstart.restore.')),
  );
}

/** What a SnapStart run used in the span: GB restored, and the functions' configured memory (each one version cached). */
export interface SnapStartUse {
  restores: number;
  restoredGb: number;
  /** configured memory of each function, MB: each caches one version's snapshot for the whole span */
  functionMemoryMb: number[];
}

/**
 * The two SnapStart lines. The cache is billed for as long as the version is active: faasim takes
 * every function's version to be active for the whole month (30 days, far above the 3-hour minimum),
 * so the span's share is memory × span. The snapshot is priced at the configured memory, as AWS's
 * worked example does.
 */
export function snapStartLines(
  sheet: SnapStartSheet,
  runtime: string,
  use: SnapStartUse,
  spanMs: number,
  factor: number,
  price: (name: string, f: SnapStartSheet['prices']['cachePerGbS']) => number,
  /** quantities are monthly, as every line's */
  line: (
    id: string,
    label: string,
    quantity: number,
    unit: string,
    monthlyUsd: number,
    note?: string,
  ) => void,
): void {
  const billed = sheet.runtimes.billed.includes(runtime);
  const cachePrice = billed ? price('SnapStart cache', sheet.prices.cachePerGbS) : 0;
  const restorePrice = billed ? price('SnapStart restore', sheet.prices.restorePerGb) : 0;
  const cacheGbS = use.functionMemoryMb.reduce((a, mb) => a + mb / 1024, 0) * (spanMs / 1000);
  const minHours = sheet.prices.cacheMinimumMs.value / 3_600_000;
  const free = billed ? '' : `; no charge for ${runtime} (SnapStart for Java costs nothing extra)`;
  line(
    'snapstart-cache',
    'SnapStart cache',
    cacheGbS * factor,
    'GB-s',
    cacheGbS * factor * cachePrice,
    `${use.functionMemoryMb.length} version${use.functionMemoryMb.length === 1 ? '' : 's'} cached all month at configured memory (minimum ${minHours} h)${free}`,
  );
  line(
    'snapstart-restore',
    'SnapStart restores',
    use.restoredGb * factor,
    'GB',
    use.restoredGb * factor * restorePrice,
    `${Math.round(use.restores * factor).toLocaleString('en-US')} restores a month × configured memory; restore latency not billed as duration (AWS bills the runtime load and after-restore hooks of a restore: not modelled)${free}`,
  );
}

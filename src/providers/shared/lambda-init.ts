/**
 * Measured Lambda INIT durations (maxday/lambda-perf, pricing/aws-lambda-init.json): 10 cold starts
 * per runtime × package × architecture × memory. A cold start draws one of the ten values measured
 * for the closest configuration, so the simulated INIT has the measured spread, not just its mean.
 */
import { z } from 'zod';
import { inputError } from '../../errors.js';
import { makeSampler } from '../../model/distribution.js';
import { FigureSchema, loadJsonFile, type FigurePatch } from '../../pricing/figure.js';
import type { Architecture, InitModel, PackageType } from '../types.js';

export const InitDataSchema = z
  .object({
    source: z.string(),
    license: z.string(),
    generatedAt: z.string(),
    what: z.string(),
    /**
     * multiple of the measured INIT a cold start takes (1 = as measured); a figure so that
     * --sensitivity can bound it: the measurements are of hello-world functions
     */
    initScale: FigureSchema.optional(),
    runtimes: z.record(
      z.string(),
      z
        .object({
          label: z.string(),
          customRuntime: z.boolean(),
          cells: z.record(z.string(), z.array(z.number().nonnegative()).min(1)),
        })
        .strict(),
    ),
  })
  .strict();

export type InitData = z.infer<typeof InitDataSchema>;

export const INIT_DATA_FILE = 'aws-lambda-init.json';

export function loadInitData(file: string, patches: readonly FigurePatch[] = []): InitData {
  return loadJsonFile(file, InitDataSchema, 'INIT measurement table', patches);
}

export function lambdaInitModel(
  data: InitData,
  runtime: string,
  pkg: PackageType,
  arch: Architecture,
  memoryMb: number,
): InitModel {
  // own keys only: `--runtime constructor` is an unknown runtime, not Object's constructor
  const rt = Object.hasOwn(data.runtimes, runtime) ? data.runtimes[runtime] : undefined;
  if (!rt) {
    throw inputError(
      'UNKNOWN_RUNTIME',
      `unknown runtime "${runtime}"; measured runtimes are: ${Object.keys(data.runtimes).join(', ')}; or give --init`,
      {},
    );
  }
  const prefix = `${pkg}/${arch}/`;
  const measured = Object.keys(rt.cells)
    .filter((k) => k.startsWith(prefix))
    .map((k) => Number(k.slice(prefix.length)));
  if (measured.length === 0) {
    throw inputError(
      'NO_INIT_DATA',
      `no INIT measurements for ${runtime} as a ${pkg} package on ${arch}; give --init`,
      {},
    );
  }
  // closest on a log scale: INIT barely depends on memory, so the nearest measured size stands in
  const closest = measured.reduce((best, m) =>
    Math.abs(Math.log(m / memoryMb)) < Math.abs(Math.log(best / memoryMb)) ? m : best,
  );
  const measuredMs = rt.cells[`${prefix}${closest}`] as number[];
  const scale = data.initScale?.value ?? 1;
  // × 1 changes no bit, so the model as measured is the same with or without the figure
  const values = scale === 1 ? measuredMs : measuredMs.map((v) => v * scale);
  const sampler = makeSampler({ kind: 'empirical', valuesMs: values });
  const at =
    closest === memoryMb ? `at ${memoryMb} MB` : `measured at ${closest} MB (closest to ${memoryMb} MB)`;
  return {
    sampler,
    description: `${runtime} ${pkg} ${arch} ${at}: ${values.length} measured INITs${scale === 1 ? '' : ` × ${scale}`}, mean ${sampler.meanMs.toFixed(1)} ms (maxday/lambda-perf ${data.generatedAt.slice(0, 10)})`,
    ...(data.initScale ? { figures: [{ file: INIT_DATA_FILE, path: 'initScale' }] } : {}),
  };
}

export function isCustomRuntime(data: InitData, runtime: string): boolean {
  return (
    (Object.hasOwn(data.runtimes, runtime) ? data.runtimes[runtime]?.customRuntime : undefined) ??
    runtime.startsWith('provided')
  );
}

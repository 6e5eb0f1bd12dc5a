/** The schema of pricing/aws-fargate.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { ASYNC_RETRY_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';

const Rates = z.object({ vcpuS: FigureSchema, gbS: FigureSchema }).strict();

export const FargateSheetSchema = priceSheetSchema('aws-fargate', z.object({}).strict(), {
  rates: z.object({ x86_64: Rates, arm64: Rates }).strict(),
  spotDiscount: FigureSchema,
  billing: z.object({ minimumMs: FigureSchema, stepMs: FigureSchema, startBilled: FigureSchema }).strict(),
  /** the task sizes Fargate accepts: each vCPU with the memory values it allows */
  sizes: z
    .array(z.object({ vcpu: FigureSchema, memoryMb: z.array(z.number().int().positive()).min(1) }).strict())
    .min(1),
  platform: z
    .object({
      defaultTargetConcurrency: FigureSchema,
      minTasksDefault: FigureSchema,
      scaleInAfterMs: FigureSchema,
      taskStartMs: FigureSchema,
      lbIdleTimeoutMs: FigureSchema,
      maxTasksDefault: FigureSchema,
      ...ASYNC_RETRY_SHAPE,
    })
    .strict(),
});

export type FargateSheet = z.infer<typeof FargateSheetSchema>;

/** Every memory value some task size allows, ascending. */
export function taskMemoriesMb(sheet: FargateSheet): number[] {
  return [...new Set(sheet.sizes.flatMap((s) => s.memoryMb))].sort((a, b) => a - b);
}

/** The task's vCPU: `vcpu` when given (--vcpu), else the fewest Fargate pairs with `memoryMb`, the cheapest task of that memory. */
export function vcpuOfTask(sheet: FargateSheet, memoryMb: number, vcpu?: number): number {
  if (vcpu !== undefined) return vcpu;
  const fits = sheet.sizes.filter((s) => s.memoryMb.includes(memoryMb)).map((s) => s.vcpu.value);
  if (fits.length === 0) throw new Error(`Fargate offers no task with ${memoryMb} MiB`);
  return Math.min(...fits);
}

/** The schema of pricing/azure-container-apps.json. */
import { z } from 'zod';
import { FigureSchema } from '../../pricing/figure.js';
import { ASYNC_RETRY_SHAPE, priceSheetSchema } from '../shared/sheet-schema.js';

export const ContainerAppsSheetSchema = priceSheetSchema('azure-container-apps', z.object({}).strict(), {
  rates: z
    .object({
      activeVcpuS: FigureSchema,
      idleVcpuS: FigureSchema,
      activeGibS: FigureSchema,
      idleGibS: FigureSchema,
      requestsPerMillion: FigureSchema,
    })
    .strict(),
  freeGrant: z.object({ vcpuS: FigureSchema, gibS: FigureSchema, requests: FigureSchema }).strict(),
  sizes: z
    .object({ minMemoryMb: FigureSchema, maxMemoryMb: FigureSchema, memoryMbPerVcpu: FigureSchema })
    .strict(),
  platform: z
    .object({
      defaultConcurrency: FigureSchema,
      maxReplicasDefault: FigureSchema,
      maxReplicasLimit: FigureSchema,
      cooldownMs: FigureSchema,
      replicaStartMs: FigureSchema,
      ingressTimeoutMs: FigureSchema,
      ...ASYNC_RETRY_SHAPE,
    })
    .strict(),
});

export type ContainerAppsSheet = z.infer<typeof ContainerAppsSheetSchema>;

/** Replica sizes: memory from the smallest to the largest in steps of a quarter vCPU's memory. */
export function replicaSizesMb(sheet: ContainerAppsSheet): number[] {
  const s = sheet.sizes;
  const step = s.memoryMbPerVcpu.value / 4;
  const out: number[] = [];
  for (let mb = s.minMemoryMb.value; mb <= s.maxMemoryMb.value; mb += step) out.push(mb);
  return out;
}

/** A replica's vCPU: its memory at 2 GiB per vCPU. */
export function vcpuOfReplica(sheet: ContainerAppsSheet, memoryMb: number): number {
  return memoryMb / sheet.sizes.memoryMbPerVcpu.value;
}
